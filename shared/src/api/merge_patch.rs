//! JSON Merge Patch (RFC 7396): how `PATCH` bodies apply to an object's current state.

use serde_json::Value;

/// Applies `patch` to `target`: object members merge recursively, `null` removes a member,
/// anything else replaces. A non-object patch replaces the target whole.
pub fn apply(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(object) = target {
        for (name, value) in members {
            if value.is_null() {
                object.remove(name);
            } else {
                apply(object.entry(name.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

/// The path of a member `patch` sets to `null` that `target` does not have. A merge patch's
/// `null` removes a member, so a misspelt field set to `null` would otherwise pass unseen
/// where every member of `target` is always present.
pub fn unknown_removal(target: &Value, patch: &Value) -> Option<String> {
    let (Value::Object(patch), Value::Object(target)) = (patch, target) else {
        return None;
    };
    patch
        .iter()
        .find_map(|(name, value)| match (value, target.get(name)) {
            (Value::Null, None) => Some(name.clone()),
            (Value::Object(_), Some(inner)) => {
                unknown_removal(inner, value).map(|path| format!("{name}.{path}"))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(target: Value, patch: Value) -> Value {
        let mut target = target;
        apply(&mut target, &patch);
        target
    }

    #[test]
    fn members_not_in_the_patch_are_kept() {
        assert_eq!(
            patched(json!({"a": 1, "b": 2}), json!({"b": 3})),
            json!({"a": 1, "b": 3})
        );
    }

    #[test]
    fn null_removes_a_member() {
        assert_eq!(
            patched(json!({"a": 1, "b": 2}), json!({"a": null})),
            json!({"b": 2})
        );
    }

    #[test]
    fn nested_objects_merge_member_by_member() {
        let target = json!({"metadata": {"k1": "v1", "k2": "v2"}});
        let patch = json!({"metadata": {"k1": null, "k3": "v3"}});
        assert_eq!(
            patched(target, patch),
            json!({"metadata": {"k2": "v2", "k3": "v3"}})
        );
    }

    #[test]
    fn arrays_and_scalars_replace_whole() {
        assert_eq!(
            patched(json!({"a": [1, 2]}), json!({"a": [3]})),
            json!({"a": [3]})
        );
        assert_eq!(
            patched(json!({"a": {"x": 1}}), json!({"a": 5})),
            json!({"a": 5})
        );
    }

    #[test]
    fn the_rfc_examples_hold() {
        // RFC 7396, Appendix A (a selection).
        assert_eq!(
            patched(json!({"a": "b"}), json!({"a": "c"})),
            json!({"a": "c"})
        );
        assert_eq!(
            patched(json!({"a": "b"}), json!({"b": "c"})),
            json!({"a": "b", "b": "c"})
        );
        assert_eq!(
            patched(json!({"a": [{"b": "c"}]}), json!({"a": [1]})),
            json!({"a": [1]})
        );
        assert_eq!(
            patched(json!({"e": null}), json!({"a": 1})),
            json!({"e": null, "a": 1})
        );
        assert_eq!(
            patched(json!({}), json!({"a": {"bb": {"ccc": null}}})),
            json!({"a": {"bb": {}}})
        );
    }

    #[test]
    fn a_null_member_the_target_lacks_is_named_with_its_path() {
        let target = json!({"checkout": {"deposit_xpub": null, "quote_lock_seconds": 900}});
        assert_eq!(
            unknown_removal(&target, &json!({"": null})),
            Some(String::new())
        );
        assert_eq!(
            unknown_removal(&target, &json!({"checkout": {"xpub": null}})),
            Some("checkout.xpub".into())
        );
    }

    #[test]
    fn removing_a_member_the_target_has_is_not_unknown() {
        let target = json!({"checkout": {"deposit_xpub": "xpub…", "quote_lock_seconds": 900}});
        assert_eq!(
            unknown_removal(&target, &json!({"checkout": {"deposit_xpub": null}})),
            None
        );
        assert_eq!(
            unknown_removal(&target, &json!({"checkout": {"quote_lock_seconds": 60}})),
            None
        );
        assert_eq!(unknown_removal(&target, &json!({"other": 1})), None);
    }
}
