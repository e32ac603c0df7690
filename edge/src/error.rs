//! `ApiError`: every way a request can fail, mapped to HTTP in exactly one place.

use shared::api::error::{ErrorBody, ErrorDetail, ErrorType};

/// Errors a handler returns. Internal causes are logged once where the response is built
/// and never sent: a 500 body says nothing about our insides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No route has this path.
    RouteNotFound,
    /// The path exists for other methods, listed in `allow`.
    MethodNotAllowed { allow: &'static str },
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
            ApiError::RouteNotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::Internal { .. } => 500,
        }
    }

    /// Stable snake_case code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::RouteNotFound => "route_not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::Internal { .. } => "internal_error",
        }
    }

    fn kind(&self) -> ErrorType {
        match self {
            ApiError::RouteNotFound | ApiError::MethodNotAllowed { .. } => {
                ErrorType::InvalidRequestError
            }
            ApiError::Internal { .. } => ErrorType::ApiError,
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::RouteNotFound => "No route matches this path.".to_owned(),
            ApiError::MethodNotAllowed { allow } => {
                format!("This path does not accept that method; it accepts {allow}.")
            }
            ApiError::Internal { .. } => {
                "Something went wrong on our side; the request may be retried.".to_owned()
            }
        }
    }

    /// Headers the response must carry besides the JSON content type.
    pub fn extra_headers(&self) -> Vec<(&'static str, String)> {
        match self {
            ApiError::MethodNotAllowed { allow } => vec![("allow", (*allow).to_owned())],
            ApiError::RouteNotFound | ApiError::Internal { .. } => Vec::new(),
        }
    }

    /// What goes in the log when this error becomes a response, if anything.
    pub fn log_line(&self) -> Option<String> {
        match self {
            ApiError::Internal { context } => Some(format!("internal error: {context}")),
            ApiError::RouteNotFound | ApiError::MethodNotAllowed { .. } => None,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                kind: self.kind(),
                code: self.code().to_owned(),
                message: self.message(),
                param: None,
                errors: Vec::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_answer_500_without_their_context() {
        let err = ApiError::internal("D1 select failed: table missing");
        assert_eq!(err.status(), 500);
        let body = serde_json::to_string(&err.body()).unwrap();
        assert!(!body.contains("D1"), "{body}");
        assert!(!body.contains("table"), "{body}");
        assert_eq!(
            err.log_line().unwrap(),
            "internal error: D1 select failed: table missing"
        );
    }

    #[test]
    fn method_not_allowed_names_the_allowed_methods_in_a_header() {
        let err = ApiError::MethodNotAllowed { allow: "GET, HEAD" };
        assert_eq!(err.status(), 405);
        assert_eq!(err.code(), "method_not_allowed");
        assert_eq!(err.extra_headers(), vec![("allow", "GET, HEAD".to_owned())]);
    }

    #[test]
    fn client_errors_are_not_logged() {
        assert_eq!(ApiError::RouteNotFound.log_line(), None);
        assert_eq!(ApiError::RouteNotFound.body().error.code, "route_not_found");
    }
}
