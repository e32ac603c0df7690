//! Pinned tool versions and where each installed binary lives.
//!
//! Versions are the ones verified on this machine (see ../shared/TOOLCHAIN.md); the npm tools
//! are pinned in package.json / package-lock.json.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::root;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WORKER_BUILD_VERSION: &str = "0.8.7";
pub const MIN_NODE_MAJOR: u32 = 20;
/// API fuzzing from the OpenAPI document (PyPI), in the project's own virtualenv.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The PyPI tools of the e2e tests, each pinned, all in `.paylink/venv`: the fuzzer, a typed
/// client generator, and the OpenAPI 3.1 validator.
pub const PYTHON_TOOLS: [(&str, &str); 3] = [
    ("schemathesis", SCHEMATHESIS_VERSION),
    ("openapi-python-client", "0.29.1"),
    ("openapi-spec-validator", "0.9.0"),
];

/// Every binary the build, the stack and the tests use, by absolute path.
#[derive(Debug, Clone)]
pub struct Tools {
    pub cargo_bin: PathBuf,
    pub node_bin: PathBuf,
    pub root: PathBuf,
}

impl Tools {
    pub fn new() -> Self {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
            .unwrap_or_else(|| PathBuf::from(".cargo"));
        let root = root();
        Self {
            cargo_bin: cargo_home.join("bin"),
            node_bin: root.join("node_modules/.bin"),
            root,
        }
    }

    pub fn cargo_tool(&self, name: &str) -> PathBuf {
        self.cargo_bin.join(name)
    }

    pub fn node_tool(&self, name: &str) -> PathBuf {
        self.node_bin.join(name)
    }

    pub fn esbuild(&self) -> PathBuf {
        self.root
            .join("node_modules/@esbuild/linux-x64/bin/esbuild")
    }

    /// PATH with the pinned tools first, so trunk finds the matching wasm-bindgen and wasm-opt.
    pub fn path_env(&self) -> OsString {
        let mut dirs = vec![self.cargo_bin.clone(), self.node_bin.clone()];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        std::env::join_paths(dirs).unwrap_or_default()
    }

    /// A command for `program` with the pinned PATH and wrangler kept off the network.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", self.path_env());
        for (key, value) in self.wrangler_env() {
            command.env(key, value);
        }
        command
    }

    /// Wrangler writes config and logs under the project and phones home for nothing.
    pub fn wrangler_env(&self) -> Vec<(&'static str, OsString)> {
        let state = self.root.join(".paylink");
        vec![
            ("WRANGLER_SEND_METRICS", "false".into()),
            ("WRANGLER_SEND_ERROR_REPORTS", "false".into()),
            ("WRANGLER_HIDE_BANNER", "true".into()),
            ("CLOUDFLARE_CF_FETCH_ENABLED", "false".into()),
            ("XDG_CONFIG_HOME", state.join("config").into()),
            ("WRANGLER_LOG_PATH", state.join("logs").into()),
        ]
    }
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(lock: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

/// Whether a `--version` line names exactly `version` (as a whole word).
pub fn reports_version(output: &str, version: &str) -> bool {
    output
        .split(|c: char| c.is_whitespace() || c == 'v')
        .any(|word| word == version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locked_wasm_bindgen_version_is_read_from_the_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_wasm_bindgen_version(lock).as_deref(),
            Some("0.2.130")
        );
    }

    #[test]
    fn a_lockfile_without_wasm_bindgen_has_no_version() {
        assert_eq!(
            locked_wasm_bindgen_version("[[package]]\nname = \"serde\"\n"),
            None
        );
    }

    #[test]
    fn version_output_must_name_the_exact_version() {
        assert!(reports_version("wasm-bindgen 0.2.130", "0.2.130"));
        assert!(reports_version("trunk 0.21.14\n", "0.21.14"));
        assert!(reports_version("worker-build v0.8.7", "0.8.7"));
        assert!(!reports_version("wasm-bindgen 0.2.1300", "0.2.130"));
        assert!(!reports_version("trunk 0.21.1", "0.21.14"));
    }
}
