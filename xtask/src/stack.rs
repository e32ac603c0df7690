//! `cargo xtask dev`: install, build, then hand over to the stack launcher the tests use too.

use std::os::unix::process::CommandExt;

use crate::build;
use crate::cmd::{Error, Result, step};
use crate::install;

pub fn dev() -> Result<()> {
    let tools = install::ensure()?;
    build::all(&tools)?;
    step("starting anvil and wrangler dev (tests/harness/dev.mjs)");
    // Replace this process, so Ctrl-C reaches the launcher, which stops what it started.
    let error = tools.command("node").arg("tests/harness/dev.mjs").exec();
    Err(Error(format!(
        "starting node tests/harness/dev.mjs: {error}"
    )))
}
