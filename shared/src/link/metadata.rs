//! `Metadata`: the merchant's own key-value pairs on an object, bounded so rows stay small.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::text::{self, Lines};

/// String pairs: at most [`Metadata::MAX_KEYS`] keys of 1 to [`Metadata::MAX_KEY_CHARS`]
/// characters, values of at most [`Metadata::MAX_VALUE_CHARS`]. Built only by [`Metadata::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Metadata(BTreeMap<String, String>);

impl Metadata {
    pub const MAX_KEYS: usize = 50;
    pub const MAX_KEY_CHARS: usize = 40;
    pub const MAX_VALUE_CHARS: usize = 500;

    /// Checks every pair and reports every failure, each naming `metadata[key]`.
    pub fn parse(pairs: BTreeMap<String, String>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        if pairs.len() > Self::MAX_KEYS {
            errors.push(FieldError {
                code: "metadata_too_many_keys".into(),
                message: format!("metadata holds at most {} keys.", Self::MAX_KEYS),
                param: "metadata".into(),
            });
        }
        for (key, value) in &pairs {
            let param = format!("metadata[{key}]");
            let key_chars = key.chars().count();
            if key_chars == 0 || key_chars > Self::MAX_KEY_CHARS {
                errors.push(FieldError {
                    code: "metadata_key_invalid".into(),
                    message: format!(
                        "metadata keys have 1 to {} characters.",
                        Self::MAX_KEY_CHARS
                    ),
                    param: param.clone(),
                });
            }
            // Keys are one line; values may span lines, as descriptions do.
            let texts = [
                text::check(&param, key, Lines::One),
                text::check(&param, value, Lines::Many),
            ];
            errors.extend(texts.into_iter().filter_map(Result::err).take(1));
            if value.chars().count() > Self::MAX_VALUE_CHARS {
                errors.push(FieldError {
                    code: "metadata_value_too_long".into(),
                    message: format!(
                        "metadata values have at most {} characters.",
                        Self::MAX_VALUE_CHARS
                    ),
                    param,
                });
            }
        }
        if errors.is_empty() {
            Ok(Self(pairs))
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The storage form (a JSON object), for a D1 TEXT column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads the storage form back; stored metadata passed [`Metadata::parse`] when written.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let pairs: BTreeMap<String, String> =
            serde_json::from_str(text).map_err(|e| e.to_string())?;
        Self::parse(pairs).map_err(|errors| format!("stored metadata breaks its rules: {errors:?}"))
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pairs = BTreeMap::<String, String>::deserialize(deserializer)?;
        Metadata::parse(pairs).map_err(|errors| {
            let first = errors
                .first()
                .map_or_else(String::new, |e| e.message.clone());
            serde::de::Error::custom(first)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn codes(result: Result<Metadata, Vec<FieldError>>) -> Vec<(String, String)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.code, e.param))
            .collect()
    }

    #[test]
    fn metadata_within_bounds_is_kept() {
        let meta = Metadata::parse(pairs(&[("order", "1234"), ("note", "")])).unwrap();
        assert_eq!(meta.get("order"), Some("1234"));
        assert_eq!(meta.len(), 2);
    }

    #[test]
    fn metadata_with_fifty_one_keys_is_refused() {
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        assert_eq!(
            codes(Metadata::parse(many)),
            [("metadata_too_many_keys".into(), "metadata".into())]
        );
        let fifty: BTreeMap<String, String> =
            (0..50).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        assert!(Metadata::parse(fifty).is_ok());
    }

    #[test]
    fn empty_and_long_keys_are_refused_by_name() {
        let long_key = "k".repeat(41);
        let result = Metadata::parse(pairs(&[
            ("", "x"),
            (&long_key, "x"),
            (&"k".repeat(40), "ok"),
        ]));
        assert_eq!(
            codes(result),
            [
                ("metadata_key_invalid".into(), "metadata[]".into()),
                (
                    "metadata_key_invalid".into(),
                    format!("metadata[{long_key}]")
                ),
            ]
        );
    }

    #[test]
    fn long_values_are_refused_counting_characters_not_bytes() {
        assert!(Metadata::parse(pairs(&[("k", &"é".repeat(500))])).is_ok());
        let result = Metadata::parse(pairs(&[("k", &"é".repeat(501))]));
        assert_eq!(
            codes(result),
            [("metadata_value_too_long".into(), "metadata[k]".into())]
        );
    }

    #[test]
    fn metadata_round_trips_through_storage() {
        let meta = Metadata::parse(pairs(&[("a", "1"), ("b", "two")])).unwrap();
        assert_eq!(Metadata::from_json(&meta.to_json()).unwrap(), meta);
    }

    #[test]
    fn metadata_values_must_be_strings_when_deserialised() {
        assert!(serde_json::from_str::<Metadata>(r#"{"a": 1}"#).is_err());
        assert!(serde_json::from_str::<Metadata>(r#"{"a": "1"}"#).is_ok());
    }
}
