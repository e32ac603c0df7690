//! `cargo xtask bench`: build, then measure with tests/bench/run.mjs (figures, not assertions).

use crate::build;
use crate::cmd::{Result, step};
use crate::install;

pub fn run() -> Result<()> {
    let tools = install::ensure()?;
    install::ensure_browser()?;
    install::ensure_wrk()?;
    build::all(&tools)?;
    step("benchmarks (sizes, cold start, API on loopback) → bench/RESULTS.md");
    crate::cmd::run(tools.command("node").arg("tests/bench/run.mjs"))
}
