//! `cargo xtask`: project automation (install, build, dev stack, tests), in Rust, not shell.

mod bench;
mod build;
mod cmd;
mod dashboard;
mod deploy;
mod install;
mod legacy_tx;
mod minify;
mod payout;
mod stack;
mod sweep;
mod test;
mod tools;
mod wasm_profile;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  dev      install what is missing, build, migrate, start anvil + wrangler dev, print the URLs
  test     install what is missing, then run every test tier; ends with `N passed, N failed`
  build    build the pay page (dist/) and the worker (edge/build/), skipping what is fresh
  bench    build, then print sizes, cold start and API throughput; writes bench/RESULTS.md
           (--sizes: only what ships, and what the payer fields cost a page)
  install  install the pinned toolchain only

payout mode's contracts:
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => stack::dev(),
        Some("test") => test::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("build") => install::ensure().and_then(|tools| build::all(&tools)),
        Some("install") => install::ensure().map(|_| ()),
        Some("contracts") => payout::contracts(&args[1..]),
        Some("create2") => payout::create2(&args[1..]),
        Some("deploy-factory") => deploy::run(&args[1..]),
        Some("sweep") => sweep::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}{}\n{}", payout::USAGE, sweep::USAGE);
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}{}\n{}", payout::USAGE, sweep::USAGE);
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
