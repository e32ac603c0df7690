//! Minifies the pay page's JS glue and CSS in `dist/` with esbuild, and rewrites their
//! subresource-integrity hashes in `dist/index.html` to match; and the payer fields' script,
//! which the worker links without a hash.
//!
//! Trunk's own minifier cannot parse wasm-bindgen's glue (`export default`), and the page
//! has a size budget; esbuild is already installed for worker-build.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::cmd::{Error, Result, run};
use crate::tools::Tools;

/// The `integrity` attribute value of `bytes`, as Trunk writes it (SHA-384, base64).
pub fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The payer fields' script: linked by the worker's shell rewrite, not by Trunk's shell.
const PAYER_SCRIPT: &str = "payer.js";

/// Whether `name` is one of the page's own assets (the embed loader is shipped as written).
fn is_page_asset(name: &str) -> bool {
    (name.ends_with(".js") || name.ends_with(".css")) && name != "embed.js"
}

/// Whether the shell names `name` with its integrity hash (Trunk's own assets do).
fn has_integrity(name: &str) -> bool {
    name != PAYER_SCRIPT
}

/// Replaces the hash of the asset in the shell; an error if the shell does not name it.
fn swap_integrity(html: &str, name: &str, before: &str, after: &str) -> Result<String> {
    if !html.contains(before) {
        return Err(Error(format!(
            "dist/index.html does not carry the integrity hash of {name}"
        )));
    }
    Ok(html.replace(before, after))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error(format!("reading {}: {e}", path.display())))
}

pub fn dist(tools: &Tools) -> Result<()> {
    let dist = tools.root.join("dist");
    let shell = dist.join("index.html");
    let mut html = String::from_utf8(read(&shell)?)
        .map_err(|e| Error(format!("dist/index.html is not UTF-8: {e}")))?;
    let entries =
        std::fs::read_dir(&dist).map_err(|e| Error(format!("listing {}: {e}", dist.display())))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_page_asset(&name) {
            continue;
        }
        let path = entry.path();
        let before = integrity(&read(&path)?);
        run(tools
            .command(tools.esbuild())
            .arg(&path)
            .arg("--minify")
            .arg("--allow-overwrite")
            .arg("--log-level=warning")
            .arg(format!("--outfile={}", path.display())))?;
        if has_integrity(&name) {
            let after = integrity(&read(&path)?);
            html = swap_integrity(&html, &name, &before, &after)?;
        }
    }
    std::fs::write(&shell, html).map_err(|e| Error(format!("writing {}: {e}", shell.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_sha384_in_base64() {
        // SHA-384 of the empty string, as `openssl dgst -sha384 -binary | base64` prints it.
        assert_eq!(
            integrity(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }

    #[test]
    fn only_the_page_glue_and_styles_are_minified() {
        assert!(is_page_asset("paylink-widget-1b9b.js"));
        assert!(is_page_asset("style-f1f7.css"));
        assert!(!is_page_asset("embed.js"));
        assert!(!is_page_asset("paylink-widget-1b9b_bg.wasm"));
        assert!(!is_page_asset("openapi.json"));
        assert!(is_page_asset("payer.js"));
    }

    #[test]
    fn only_the_payer_script_is_minified_without_a_hash_to_swap() {
        assert!(!has_integrity("payer.js"));
        assert!(has_integrity("paylink-widget-1b9b.js"));
        assert!(has_integrity("style-f1f7.css"));
    }

    #[test]
    fn the_shell_must_name_the_old_hash() {
        let html = r#"<link href=/a.js integrity=sha384-OLD rel=modulepreload>"#;
        assert_eq!(
            swap_integrity(html, "a.js", "sha384-OLD", "sha384-NEW").unwrap(),
            r#"<link href=/a.js integrity=sha384-NEW rel=modulepreload>"#
        );
        assert!(swap_integrity(html, "a.js", "sha384-MISSING", "sha384-NEW").is_err());
    }
}
