//! Reading a JSON request body: content type, size limit, and one error code per failure.

use serde::de::DeserializeOwned;
use serde_json::error::Category;
use shared::api::json_guard::{self, JsonIssue};

/// Bodies above this many bytes are refused before parsing.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why a body is not the JSON a route expects. Each variant has its own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    UnsupportedContentType,
    TooLarge,
    /// Not JSON at all (syntax error, truncated, empty).
    InvalidJson,
    UnknownField {
        param: String,
    },
    MissingField {
        param: String,
    },
    /// An object names `param` twice (serde would keep one silently, or say `invalid_type`).
    DuplicateField {
        param: String,
    },
    /// A number past 2^53 − 1 in magnitude: JavaScript clients cannot hold it exactly.
    NumberTooLarge {
        param: String,
    },
    /// An integer the field's type cannot hold (a negative count, a count past `u32`).
    NumberOutOfRange {
        param: String,
        detail: String,
    },
    /// JSON of the wrong type or value at `param`.
    InvalidType {
        param: String,
        detail: String,
    },
}

impl BodyError {
    pub fn code(&self) -> &'static str {
        match self {
            BodyError::UnsupportedContentType => "unsupported_content_type",
            BodyError::TooLarge => "body_too_large",
            BodyError::InvalidJson => "invalid_json",
            BodyError::UnknownField { .. } => "unknown_field",
            BodyError::MissingField { .. } => "missing_field",
            BodyError::DuplicateField { .. } => "duplicate_field",
            BodyError::NumberTooLarge { .. } => "number_too_large",
            BodyError::NumberOutOfRange { .. } => "number_out_of_range",
            BodyError::InvalidType { .. } => "invalid_type",
        }
    }

    pub fn message(&self) -> String {
        match self {
            BodyError::UnsupportedContentType => {
                "Send the body as JSON with `Content-Type: application/json`.".to_owned()
            }
            BodyError::TooLarge => format!("The body is larger than {MAX_BODY_BYTES} bytes."),
            BodyError::InvalidJson => "The body is not valid JSON.".to_owned(),
            BodyError::UnknownField { param } => format!("Unknown field `{param}`."),
            BodyError::MissingField { param } => format!("Missing required field `{param}`."),
            BodyError::DuplicateField { param } => {
                format!("`{param}` appears more than once; send each field once.")
            }
            BodyError::NumberTooLarge { param } => format!(
                "`{param}` is beyond ±{} (2^53 − 1), which JSON clients cannot hold exactly.",
                json_guard::MAX_SAFE_INTEGER
            ),
            BodyError::NumberOutOfRange { param, detail }
            | BodyError::InvalidType { param, detail } => {
                format!("`{param}`: {detail}.")
            }
        }
    }

    pub fn param(&self) -> Option<String> {
        match self {
            BodyError::UnknownField { param }
            | BodyError::MissingField { param }
            | BodyError::DuplicateField { param }
            | BodyError::NumberTooLarge { param }
            | BodyError::NumberOutOfRange { param, .. }
            | BodyError::InvalidType { param, .. } => Some(param.clone()),
            BodyError::UnsupportedContentType | BodyError::TooLarge | BodyError::InvalidJson => {
                None
            }
        }
    }
}

/// Parses `bytes` as `T` after checking the content type and size.
pub fn parse_json<T: DeserializeOwned>(
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<T, BodyError> {
    let is_json = content_type
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(BodyError::UnsupportedContentType);
    }
    if bytes.len() > MAX_BODY_BYTES {
        return Err(BodyError::TooLarge);
    }
    json_guard::check(bytes).map_err(|issue| match issue {
        JsonIssue::DuplicateKey { path } => BodyError::DuplicateField { param: path },
        JsonIssue::UnsafeNumber { path } => BodyError::NumberTooLarge { param: path },
    })?;
    // Through a `Value`, as `from_value` reads: each request type's `Deserialize` is then
    // compiled for one deserializer, not two (the worker carried both).
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|_| BodyError::InvalidJson)?;
    // Every body is an object: serde would also read a struct from an array of its fields in
    // order (`[null, null]` as a request with every optional field absent).
    if !value.is_object() {
        return Err(BodyError::InvalidType {
            param: ".".into(),
            detail: "the body is a JSON object".into(),
        });
    }
    from_value(value)
}

/// Reads an already-parsed JSON value as `T`, with the same error codes as a body.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, BodyError> {
    serde_path_to_error::deserialize(value).map_err(classify)
}

fn classify(error: serde_path_to_error::Error<serde_json::Error>) -> BodyError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    match inner.classify() {
        Category::Syntax | Category::Eof | Category::Io => BodyError::InvalidJson,
        Category::Data => {
            let text = inner.to_string();
            let quoted = text.split('`').nth(1).map(str::to_owned);
            let within = |name: String| {
                if path == "." {
                    name
                } else {
                    format!("{path}.{name}")
                }
            };
            if text.starts_with("unknown field") {
                // The path already ends at the unknown field.
                BodyError::UnknownField { param: path }
            } else if text.starts_with("missing field") {
                BodyError::MissingField {
                    param: within(quoted.unwrap_or_default()),
                }
            } else if text.starts_with("duplicate field") {
                // Caught by the first pass for bodies; kept for values read with `from_value`.
                BodyError::DuplicateField {
                    param: within(quoted.unwrap_or_default()),
                }
            } else {
                // serde_json appends " at line L column C": position is noise for an API client.
                let detail = text.split(" at line ").next().unwrap_or(&text).to_owned();
                if text.starts_with("invalid value: integer") {
                    BodyError::NumberOutOfRange {
                        param: path,
                        detail,
                    }
                } else {
                    BodyError::InvalidType {
                        param: path,
                        detail,
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Input {
        name: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        count: Option<u32>,
        #[serde(default)]
        at: Option<i64>,
    }

    const JSON: Option<&str> = Some("application/json");

    #[derive(Debug, Deserialize, PartialEq)]
    struct Optional {
        #[serde(default)]
        a: Option<String>,
        #[serde(default)]
        b: Option<String>,
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused_even_where_serde_would_read_it() {
        for body in [&b"[null, null]"[..], b" [\"x\"]", b"null", b"\"text\""] {
            let answer = parse_json::<Optional>(JSON, body);
            assert!(
                matches!(answer, Err(BodyError::InvalidType { .. })),
                "{}: {answer:?}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(parse_json::<Optional>(JSON, b" {}").is_ok());
    }

    #[test]
    fn a_payer_member_is_an_object_and_whatever_is_wrong_inside_is_named_by_its_path() {
        type Open = shared::api::sessions::CreateSessionRequest;
        let array = parse_json::<Open>(JSON, br#"{"customer": [null, null]}"#).unwrap_err();
        assert_eq!(array.code(), "invalid_type");
        assert_eq!(array.param().as_deref(), Some("customer"));
        let inner = parse_json::<Open>(
            JSON,
            br#"{"customer": {"billing_address": {"line1": "x", "zip": "1"}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            inner,
            BodyError::UnknownField {
                param: "customer.billing_address.zip".into()
            }
        );
        let count = parse_json::<Open>(JSON, br#"{"quantity": -1}"#).unwrap_err();
        assert_eq!(count.code(), "number_out_of_range");
    }

    #[test]
    fn a_valid_body_parses_with_any_json_content_type_parameters() {
        let input: Input =
            parse_json(Some("application/json; charset=utf-8"), br#"{"name":"x"}"#).unwrap();
        assert_eq!(
            input,
            Input {
                name: "x".into(),
                tags: vec![],
                count: None,
                at: None,
            }
        );
    }

    #[test]
    fn a_missing_or_other_content_type_is_refused() {
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            assert_eq!(
                parse_json::<Input>(ct, b"{}"),
                Err(BodyError::UnsupportedContentType)
            );
        }
    }

    #[test]
    fn a_body_over_the_limit_is_refused_before_parsing() {
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert_eq!(parse_json::<Input>(JSON, &big), Err(BodyError::TooLarge));
    }

    #[test]
    fn malformed_truncated_empty_or_trailing_json_is_invalid_json() {
        for body in [&b"{"[..], b"", b"{\"name\":}", b"{\"name\":\"x\"} extra"] {
            assert_eq!(parse_json::<Input>(JSON, body), Err(BodyError::InvalidJson));
        }
    }

    #[test]
    fn an_unknown_field_is_named() {
        let err = parse_json::<Input>(JSON, br#"{"name":"x","colour":"red"}"#).unwrap_err();
        assert_eq!(
            err,
            BodyError::UnknownField {
                param: "colour".into()
            }
        );
        assert_eq!(err.code(), "unknown_field");
    }

    #[test]
    fn a_missing_field_is_named() {
        let err = parse_json::<Input>(JSON, b"{}").unwrap_err();
        assert_eq!(
            err,
            BodyError::MissingField {
                param: "name".into()
            }
        );
    }

    #[test]
    fn a_wrong_type_names_the_path_without_line_numbers() {
        let err = parse_json::<Input>(JSON, br#"{"name":"x","tags":[1]}"#).unwrap_err();
        match &err {
            BodyError::InvalidType { param, detail } => {
                assert_eq!(param, "tags[0]");
                assert!(detail.contains("expected a string"), "{detail}");
                assert!(!detail.contains("line"), "{detail}");
            }
            other => panic!("expected InvalidType, got {other:?}"),
        }
        assert_eq!(err.code(), "invalid_type");
    }

    #[test]
    fn a_repeated_key_has_its_own_code_naming_the_key() {
        let err = parse_json::<Input>(JSON, br#"{"name":"x","name":"y"}"#).unwrap_err();
        assert_eq!(
            err,
            BodyError::DuplicateField {
                param: "name".into()
            }
        );
        assert_eq!(
            (err.code(), err.param().as_deref()),
            ("duplicate_field", Some("name"))
        );
        // In a map, serde would keep the last value without a word.
        let err = parse_json::<serde_json::Map<String, serde_json::Value>>(
            JSON,
            br#"{"checkout":{"quote_lock_seconds":60,"quote_lock_seconds":90}}"#,
        )
        .unwrap_err();
        assert_eq!(err.param().as_deref(), Some("checkout.quote_lock_seconds"));
    }

    #[test]
    fn numbers_javascript_cannot_hold_have_their_own_code() {
        for body in [
            &br#"{"name":"x","at":9007199254740992}"#[..],
            br#"{"name":"x","at":9223372036854775807}"#,
            br#"{"name":"x","at":-9007199254740992}"#,
        ] {
            let err = parse_json::<Input>(JSON, body).unwrap_err();
            assert_eq!(err.code(), "number_too_large", "{err:?}");
            assert_eq!(err.param().as_deref(), Some("at"));
        }
        let ok: Input = parse_json(JSON, br#"{"name":"x","at":9007199254740991}"#).unwrap();
        assert_eq!(ok.at, Some(9_007_199_254_740_991));
    }

    #[test]
    fn an_integer_the_field_cannot_hold_is_out_of_range_not_a_wrong_type() {
        for body in [
            &br#"{"name":"x","count":-1}"#[..],
            br#"{"name":"x","count":4294967296}"#,
        ] {
            let err = parse_json::<Input>(JSON, body).unwrap_err();
            assert_eq!(
                (err.code(), err.param().as_deref()),
                ("number_out_of_range", Some("count"))
            );
        }
        let err = parse_json::<Input>(JSON, br#"{"name":"x","count":1.5}"#).unwrap_err();
        assert_eq!(err.code(), "invalid_type");
    }
}
