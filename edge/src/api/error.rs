//! `ApiError`: every way a request can fail, mapped to HTTP in exactly one place.

use shared::api::error::{ErrorBody, ErrorDetail, ErrorType, FieldError};
use shared::auth::Scope;

use crate::api::body::BodyError;
use crate::api::quota::Quota;

/// Errors a handler returns. Internal causes are logged once where the response is built
/// and never sent: a 500 body says nothing about our insides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No route has this path.
    RouteNotFound,
    /// The path exists for other methods, listed in `allow`.
    MethodNotAllowed { allow: String },
    /// No `Authorization: Bearer` header.
    ApiKeyMissing,
    /// A bearer token that is not a key we know (malformed or unknown: not distinguished).
    ApiKeyInvalid,
    /// A key that was revoked.
    ApiKeyRevoked,
    /// The key lacks the scope the route needs.
    MissingScope(Scope),
    /// A restricted key called a route only secret keys may call (managing API keys).
    SecretKeyRequired,
    /// The key used up its requests for this window.
    RateLimited(Quota),
    /// The admin API is off because the `ADMIN_TOKEN` secret is not set.
    AdminDisabled,
    /// A wrong or missing admin token.
    AdminTokenInvalid,
    /// The object does not exist, or belongs to someone else: the two look the same.
    ResourceMissing { what: &'static str },
    /// The `Idempotency-Key` header is empty, too long or not visible ASCII.
    IdempotencyKeyInvalid,
    /// The route shows a secret, which is never stored for replay.
    IdempotencyKeyNotSupported,
    /// The key was used for a different request (method, path or body).
    IdempotencyKeyReused,
    /// The first request with this key is still running.
    IdempotencyKeyInProgress,
    /// The request conflicts with the object's state (e.g. revoking a revoked key).
    Conflict {
        code: &'static str,
        message: &'static str,
    },
    /// The object exists but can no longer be used (an expired or sold-out link).
    Gone {
        code: &'static str,
        message: &'static str,
    },
    /// No trustworthy price right now (too few sources, stale, or disagreeing); nothing was
    /// stored. `context` is for the log only.
    PriceUnavailable { context: String },
    /// The chain's node did not answer (or answered nonsense) for a read the answer needs;
    /// nothing was changed. `context` is for the log only.
    ChainUnavailable { context: String },
    /// The body could not be read as the route's JSON.
    Body(BodyError),
    /// The body parsed but fields broke rules; every failing field is listed.
    Validation(Vec<FieldError>),
    /// The request is well formed but cannot be done as sent (a link with no chain, and no
    /// default chain to take): 422 with the first error's code, every failing field listed.
    Unprocessable(Vec<FieldError>),
    /// A binding or upstream failed; `context` is for the log only.
    Internal { context: String },
}

impl ApiError {
    /// Wraps an I/O failure with what we were doing, for the log.
    pub fn internal(context: impl Into<String>) -> Self {
        ApiError::Internal {
            context: context.into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::Body(_)
            | ApiError::Validation(_)
            | ApiError::IdempotencyKeyInvalid
            | ApiError::IdempotencyKeyNotSupported => 400,
            ApiError::IdempotencyKeyReused | ApiError::Unprocessable(_) => 422,
            ApiError::IdempotencyKeyInProgress => 409,
            ApiError::ApiKeyMissing
            | ApiError::ApiKeyInvalid
            | ApiError::ApiKeyRevoked
            | ApiError::AdminTokenInvalid => 401,
            ApiError::MissingScope(_) | ApiError::SecretKeyRequired | ApiError::AdminDisabled => {
                403
            }
            ApiError::RouteNotFound | ApiError::ResourceMissing { .. } => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Conflict { .. } => 409,
            ApiError::Gone { .. } => 410,
            ApiError::RateLimited(_) => 429,
            ApiError::PriceUnavailable { .. } | ApiError::ChainUnavailable { .. } => 503,
            ApiError::Internal { .. } => 500,
        }
    }

    /// Stable snake_case code clients branch on.
    pub fn code(&self) -> &str {
        match self {
            ApiError::RouteNotFound => "route_not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::ApiKeyMissing => "api_key_missing",
            ApiError::ApiKeyInvalid => "api_key_invalid",
            ApiError::ApiKeyRevoked => "api_key_revoked",
            ApiError::MissingScope(_) => "missing_scope",
            ApiError::SecretKeyRequired => "secret_key_required",
            ApiError::RateLimited(_) => "rate_limited",
            ApiError::AdminDisabled => "admin_api_disabled",
            ApiError::AdminTokenInvalid => "admin_token_invalid",
            ApiError::ResourceMissing { .. } => "resource_missing",
            ApiError::Conflict { code, .. } | ApiError::Gone { code, .. } => code,
            ApiError::PriceUnavailable { .. } => "price_unavailable",
            ApiError::ChainUnavailable { .. } => "chain_unavailable",
            ApiError::IdempotencyKeyInvalid => "idempotency_key_invalid",
            ApiError::IdempotencyKeyNotSupported => "idempotency_key_not_supported",
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::IdempotencyKeyInProgress => "idempotency_key_in_progress",
            ApiError::Body(e) => e.code(),
            ApiError::Validation(errors) | ApiError::Unprocessable(errors) => {
                errors.first().map_or("invalid_request", |e| &e.code)
            }
            ApiError::Internal { .. } => "internal_error",
        }
    }

    fn kind(&self) -> ErrorType {
        match self {
            ApiError::ApiKeyMissing
            | ApiError::ApiKeyInvalid
            | ApiError::ApiKeyRevoked
            | ApiError::MissingScope(_)
            | ApiError::SecretKeyRequired
            | ApiError::AdminDisabled
            | ApiError::AdminTokenInvalid => ErrorType::AuthenticationError,
            ApiError::RouteNotFound
            | ApiError::MethodNotAllowed { .. }
            | ApiError::ResourceMissing { .. }
            | ApiError::Conflict { .. }
            | ApiError::Gone { .. }
            | ApiError::IdempotencyKeyInvalid
            | ApiError::IdempotencyKeyNotSupported
            | ApiError::IdempotencyKeyReused
            | ApiError::IdempotencyKeyInProgress
            | ApiError::Body(_)
            | ApiError::Validation(_)
            | ApiError::Unprocessable(_) => ErrorType::InvalidRequestError,
            ApiError::RateLimited(_) => ErrorType::RateLimitError,
            ApiError::Internal { .. }
            | ApiError::PriceUnavailable { .. }
            | ApiError::ChainUnavailable { .. } => ErrorType::ApiError,
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::RouteNotFound => "No route matches this path.".to_owned(),
            ApiError::MethodNotAllowed { allow } => {
                format!("This path does not accept that method; it accepts {allow}.")
            }
            ApiError::ApiKeyMissing => "No API key: send `Authorization: Bearer <key>`.".to_owned(),
            ApiError::ApiKeyInvalid => "The API key is not valid.".to_owned(),
            ApiError::ApiKeyRevoked => "The API key was revoked.".to_owned(),
            ApiError::MissingScope(scope) => {
                format!("The API key lacks the `{scope}` scope this request needs.")
            }
            ApiError::SecretKeyRequired => {
                "Only a secret key may do this; the API key sent is a restricted key.".to_owned()
            }
            ApiError::RateLimited(quota) => format!(
                "Too many requests: at most {} per minute are allowed; retry in {} s.",
                quota.limit, quota.reset_in
            ),
            ApiError::AdminDisabled => {
                "The admin API is disabled: set the ADMIN_TOKEN secret to enable it.".to_owned()
            }
            ApiError::AdminTokenInvalid => "The admin token is missing or wrong.".to_owned(),
            ApiError::ResourceMissing { what } => format!("No such {what}."),
            ApiError::Conflict { message, .. } | ApiError::Gone { message, .. } => {
                (*message).to_owned()
            }
            ApiError::PriceUnavailable { .. } => {
                "No reliable price is available right now; nothing was created. Retry shortly."
                    .to_owned()
            }
            ApiError::ChainUnavailable { .. } => {
                "The chain's node is not answering right now; nothing was changed. Retry shortly."
                    .to_owned()
            }
            ApiError::IdempotencyKeyInvalid => {
                "Idempotency-Key holds 1 to 255 visible ASCII characters.".to_owned()
            }
            ApiError::IdempotencyKeyNotSupported => {
                "This request shows a secret, which is never stored for replay: send it without \
                 Idempotency-Key."
                    .to_owned()
            }
            ApiError::IdempotencyKeyReused => {
                "This Idempotency-Key was used for a different request (method, path or body)."
                    .to_owned()
            }
            ApiError::IdempotencyKeyInProgress => {
                "A request with this Idempotency-Key is still running; retry shortly.".to_owned()
            }
            ApiError::Body(e) => e.message(),
            ApiError::Validation(errors) | ApiError::Unprocessable(errors) => {
                errors.first().map_or_else(
                    || "The request is invalid.".to_owned(),
                    |e| e.message.clone(),
                )
            }
            ApiError::Internal { .. } => {
                "Something went wrong on our side; the request may be retried.".to_owned()
            }
        }
    }

    fn param(&self) -> Option<String> {
        match self {
            ApiError::Body(e) => e.param(),
            ApiError::Validation(errors) | ApiError::Unprocessable(errors) => {
                errors.first().map(|e| e.param.clone())
            }
            ApiError::MissingScope(scope) => Some(scope.as_str().to_owned()),
            _ => None,
        }
    }

    /// Headers the response must carry besides the JSON content type.
    pub fn extra_headers(&self) -> Vec<(&'static str, String)> {
        match self {
            ApiError::MethodNotAllowed { allow } => vec![("allow", allow.clone())],
            ApiError::ApiKeyMissing | ApiError::ApiKeyInvalid | ApiError::ApiKeyRevoked => {
                vec![("www-authenticate", "Bearer realm=\"paylink\"".to_owned())]
            }
            ApiError::RateLimited(quota) => {
                let mut headers = quota.headers();
                headers.push(("retry-after", quota.reset_in.to_string()));
                headers
            }
            ApiError::PriceUnavailable { .. } | ApiError::ChainUnavailable { .. } => {
                vec![("retry-after", "5".to_owned())]
            }
            _ => Vec::new(),
        }
    }

    /// What goes in the log when this error becomes a response, if anything.
    pub fn log_line(&self) -> Option<String> {
        match self {
            ApiError::Internal { context } => Some(format!("internal error: {context}")),
            ApiError::PriceUnavailable { context } => Some(format!("no quote: {context}")),
            ApiError::ChainUnavailable { context } => Some(format!("no chain answer: {context}")),
            _ => None,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                kind: self.kind(),
                code: self.code().to_owned(),
                message: self.message(),
                param: self.param(),
                errors: match self {
                    ApiError::Validation(errors) | ApiError::Unprocessable(errors) => {
                        errors.clone()
                    }
                    _ => Vec::new(),
                },
            },
        }
    }
}

impl From<BodyError> for ApiError {
    fn from(error: BodyError) -> Self {
        ApiError::Body(error)
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
