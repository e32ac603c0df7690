//! Every error's status, code, headers and log line: the one HTTP mapping, checked case by case.

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
fn no_chain_answer_is_503_with_retry_after_and_its_cause_only_in_the_log() {
    let err = ApiError::ChainUnavailable {
        context: "http://10.0.0.1:8545 refused".into(),
    };
    assert_eq!((err.status(), err.code()), (503, "chain_unavailable"));
    assert_eq!(err.extra_headers(), vec![("retry-after", "5".to_owned())]);
    let body = serde_json::to_string(&err.body()).unwrap();
    assert!(!body.contains("10.0.0.1"), "{body}");
    assert!(err.log_line().unwrap().contains("10.0.0.1"));
}

#[test]
fn no_price_is_503_with_retry_after_and_its_cause_only_in_the_log() {
    let err = ApiError::PriceUnavailable {
        context: "kraken: 500".into(),
    };
    assert_eq!((err.status(), err.code()), (503, "price_unavailable"));
    assert_eq!(err.extra_headers(), vec![("retry-after", "5".to_owned())]);
    let body = serde_json::to_string(&err.body()).unwrap();
    assert!(!body.contains("kraken"), "{body}");
    assert_eq!(err.log_line().unwrap(), "no quote: kraken: 500");
}

#[test]
fn a_link_that_can_no_longer_be_paid_is_410_with_its_own_code() {
    let err = ApiError::Gone {
        code: "link_sold_out",
        message: "sold out",
    };
    assert_eq!((err.status(), err.code()), (410, "link_sold_out"));
    assert_eq!(err.body().error.kind, ErrorType::InvalidRequestError);
}

#[test]
fn a_request_that_cannot_be_done_as_sent_is_422_with_its_first_code_and_every_field() {
    let field = |param: &str, code: &str| FieldError {
        code: code.into(),
        message: format!("{param} fails"),
        param: param.into(),
    };
    let err = ApiError::Unprocessable(vec![
        field("chain", "chain_required"),
        field("title", "title_invalid"),
    ]);
    assert_eq!((err.status(), err.code()), (422, "chain_required"));
    let body = err.body().error;
    assert_eq!(body.kind, ErrorType::InvalidRequestError);
    assert_eq!(body.param.as_deref(), Some("chain"));
    assert_eq!(body.errors.len(), 2);
    assert_eq!(err.log_line(), None, "a client error is not logged");
}

#[test]
fn method_not_allowed_names_the_allowed_methods_in_a_header() {
    let err = ApiError::MethodNotAllowed {
        allow: "GET, HEAD".into(),
    };
    assert_eq!(err.status(), 405);
    assert_eq!(err.code(), "method_not_allowed");
    assert_eq!(err.extra_headers(), vec![("allow", "GET, HEAD".to_owned())]);
}

#[test]
fn client_errors_are_not_logged() {
    assert_eq!(ApiError::RouteNotFound.log_line(), None);
    assert_eq!(ApiError::ApiKeyInvalid.log_line(), None);
}

#[test]
fn key_failures_are_401_with_a_bearer_challenge() {
    for err in [
        ApiError::ApiKeyMissing,
        ApiError::ApiKeyInvalid,
        ApiError::ApiKeyRevoked,
    ] {
        assert_eq!(err.status(), 401);
        assert_eq!(err.body().error.kind, ErrorType::AuthenticationError);
        assert_eq!(err.extra_headers()[0].0, "www-authenticate");
    }
}

#[test]
fn a_rate_limited_request_is_429_with_retry_after_and_quota_headers() {
    let err = ApiError::RateLimited(Quota::new(5, 6, 100));
    assert_eq!(err.status(), 429);
    assert_eq!(err.body().error.kind, ErrorType::RateLimitError);
    assert_eq!(err.code(), "rate_limited");
    let headers = err.extra_headers();
    assert!(headers.contains(&("retry-after", "20".to_owned())));
    assert!(headers.contains(&("ratelimit-remaining", "0".to_owned())));
}

#[test]
fn a_missing_scope_is_403_and_names_the_scope() {
    let err = ApiError::MissingScope(Scope::LinksWrite);
    assert_eq!(err.status(), 403);
    let body = err.body();
    assert_eq!(body.error.code, "missing_scope");
    assert_eq!(body.error.param.as_deref(), Some("links:write"));
    assert!(body.error.message.contains("links:write"));
}

#[test]
fn a_restricted_key_on_a_secret_key_route_is_403_with_its_own_code() {
    let err = ApiError::SecretKeyRequired;
    assert_eq!((err.status(), err.code()), (403, "secret_key_required"));
    assert_eq!(err.body().error.kind, ErrorType::AuthenticationError);
    assert!(err.body().error.message.contains("restricted key"));
}

#[test]
fn validation_errors_lead_with_the_first_field_and_list_them_all() {
    let field = |code: &str, param: &str| FieldError {
        code: code.into(),
        message: format!("{param} is wrong"),
        param: param.into(),
    };
    let err = ApiError::Validation(vec![
        field("invalid_name", "name"),
        field("invalid_scope", "scopes"),
    ]);
    let body = err.body();
    assert_eq!(err.status(), 400);
    assert_eq!(body.error.code, "invalid_name");
    assert_eq!(body.error.param.as_deref(), Some("name"));
    assert_eq!(body.error.errors.len(), 2);
}
