//! `Reply`: an API answer as status and JSON text, so it can be stored and replayed exactly.

use serde::Serialize;

use crate::api::error::ApiError;

/// A successful (or health-degraded) API answer; errors travel as [`ApiError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// JSON text.
    pub body: String,
}

impl Reply {
    pub fn json<T: Serialize>(value: &T, status: u16) -> Result<Self, ApiError> {
        let body = serde_json::to_string(value)
            .map_err(|e| ApiError::internal(format!("serialising a response: {e}")))?;
        Ok(Self { status, body })
    }

    /// The JSON error body for `error`, as a reply with its status.
    pub fn error(error: &ApiError) -> Self {
        // An ErrorBody has only strings and enums: serialising it cannot fail.
        let body = serde_json::to_string(&error.body()).unwrap_or_else(|_| "{}".to_owned());
        Self {
            status: error.status(),
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_holds_the_json_text_and_status() {
        let reply = Reply::json(&serde_json::json!({"ok": true}), 201).unwrap();
        assert_eq!(
            reply,
            Reply {
                status: 201,
                body: r#"{"ok":true}"#.into()
            }
        );
    }

    #[test]
    fn an_error_reply_has_the_error_shape_and_status() {
        let reply = Reply::error(&ApiError::ApiKeyRevoked);
        assert_eq!(reply.status, 401);
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["error"]["code"], "api_key_revoked");
    }
}
