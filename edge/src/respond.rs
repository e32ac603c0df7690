//! Turns handler results into HTTP responses: JSON bodies, the error shape, common headers.

use serde::Serialize;
use worker::{Headers, Response, Result, console_error};

use crate::error::ApiError;
use crate::quota::Quota;

/// Serialises `value` as a JSON response with `status`.
pub fn json<T: Serialize>(value: &T, status: u16) -> std::result::Result<Response, ApiError> {
    let response = Response::from_json(value)
        .map_err(|e| ApiError::internal(format!("serialising a JSON response: {e}")))?;
    Ok(response.with_status(status).with_headers(api_headers()))
}

/// A response whose body is already JSON text.
pub fn json_text(text: String, status: u16) -> std::result::Result<Response, ApiError> {
    let response = Response::ok(text)
        .map_err(|e| ApiError::internal(format!("building a JSON response: {e}")))?;
    Ok(response.with_status(status).with_headers(api_headers()))
}

/// Adds the caller's `RateLimit-*` headers to a response.
pub fn with_quota(
    mut response: Response,
    quota: &Quota,
) -> std::result::Result<Response, ApiError> {
    let headers = response.headers_mut();
    for (name, value) in quota.headers() {
        headers
            .set(name, &value)
            .map_err(|e| ApiError::internal(format!("setting {name}: {e}")))?;
    }
    Ok(response)
}

/// The last step of every request: errors become the documented JSON shape, logged once here.
pub fn finish(outcome: std::result::Result<Response, ApiError>) -> Result<Response> {
    match outcome {
        Ok(response) => Ok(response),
        Err(error) => {
            if let Some(line) = error.log_line() {
                console_error!("{line}");
            }
            let headers = api_headers();
            for (name, value) in error.extra_headers() {
                headers.set(name, &value)?;
            }
            Ok(Response::from_json(&error.body())?
                .with_status(error.status())
                .with_headers(headers))
        }
    }
}

/// API responses are never cached by intermediaries and never sniffed as another type.
fn api_headers() -> Headers {
    let headers = Headers::new();
    for (name, value) in [
        ("content-type", "application/json; charset=utf-8"),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
    ] {
        // Static, valid header names and values: `set` cannot fail on them.
        let _ = headers.set(name, value);
    }
    headers
}
