//! The build version the worker reports in `/healthz` and logs.

/// `CARGO_PKG_VERSION`, plus `+<sha>` when the build was given `PAYLINK_BUILD_SHA`
/// (`cargo xtask build` passes the git commit), so a running worker names its source.
pub fn build_version() -> String {
    with_sha(env!("CARGO_PKG_VERSION"), option_env!("PAYLINK_BUILD_SHA"))
}

fn with_sha(version: &str, sha: Option<&str>) -> String {
    match sha.map(str::trim).filter(|s| !s.is_empty()) {
        Some(sha) => format!("{version}+{sha}"),
        None => version.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_carries_the_commit_when_the_build_knew_it() {
        assert_eq!(with_sha("0.1.0", Some("abc1234")), "0.1.0+abc1234");
    }

    #[test]
    fn version_is_the_bare_package_version_without_a_commit() {
        assert_eq!(with_sha("0.1.0", None), "0.1.0");
        assert_eq!(with_sha("0.1.0", Some("  ")), "0.1.0");
    }

    #[test]
    fn build_version_starts_with_the_package_version() {
        assert!(build_version().starts_with(env!("CARGO_PKG_VERSION")));
    }
}
