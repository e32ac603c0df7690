//! The dashboard's one way to the API: the public `/v1` routes with the signed-in key as a
//! bearer token, every failure turned into the API's own code and message.

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::api::error::ErrorBody;

/// Why a call did not give what was asked: the API's error, or no answer at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The HTTP status; 0 when nothing answered.
    pub status: u16,
    /// The API's stable code (`missing_scope`, …), or `network_error` / `unreadable_answer`.
    pub code: String,
    /// The API's sentence, shown as it is.
    pub message: String,
    /// Every failing field of a validation error, as (param, message).
    pub fields: Vec<(String, String)>,
}

impl Failure {
    fn local(code: &str, message: &str) -> Self {
        Self {
            status: 0,
            code: code.into(),
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// Reads an error answer; one that is not the API's shape still says its status.
    pub fn from_answer(status: u16, text: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(text) {
            Ok(body) => Self {
                status,
                code: body.error.code,
                message: body.error.message,
                fields: body
                    .error
                    .errors
                    .into_iter()
                    .map(|e| (e.param, e.message))
                    .collect(),
            },
            Err(_) => Self {
                status,
                code: "unexpected_answer".into(),
                message: format!("The server answered {status} without an API error."),
                fields: Vec::new(),
            },
        }
    }

    /// What the merchant can do about it, said under the API's message.
    pub fn next_step(&self) -> &'static str {
        match (self.status, self.code.as_str()) {
            (_, "api_key_revoked" | "api_key_invalid" | "api_key_missing") => {
                "Sign out and sign in again with a working key."
            }
            (_, "missing_scope" | "secret_key_required") => {
                "Sign in with a secret key, or a restricted key that has this scope."
            }
            (_, "rate_limited") => "Wait a minute, then retry.",
            (_, "network_error") => "Check your connection, then retry.",
            (400 | 422, _) => "Correct the fields named above, then send again.",
            (404, _) => {
                "It may have been deleted, or belong to the other mode: go back to the list."
            }
            (409, _) => "Reload to see its current state, then decide again.",
            _ => "Retry in a moment; if it keeps failing, check the worker's logs.",
        }
    }
}

/// A signed-in client. The key is only ever sent in the `Authorization` header.
#[derive(Clone)]
pub struct Api {
    key: String,
}

impl Api {
    pub fn new(key: String) -> Self {
        Self { key }
    }

    fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header("authorization", &format!("Bearer {}", self.key))
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, Failure> {
        let request = self.authorized(Request::get(path)).build();
        send(request).await
    }

    pub async fn post<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T, Failure> {
        send(self.authorized(Request::post(path)).json(body)).await
    }

    pub async fn patch<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T, Failure> {
        send(self.authorized(Request::patch(path)).json(body)).await
    }

    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, Failure> {
        send(self.authorized(Request::delete(path)).build()).await
    }
}

async fn send<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, Failure> {
    let request =
        request.map_err(|_| Failure::local("bad_request", "The request could not be built."))?;
    let response = request.send().await.map_err(|_| {
        Failure::local(
            "network_error",
            "The API did not answer (offline, or the worker is down).",
        )
    })?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !(200..300).contains(&status) {
        return Err(Failure::from_answer(status, &text));
    }
    serde_json::from_str(&text).map_err(|_| {
        Failure::local(
            "unreadable_answer",
            "The API answered something this dashboard cannot read: is it the same version?",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_error_keeps_its_code_message_and_fields() {
        let text = r#"{"error":{"type":"invalid_request_error","code":"invalid_url","message":"url is not a URL.","param":"url","errors":[{"code":"invalid_url","message":"url is not a URL.","param":"url"}]}}"#;
        let failure = Failure::from_answer(400, text);
        assert_eq!(failure.code, "invalid_url");
        assert_eq!(failure.message, "url is not a URL.");
        assert_eq!(
            failure.fields,
            [("url".to_owned(), "url is not a URL.".to_owned())]
        );
        assert_eq!(
            failure.next_step(),
            "Correct the fields named above, then send again."
        );
    }

    #[test]
    fn an_answer_that_is_not_an_api_error_still_says_its_status() {
        let failure = Failure::from_answer(502, "<html>Bad gateway</html>");
        assert_eq!(failure.code, "unexpected_answer");
        assert!(failure.message.contains("502"));
    }

    #[test]
    fn key_problems_say_to_sign_in_again_and_scope_problems_which_key_to_use() {
        let revoked = Failure::from_answer(
            401,
            r#"{"error":{"type":"authentication_error","code":"api_key_revoked","message":"The API key was revoked."}}"#,
        );
        assert!(revoked.next_step().starts_with("Sign out"));
        let scope = Failure::from_answer(
            403,
            r#"{"error":{"type":"authentication_error","code":"missing_scope","message":"m","param":"links:write"}}"#,
        );
        assert!(scope.next_step().contains("scope"));
    }
}
