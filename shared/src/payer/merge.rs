//! Merge-patching a form: the one rule a JSON Merge Patch alone gets wrong for it.

/// What a link's or checkout's `PATCH` patch does to the stored request it merges into:
/// `after_completion` and `success_url` are one setting, so a patch naming one replaces the
/// other; `after_completion` replaces whole (merging a message into a redirect means nothing).
pub fn prepare_merge(
    stored: &mut serde_json::Map<String, serde_json::Value>,
    patch: &serde_json::Map<String, serde_json::Value>,
) {
    if patch.contains_key("after_completion") {
        stored.remove("after_completion");
        if !patch.contains_key("success_url") {
            stored.remove("success_url");
        }
    } else if patch.contains_key("success_url") {
        stored.remove("after_completion");
    }
}
