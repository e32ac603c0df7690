//! A first pass over a JSON body for what typed parsing cannot see: duplicate keys (serde
//! keeps the last one silently in maps) and numbers a JavaScript client cannot hold exactly.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The largest integer every JSON client holds exactly: 2^53 − 1 (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What the first pass refuses, with the path of the value in the body (`a.b[0]`, `.` for the
/// whole body), the form `serde_path_to_error` uses for the other body errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonIssue {
    /// An object names the key `path` ends with twice.
    DuplicateKey { path: String },
    /// A number whose magnitude is above [`MAX_SAFE_INTEGER`].
    UnsafeNumber { path: String },
}

/// Walks `bytes`. Malformed JSON is not an issue here: the typed parse that follows names it,
/// so this answers `Ok` for it.
pub fn check(bytes: &[u8]) -> Result<(), JsonIssue> {
    let found = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let scan = Scan {
        path: String::new(),
        found: &found,
    };
    // A syntax error, or the error raised to stop at an issue: only the recorded issue counts.
    let _ = scan.deserialize(&mut deserializer);
    found.into_inner().map_or(Ok(()), Err)
}

/// Visits one value at `path`; records the first issue in `found` and stops the walk.
struct Scan<'a> {
    path: String,
    found: &'a RefCell<Option<JsonIssue>>,
}

impl Scan<'_> {
    fn child(&self, segment: &str) -> Self {
        Scan {
            path: format!("{}{segment}", self.path),
            found: self.found,
        }
    }

    fn shown_path(&self) -> String {
        match self.path.strip_prefix('.') {
            Some(rest) => rest.to_owned(),
            None if self.path.is_empty() => ".".to_owned(),
            None => self.path.clone(),
        }
    }

    fn stop<E: de::Error>(&self, issue: JsonIssue) -> Result<(), E> {
        *self.found.borrow_mut() = Some(issue);
        Err(E::custom("stopped at an issue"))
    }

    fn number<E: de::Error>(&self, safe: bool) -> Result<(), E> {
        if safe {
            Ok(())
        } else {
            self.stop(JsonIssue::UnsafeNumber {
                path: self.shown_path(),
            })
        }
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        self.number(n <= MAX_SAFE_INTEGER)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<(), E> {
        self.number(n.unsigned_abs() <= MAX_SAFE_INTEGER)
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<(), E> {
        // 2^53 - 1 is exact as an f64, so the comparison is too.
        self.number(n.abs() <= MAX_SAFE_INTEGER as f64)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq
            .next_element_seed(self.child(&format!("[{index}]")))?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let child = self.child(&format!(".{key}"));
            if !seen.insert(key) {
                return child.stop(JsonIssue::DuplicateKey {
                    path: child.shown_path(),
                });
            }
            map.next_value_seed(child)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn issue(body: &str) -> Result<(), JsonIssue> {
        check(body.as_bytes())
    }

    #[test]
    fn ordinary_bodies_pass() {
        assert_eq!(
            issue(r#"{"a": 1, "b": [1, 2.5, -3], "c": {"d": null, "e": "x"}}"#),
            Ok(())
        );
        assert_eq!(issue("9007199254740991"), Ok(()));
        assert_eq!(issue("-9007199254740991"), Ok(()));
    }

    #[test]
    fn a_repeated_key_is_named_with_its_path() {
        assert_eq!(
            issue(r#"{"title": "a", "title": "b"}"#),
            Err(JsonIssue::DuplicateKey {
                path: "title".into()
            })
        );
        assert_eq!(
            issue(r#"{"metadata": {"k": "1", "k": "2"}}"#),
            Err(JsonIssue::DuplicateKey {
                path: "metadata.k".into()
            })
        );
        assert_eq!(
            issue(r#"{"a": [{"x": 1}, {"x": 1, "x": 2}]}"#),
            Err(JsonIssue::DuplicateKey {
                path: "a[1].x".into()
            })
        );
    }

    #[test]
    fn the_same_key_in_sibling_objects_is_not_a_duplicate() {
        assert_eq!(issue(r#"{"a": {"x": 1}, "b": {"x": 1}}"#), Ok(()));
    }

    #[test]
    fn numbers_past_two_to_the_53_are_refused_in_either_sign_and_as_floats() {
        for (body, path) in [
            (r#"{"expires_at": 9007199254740992}"#, "expires_at"),
            (r#"{"expires_at": 9223372036854775807}"#, "expires_at"),
            (r#"{"n": -9007199254740992}"#, "n"),
            (r#"{"n": [1, 1e300]}"#, "n[1]"),
            (r#"{"n": 18446744073709551616}"#, "n"),
            ("9007199254740993", "."),
        ] {
            assert_eq!(
                issue(body),
                Err(JsonIssue::UnsafeNumber { path: path.into() }),
                "{body}"
            );
        }
    }

    #[test]
    fn malformed_json_is_left_to_the_typed_parse() {
        for body in ["", "{", r#"{"a": }"#, "[1,"] {
            assert_eq!(issue(body), Ok(()), "{body}");
        }
    }

    proptest! {
        #[test]
        fn an_integer_is_refused_exactly_when_it_is_past_the_safe_range(n in any::<i64>()) {
            let refused = issue(&format!(r#"{{"n": {n}}}"#)).is_err();
            prop_assert_eq!(refused, n.unsigned_abs() > MAX_SAFE_INTEGER);
        }

        #[test]
        fn any_object_of_distinct_keys_passes(keys in proptest::collection::btree_set("[a-z]{1,8}", 0..8)) {
            let body: serde_json::Map<String, serde_json::Value> =
                keys.into_iter().map(|k| (k, serde_json::Value::from(1))).collect();
            prop_assert_eq!(issue(&serde_json::Value::Object(body).to_string()), Ok(()));
        }
    }
}
