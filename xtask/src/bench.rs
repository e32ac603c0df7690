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
    let profile = worker_profile(&tools.root.join("edge/build/index_bg.wasm"))?;
    step("benchmarks (sizes, cold start, API on loopback) → bench/RESULTS.md");
    crate::cmd::run(
        tools
            .command("node")
            .arg("tests/bench/run.mjs")
            .env("PAYLINK_WORKER_PROFILE", profile),
    )
}

/// The worker's size profile as JSON for run.mjs: `{sections: [[name, bytes]], crates: [...]}`.
fn worker_profile(wasm: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(wasm)
        .map_err(|e| crate::cmd::Error(format!("reading {}: {e}", wasm.display())))?;
    let profile = wasm_profile::profile(&bytes)
        .map_err(|e| crate::cmd::Error(format!("profiling {}: {e}", wasm.display())))?;
    Ok(serde_json::json!({ "sections": profile.sections, "crates": profile.crates }).to_string())
}
