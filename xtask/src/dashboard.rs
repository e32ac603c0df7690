//! Builds the merchant dashboard (Trunk → target/dashboard-dist/), copies it to
//! dist/dashboard/ and writes its headers into dist/_headers: a strict Content-Security-Policy
//! that allows Trunk's one inline loader by its hash and nothing else inline.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::cmd::{Error, Result, run, step};
use crate::tools::Tools;

/// The dashboard's own inputs (it also draws the pay page's QR code, so `widget/src` too).
pub const INPUTS: &[&str] = &["dashboard", "widget/src", "widget/Cargo.toml"];
/// Where Trunk writes it (dashboard/Trunk.toml), outside dist/, which the pay page's build
/// replaces whole.
pub const BUILT: &str = "target/dashboard-dist";

/// The contents of every `<script>` without a `src` in `html`, in order.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&body[..close]);
        }
        rest = &body[close..];
    }
    out
}

/// The page's policy: its own origin for scripts (plus the inline loaders by hash), styles,
/// images and API calls; wasm compiled by the browser; no frames, forms elsewhere or plugins.
pub fn policy(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html)
        .into_iter()
        .map(|s| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; object-src 'none'",
        hashes.join(" ")
    )
}

/// The `_headers` rules of the dashboard: the policy on every path under it (the shell keeps
/// the default revalidation), and the hashed files cached for good.
pub fn headers(policy: &str) -> String {
    let every = format!(
        "  Content-Security-Policy: {policy}\n  Referrer-Policy: no-referrer\n  \
         X-Content-Type-Options: nosniff\n"
    );
    let immutable = "  Cache-Control: public, max-age=31536000, immutable\n";
    format!(
        "\n# The merchant dashboard (written by cargo xtask build, see xtask/src/dashboard.rs).\n\
         /dashboard\n{every}/dashboard/*\n{every}\
         /dashboard/paylink-dashboard-*\n{immutable}/dashboard/style-*.css\n{immutable}"
    )
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error(format!("{what} {}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| io("creating", to, e))?;
    for entry in std::fs::read_dir(from)
        .map_err(|e| io("listing", from, e))?
        .flatten()
    {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| io("copying", &src, e))?;
        }
    }
    Ok(())
}

/// Builds the dashboard when its inputs changed, then puts it in dist/dashboard/ with its headers.
pub fn build(tools: &Tools, fresh: bool) -> Result<()> {
    let built = tools.root.join(BUILT);
    if fresh {
        println!("    dashboard is up to date ({BUILT}/)");
    } else {
        step("building the dashboard (trunk → target/dashboard-dist/)");
        run(tools.command(tools.cargo_tool("trunk")).args([
            "build",
            "--release",
            "--offline",
            "--config",
            "dashboard/Trunk.toml",
        ]))?;
    }
    let dist = tools.root.join("dist/dashboard");
    let _ = std::fs::remove_dir_all(&dist);
    copy_dir(&built, &dist)?;
    let shell = dist.join("index.html");
    let html = std::fs::read_to_string(&shell).map_err(|e| io("reading", &shell, e))?;
    let rules = tools.root.join("dist/_headers");
    let mut text = std::fs::read_to_string(&rules).map_err(|e| io("reading", &rules, e))?;
    // The pay page's build copies a fresh _headers; a rebuild of the dashboard alone must not
    // stack a second block on the first.
    if let Some(at) = text.find("\n# The merchant dashboard") {
        text.truncate(at);
    }
    text.push_str(&headers(&policy(&html)));
    std::fs::write(&rules, text).map_err(|e| io("writing", &rules, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<head><link rel="modulepreload" href="/dashboard/a.js"><script type="module">import init from '/dashboard/a.js';await init();</script><script src="/x.js"></script></head>"#;

    #[test]
    fn only_scripts_without_a_source_are_inline() {
        assert_eq!(
            inline_scripts(SHELL),
            ["import init from '/dashboard/a.js';await init();"]
        );
        assert!(inline_scripts("<p>no scripts</p>").is_empty());
    }

    #[test]
    fn the_policy_allows_the_inline_loader_by_its_hash_and_nothing_else_inline() {
        let policy = policy(SHELL);
        let digest = Sha256::digest(b"import init from '/dashboard/a.js';await init();");
        let hash = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("connect-src 'self'"));
    }

    #[test]
    fn the_headers_cover_the_page_with_and_without_its_slash() {
        let rules = headers("default-src 'none'");
        for path in ["/dashboard\n", "/dashboard/*\n"] {
            assert!(rules.contains(path), "{path}");
        }
        assert!(rules.contains("Content-Security-Policy: default-src 'none'"));
    }
}
