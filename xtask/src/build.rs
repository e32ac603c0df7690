//! Builds the pay page (Trunk → dist/), the merchant dashboard (Trunk → dist/dashboard/) and
//! the worker (worker-build → edge/build/).
//!
//! Each build is skipped when its output is newer than every input, so `wrangler dev` (which
//! runs `cargo xtask build` on start) and repeated test runs do not redo work.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::cmd::{Result, output, run, step};
use crate::tools::Tools;

/// Inputs both artefacts depend on.
const COMMON_INPUTS: &[&str] = &["Cargo.toml", "Cargo.lock", "shared"];
const WIDGET_INPUTS: &[&str] = &["widget", "index.html", "Trunk.toml"];
const WORKER_INPUTS: &[&str] = &["edge/src", "edge/Cargo.toml"];
/// The worker's wasm as wrangler uploads it.
pub const WORKER_WASM: &str = "edge/build/index_bg.wasm";
/// The same module with its function names, for the size profile and for reading a wasm stack
/// trace (`wasm-function[N]`) back into names. Outside what `index.js` imports, so never shipped.
pub const NAMED_WORKER: &str = "edge/build/named/index_bg.wasm";

pub fn all(tools: &Tools) -> Result<()> {
    widget(tools)?;
    dashboard(tools)?;
    openapi(tools)?;
    embed(tools)?;
    worker(tools)
}

/// Copies the one-line embed's loader to `dist/embed.js`: plain JS, served as a static asset.
pub fn embed(tools: &Tools) -> Result<()> {
    let from = tools.root.join("widget/embed/embed.js");
    let to = tools.root.join("dist/embed.js");
    std::fs::copy(&from, &to).map(|_| ()).map_err(|e| {
        crate::cmd::Error(format!(
            "copying {} to {}: {e}",
            from.display(),
            to.display()
        ))
    })
}

/// Writes `dist/openapi.json` from the API types and the routing table's scopes; the worker serves it at `/v1/openapi.json`.
/// Always rewritten (it takes milliseconds), and after Trunk, which replaces `dist/` whole.
pub fn openapi(tools: &Tools) -> Result<()> {
    let path = tools.root.join("dist/openapi.json");
    let text = serde_json::to_string_pretty(&edge::api::openapi::with_scopes(
        shared::api::openapi::document(),
    ))
    .map_err(|e| crate::cmd::Error(format!("serialising the OpenAPI document: {e}")))?;
    std::fs::write(&path, text + "\n")
        .map_err(|e| crate::cmd::Error(format!("writing {}: {e}", path.display())))
}

pub fn widget(tools: &Tools) -> Result<()> {
    let out = tools.root.join("dist/index.html");
    if is_fresh(&tools.root, &out, WIDGET_INPUTS) {
        println!("    pay page is up to date (dist/)");
        return Ok(());
    }
    step("building the pay page (trunk → dist/)");
    run(tools
        .command(tools.cargo_tool("trunk"))
        .args(["build", "--release", "--offline"]))?;
    crate::minify::dist(tools)
}

/// The dashboard, after the pay page: that build replaces dist/ (and its _headers) whole.
pub fn dashboard(tools: &Tools) -> Result<()> {
    let built = tools.root.join(crate::dashboard::BUILT).join("index.html");
    let fresh = is_fresh(&tools.root, &built, crate::dashboard::INPUTS);
    crate::dashboard::build(tools, fresh)
}

pub fn worker(tools: &Tools) -> Result<()> {
    let out = tools.root.join("edge/build/index.js");
    // The worker reports the commit it was built from, so a new commit is a new build even
    // when no source file changed.
    let stamp = tools.root.join("edge/build/.built-from");
    let version = git_version(&tools.root);
    let same_commit = std::fs::read_to_string(&stamp)
        .ok()
        .as_deref()
        .map(str::trim)
        == version.as_deref();
    if same_commit && is_fresh(&tools.root, &out, WORKER_INPUTS) {
        println!("    worker is up to date (edge/build/)");
        return Ok(());
    }
    step("building the worker (worker-build → edge/build/)");
    let mut command = tools.command(tools.cargo_tool("worker-build"));
    command
        .current_dir(tools.root.join("edge"))
        .arg("--release")
        // Point worker-build at installed binaries: it would otherwise download them.
        .env("WASM_BINDGEN_BIN", tools.cargo_tool("wasm-bindgen"))
        .env("WASM_OPT_BIN", tools.node_tool("wasm-opt"))
        .env("ESBUILD_BIN", tools.esbuild());
    if let Some(version) = &version {
        command.env("PAYLINK_BUILD_SHA", version);
    }
    run(&mut command)?;
    strip_names(&tools.root)?;
    std::fs::write(&stamp, version.unwrap_or_default())
        .map_err(|e| crate::cmd::Error(format!("writing {}: {e}", stamp.display())))
}

/// Moves the built worker to `NAMED_WORKER` and ships it without custom sections: the name
/// section alone is about a fifth of the gzipped worker, and the runtime reads none of them.
fn strip_names(root: &Path) -> Result<()> {
    let fail = |what: &str, path: &Path, e: String| {
        crate::cmd::Error(format!("{what} {}: {e}", path.display()))
    };
    let shipped = root.join(WORKER_WASM);
    let named = root.join(NAMED_WORKER);
    let bytes = std::fs::read(&shipped).map_err(|e| fail("reading", &shipped, e.to_string()))?;
    let stripped =
        crate::wasm_profile::without_custom(&bytes).map_err(|e| fail("stripping", &shipped, e))?;
    if let Some(dir) = named.parent() {
        std::fs::create_dir_all(dir).map_err(|e| fail("creating", dir, e.to_string()))?;
    }
    std::fs::write(&named, &bytes).map_err(|e| fail("writing", &named, e.to_string()))?;
    std::fs::write(&shipped, stripped).map_err(|e| fail("writing", &shipped, e.to_string()))
}

/// The commit, with `-dirty` when tracked files differ from it.
fn git_version(root: &Path) -> Option<String> {
    let described = output(std::process::Command::new("git").current_dir(root).args([
        "describe",
        "--always",
        "--dirty",
        "--abbrev=12",
        "--exclude=*",
    ]))?;
    Some(described.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Whether `out` exists and is newer than every file under the inputs.
fn is_fresh(root: &Path, out: &Path, inputs: &[&str]) -> bool {
    let Some(built) = modified(out) else {
        return false;
    };
    let sources: Vec<PathBuf> = COMMON_INPUTS
        .iter()
        .chain(inputs)
        .map(|input| root.join(input))
        .collect();
    newest(&sources).is_some_and(|newest| newest <= built)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest modification time of any file at or below `paths`.
fn newest(paths: &[PathBuf]) -> Option<SystemTime> {
    let mut stack: Vec<PathBuf> = paths.to_vec();
    let mut newest = None;
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if let Ok(time) = meta.modified() {
            newest = newest.max(Some(time));
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("shared")).unwrap();
        dir
    }

    fn touch(path: &Path, when: SystemTime) {
        std::fs::write(path, "x").unwrap();
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    #[test]
    fn an_output_newer_than_every_input_is_fresh() {
        let dir = scratch("fresh");
        let t0 = SystemTime::now() - Duration::from_secs(100);
        touch(&dir.join("shared/a.rs"), t0);
        touch(&dir.join("out"), t0 + Duration::from_secs(10));
        assert!(is_fresh(&dir, &dir.join("out"), &[]));
    }

    #[test]
    fn an_input_edited_after_the_output_makes_it_stale() {
        let dir = scratch("stale");
        let t0 = SystemTime::now() - Duration::from_secs(100);
        touch(&dir.join("out"), t0);
        touch(&dir.join("shared/a.rs"), t0 + Duration::from_secs(10));
        assert!(!is_fresh(&dir, &dir.join("out"), &[]));
    }

    #[test]
    fn a_missing_output_is_never_fresh() {
        let dir = scratch("missing");
        touch(&dir.join("shared/a.rs"), SystemTime::now());
        assert!(!is_fresh(&dir, &dir.join("out"), &[]));
    }
}
