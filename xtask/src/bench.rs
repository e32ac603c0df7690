//! `cargo xtask bench`: build, then measure with tests/bench/run.mjs (figures, not assertions).
//! `cargo xtask bench --sizes` measures only what ships (tests/bench/sizes.mjs) and replaces
//! that section of bench/RESULTS.md, for a change that moves bytes but not timings.

use crate::build;
use crate::cmd::{Result, step};
use crate::install;
use crate::wasm_profile;

pub fn run(args: &[String]) -> Result<()> {
    let sizes_only = args.iter().any(|a| a == "--sizes");
    let tools = install::ensure()?;
    install::ensure_browser()?;
    if !sizes_only {
        install::ensure_wrk()?;
    }
    build::all(&tools)?;
    if sizes_only {
        step("benchmarks: sizes only → the section \"What ships\" of bench/RESULTS.md");
        return crate::cmd::run(tools.command("node").arg("tests/bench/sizes.mjs"));
    }
    let profile = worker_profile(
        &tools.root.join(build::WORKER_WASM),
        &tools.root.join(build::NAMED_WORKER),
    )?;
    step("benchmarks (sizes, cold start, API on loopback) → bench/RESULTS.md");
    crate::cmd::run(
        tools
            .command("node")
            .arg("tests/bench/run.mjs")
            .env("PAYLINK_WORKER_PROFILE", profile),
    )
}

/// The worker's size profile as JSON for run.mjs: `{sections: [[name, bytes]], crates: [...]}`,
/// the sections of what ships and the code per crate from the named copy (same code bytes).
fn worker_profile(shipped: &std::path::Path, named: &std::path::Path) -> Result<String> {
    let read = |wasm: &std::path::Path| {
        let bytes = std::fs::read(wasm)
            .map_err(|e| crate::cmd::Error(format!("reading {}: {e}", wasm.display())))?;
        wasm_profile::profile(&bytes)
            .map_err(|e| crate::cmd::Error(format!("profiling {}: {e}", wasm.display())))
    };
    let sections = read(shipped)?.sections;
    let crates = read(named)?.crates;
    Ok(serde_json::json!({ "sections": sections, "crates": crates }).to_string())
}
