//! The one error shape every API response uses, so clients parse failures one way.
//!
//! `{"error": {"type": "...", "code": "...", "message": "...", "param": "...", "errors": [...]}}`

use serde::{Deserialize, Serialize};

/// The broad class of an error, for clients that branch before reading `code`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The request was wrong: fix it before retrying.
    InvalidRequestError,
    /// Missing, malformed, revoked or under-scoped credentials.
    AuthenticationError,
    /// Too many requests: retry after the advertised delay.
    RateLimitError,
    /// Something failed on our side or upstream: retrying may help.
    ApiError,
}

/// One failing field, listed so a client can show every problem at once.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldError {
    pub code: String,
    pub message: String,
    pub param: String,
}

impl FieldError {
    pub fn new(param: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            param: param.into(),
        }
    }
}

/// The object inside `{"error": ...}`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    #[serde(rename = "type")]
    pub kind: ErrorType,
    /// Stable snake_case machine code; never changes meaning once published.
    pub code: String,
    /// Human sentence; may be reworded between releases, so clients must not parse it.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// The whole error body.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_the_documented_shape_and_omits_empty_parts() {
        let body = ErrorBody {
            error: ErrorDetail {
                kind: ErrorType::InvalidRequestError,
                code: "route_not_found".into(),
                message: "No such route.".into(),
                param: None,
                errors: vec![],
            },
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"type": "invalid_request_error",
                "code": "route_not_found", "message": "No such route."}})
        );
    }

    #[test]
    fn error_body_round_trips_with_field_errors() {
        let body = ErrorBody {
            error: ErrorDetail {
                kind: ErrorType::InvalidRequestError,
                code: "invalid_currency".into(),
                message: "Currency is not supported.".into(),
                param: Some("currency".into()),
                errors: vec![FieldError {
                    code: "invalid_currency".into(),
                    message: "Currency is not supported.".into(),
                    param: "currency".into(),
                }],
            },
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(serde_json::from_str::<ErrorBody>(&text).unwrap(), body);
    }

    #[test]
    fn error_type_rejects_unknown_variants() {
        assert!(serde_json::from_str::<ErrorType>("\"teapot_error\"").is_err());
    }
}
