//! Installs what is missing at pinned versions, and skips what is already there.

use std::path::Path;
use std::process::Command;

use crate::cmd::{Result, fail, output, run, step};
use crate::tools::{
    MIN_NODE_MAJOR, PYTHON_TOOLS, TRUNK_VERSION, Tools, WORKER_BUILD_VERSION,
    locked_wasm_bindgen_version, reports_version,
};

/// Everything `build`, `dev` and the host and e2e tests need, except the browser.
pub fn ensure() -> Result<Tools> {
    let tools = Tools::new();
    check_node()?;
    ensure_wasm_target()?;
    let lock = std::fs::read_to_string(tools.root.join("Cargo.lock"))
        .map_err(|e| crate::cmd::Error(format!("reading Cargo.lock: {e}")))?;
    let Some(bindgen) = locked_wasm_bindgen_version(&lock) else {
        return fail("Cargo.lock resolves no wasm-bindgen version");
    };
    // wasm-bindgen-cli's own lockfile wants a crate version the registry no longer has,
    // so it is the one tool installed without --locked (../shared/TOOLCHAIN.md).
    ensure_cargo_tool(&tools, "wasm-bindgen", "wasm-bindgen-cli", &bindgen, false)?;
    ensure_cargo_tool(
        &tools,
        "worker-build",
        "worker-build",
        WORKER_BUILD_VERSION,
        true,
    )?;
    ensure_cargo_tool(&tools, "trunk", "trunk", TRUNK_VERSION, true)?;
    ensure_npm_packages(&tools)?;
    Ok(tools)
}

/// The PyPI tools of the e2e tests in `.paylink/venv`: schemathesis (fuzzing the API from its
/// OpenAPI document), openapi-python-client and openapi-spec-validator (the generated-client
/// tests). Only those missing or at another version are installed.
pub fn ensure_python_tools(tools: &Tools) -> Result<()> {
    let venv = tools.root.join(".paylink/venv");
    let python = venv.join("bin/python");
    let missing: Vec<String> = PYTHON_TOOLS
        .iter()
        .filter(|(name, version)| {
            let probe = format!("import importlib.metadata as m; print(m.version('{name}'))");
            let have = output(Command::new(&python).args(["-c", &probe]));
            !have.as_deref().is_some_and(|v| reports_version(v, version))
        })
        .map(|(name, version)| format!("{name}=={version}"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!(
        "installing {} (PyPI) into .paylink/venv",
        missing.join(", ")
    ));
    if !venv.join("bin/pip").exists() {
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(&missing))
}

/// Debian's Chromium and its driver, for the browser tests.
pub fn ensure_browser() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    step("installing chromium and chromium-driver (Debian packages)");
    apt_install(&["chromium", "chromium-driver"])
}

/// Debian's wrk, the HTTP load generator of the benchmarks.
pub fn ensure_wrk() -> Result<()> {
    if Path::new("/usr/bin/wrk").exists() {
        return Ok(());
    }
    step("installing wrk (Debian package)");
    apt_install(&["wrk"])
}

fn apt_install(packages: &[&str]) -> Result<()> {
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-q"]))?;
    let mut args = vec!["install", "-y", "-q"];
    args.extend(packages);
    run(&mut apt(&args))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

fn check_node() -> Result<()> {
    let Some(version) = output(Command::new("node").arg("--version")) else {
        return fail(format!(
            "node is not installed: install Node.js {MIN_NODE_MAJOR} or newer (with npm)"
        ));
    };
    let major = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .unwrap_or("");
    match major.parse::<u32>() {
        Ok(m) if m >= MIN_NODE_MAJOR => Ok(()),
        _ => fail(format!(
            "node {} is too old: wrangler needs {MIN_NODE_MAJOR}+",
            version.trim()
        )),
    }
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed.is_some_and(|list| list.lines().any(|t| t.trim() == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_cargo_tool(
    tools: &Tools,
    binary: &str,
    krate: &str,
    version: &str,
    locked: bool,
) -> Result<()> {
    let have = output(Command::new(tools.cargo_tool(binary)).arg("--version"));
    if have.as_deref().is_some_and(|v| reports_version(v, version)) {
        return Ok(());
    }
    step(&format!(
        "installing {krate} {version} (cargo install; several minutes)"
    ));
    let mut command = Command::new("cargo");
    command.args(["install", krate, "--version", version, "--force"]);
    if locked {
        command.arg("--locked");
    }
    run(&mut command)
}

/// `npm ci` when node_modules is missing or older than the lockfile.
fn ensure_npm_packages(tools: &Tools) -> Result<()> {
    let lock = tools.root.join("package-lock.json");
    let installed = tools.root.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(lock_time), Some(installed_time)) = (modified(&lock), modified(&installed))
        && installed_time >= lock_time
    {
        return Ok(());
    }
    step("installing the pinned npm packages (wrangler, anvil, cast, playwright-core, ...)");
    run(tools
        .command("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))
}
