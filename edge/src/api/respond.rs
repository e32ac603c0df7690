//! Turns outcomes into HTTP responses: the API's JSON and error shape, and common headers.

use worker::{Headers, Response, Result, console_error};

use crate::api::error::ApiError;
use crate::api::quota::Quota;
use crate::api::reply::Reply;

/// The last step of every API request: errors become the documented JSON shape, logged once
/// here; the caller's rate-limit headers go on every answer, error or not.
pub fn api(
    outcome: std::result::Result<(Reply, bool), ApiError>,
    quota: Option<&Quota>,
) -> Result<Response> {
    let headers = api_headers();
    let reply = match outcome {
        Ok((reply, replayed)) => {
            if replayed {
                headers.set("idempotent-replayed", "true")?;
            }
            reply
        }
        Err(error) => {
            if let Some(line) = error.log_line() {
                console_error!("{line}");
            }
            for (name, value) in error.extra_headers() {
                headers.set(name, &value)?;
            }
            Reply::error(&error)
        }
    };
    if let Some(quota) = quota {
        for (name, value) in quota.headers() {
            headers.set(name, &value)?;
        }
    }
    Ok(Response::ok(reply.body)?
        .with_status(reply.status)
        .with_headers(headers))
}

/// A page route's outcome: its own response, or an error in the API's shape.
pub fn page(outcome: std::result::Result<Response, ApiError>) -> Result<Response> {
    match outcome {
        Ok(response) => Ok(response),
        Err(error) => api(Err(error), None),
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
