//! `cargo xtask test`: every tier, one tally, one closing line `N passed, N failed`.

use std::process::Command;

use crate::build;
use crate::cmd::{self, Result, run_tee, step};
use crate::install;
use crate::tools::Tools;

/// Counts across tiers. A lint or a tier that fails without reporting counts is one failure.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            self.failures.push(name.to_owned());
        }
    }

    /// Adds a runner's counts; a non-zero exit with no failure counted is still a failure.
    fn add(&mut self, name: &str, ok: bool, (passed, failed): (u64, u64)) {
        self.passed += passed;
        self.failed += failed;
        if failed > 0 || !ok {
            self.failures.push(name.to_owned());
        }
        if !ok && failed == 0 {
            self.failed += 1;
        }
    }
}

pub fn run() -> Result<()> {
    let tools = install::ensure()?;
    install::ensure_browser()?;
    install::ensure_python_tools(&tools)?;
    let mut tally = Tally::default();

    step("lint: rustfmt");
    let (ok, _) = run_tee(
        tools
            .command("cargo")
            .args(["fmt", "--all", "--", "--check"]),
    )?;
    tally.check("cargo fmt --check", ok);

    step("lint: clippy (host)");
    let (ok, _) = run_tee(tools.command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("cargo clippy (host)", ok);

    step("lint: clippy (wasm32: worker, pay page and dashboard)");
    let (ok, _) = run_tee(tools.command("cargo").args([
        "clippy",
        "--quiet",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "paylink-edge",
        "-p",
        "paylink-widget",
        "-p",
        "paylink-dashboard",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("cargo clippy (wasm32)", ok);

    // Every deposit address in payout mode is a hash of this bytecode: drift must fail.
    step("lint: contracts/build/ matches a fresh compile of contracts/");
    let ok = cmd::run(
        tools
            .command("node")
            .args(["contracts/compile.mjs", "--check"]),
    )
    .is_ok();
    tally.check("contracts bytecode", ok);

    step("host unit tests");
    let (ok, out) = run_tee(
        tools
            .command("cargo")
            .args(["test", "--workspace", "--quiet"]),
    )?;
    tally.add("cargo test --workspace", ok, cargo_counts(&out));

    step("JavaScript unit tests (the worker's and the pages' scripts, node's test runner)");
    let (ok, out) = run_tee(&mut js_unit_command(&tools)?)?;
    tally.add("JavaScript unit tests", ok, node_counts(&out));

    step("wasm component tests (pay page components in headless Chromium)");
    let (ok, out) = run_tee(
        tools
            .command("cargo")
            // No --quiet: cargo passes it on to wasm-bindgen-test-runner, which refuses it.
            .args([
                "test",
                "-p",
                "paylink-widget",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["--test", "components"])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                tools.cargo_tool("wasm-bindgen-test-runner"),
            )
            // Chromium's flags for this machine are in widget/webdriver.json.
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )?;
    tally.add("wasm component tests", ok, cargo_counts(&out));

    step("building the pay page and the worker for the end-to-end tests");
    let built = build::all(&tools);
    if let Err(e) = &built {
        eprintln!("{e}");
    }
    tally.check("build (trunk + worker-build)", built.is_ok());

    if built.is_ok() {
        step("end-to-end tests (wrangler dev + anvil + Chromium)");
        let (ok, out) = run_tee(&mut e2e_command(&tools)?)?;
        tally.add("end-to-end tests", ok, node_counts(&out));
    }

    println!();
    if !tally.failures.is_empty() {
        println!("failed: {}", tally.failures.join("; "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err(crate::cmd::Error("some checks failed".into()))
    }
}

/// Where JavaScript unit tests live: beside the scripts they test, in the crates' sources.
const JS_UNIT_DIRS: [&str; 2] = ["edge/src", "widget"];

/// `*.test.mjs` files under `dir`, recursively, leaving out dependencies and build output.
fn test_files(dir: &std::path::Path, found: &mut Vec<String>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| crate::cmd::Error(format!("reading {}: {e}", dir.display())))?;
    for path in entries.flatten().map(|entry| entry.path()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        match name.as_deref() {
            Some("node_modules" | "target" | "dist") => {}
            _ if path.is_dir() => test_files(&path, found)?,
            Some(n) if n.ends_with(".test.mjs") => found.push(path.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Ok(())
}

fn js_unit_command(tools: &Tools) -> Result<Command> {
    let mut files = Vec::new();
    for dir in JS_UNIT_DIRS {
        test_files(&tools.root.join(dir), &mut files)?;
    }
    files.sort();
    let mut command = tools.command("node");
    command.args(["--test", "--test-reporter=tap"]).args(files);
    Ok(command)
}

fn e2e_command(tools: &Tools) -> Result<Command> {
    let dir = tools.root.join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| crate::cmd::Error(format!("reading {}: {e}", dir.display())))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut command = tools.command("node");
    command
        .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
        .args(files);
    Ok(command)
}

/// Sums `test result: ... N passed; M failed` over every test binary cargo ran.
fn cargo_counts(output: &str) -> (u64, u64) {
    let mut totals = (0, 0);
    for line in output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result: "))
    {
        totals.0 += count_before(line, " passed");
        totals.1 += count_before(line, " failed");
    }
    totals
}

/// Reads the TAP summary `# pass N` / `# fail N` of node's test runner.
fn node_counts(output: &str) -> (u64, u64) {
    let read = |key: &str| {
        output
            .lines()
            .filter_map(|l| l.trim().strip_prefix(key))
            .filter_map(|n| n.trim().parse::<u64>().ok())
            .next_back()
            .unwrap_or(0)
    };
    (read("# pass "), read("# fail "))
}

/// The number just before `label` in `line` ("12 passed" → 12).
fn count_before(line: &str, label: &str) -> u64 {
    line.find(label)
        .and_then(|end| line[..end].rsplit([' ', ';', '.']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_counts_add_up_over_every_test_binary() {
        let out = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
            test result: FAILED. 4 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(cargo_counts(out), (7, 2));
    }

    #[test]
    fn node_counts_read_the_tap_summary() {
        let out = "ok 1 - healthz\n# tests 5\n# pass 4\n# fail 1\n# cancelled 0\n";
        assert_eq!(node_counts(out), (4, 1));
    }

    #[test]
    fn output_without_a_summary_counts_nothing() {
        assert_eq!(cargo_counts("error[E0425]: cannot find value"), (0, 0));
        assert_eq!(node_counts("SyntaxError"), (0, 0));
    }

    #[test]
    fn a_failing_runner_that_reported_no_failure_still_counts_as_one() {
        let mut tally = Tally::default();
        tally.add("e2e", false, (0, 0));
        assert_eq!((tally.passed, tally.failed), (0, 1));
        assert_eq!(tally.failures, vec!["e2e".to_owned()]);
    }

    #[test]
    fn a_passing_lint_counts_as_one_pass() {
        let mut tally = Tally::default();
        tally.check("fmt", true);
        tally.add("unit", true, (5, 0));
        assert_eq!(
            tally,
            Tally {
                passed: 6,
                failed: 0,
                failures: vec![]
            }
        );
    }
}
