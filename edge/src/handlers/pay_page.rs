//! `GET /l/{slug}`: serves the pay page shell from the static assets.
//!
//! The worker answers this route (rather than the assets layer) so that it can set the status
//! (404 for a malformed slug) and, later, inline the link's data and framing policy.

use shared::slug::Slug;
use worker::{Env, Headers, Response};

use crate::error::ApiError;
use crate::store::Bindings;

pub async fn get(env: &Env, slug: Option<Slug>) -> Result<Response, ApiError> {
    let assets = Bindings::assets(env)?;
    // The assets layer redirects `/index.html` to `/`, so ask for the directory index.
    let mut shell = assets
        .fetch("https://assets.invalid/", None)
        .await
        .map_err(|e| ApiError::internal(format!("fetching the pay page shell: {e}")))?;
    if shell.status_code() != 200 {
        return Err(ApiError::internal(format!(
            "the pay page shell answered {}: is dist/ built?",
            shell.status_code()
        )));
    }
    let html = shell
        .text()
        .await
        .map_err(|e| ApiError::internal(format!("reading the pay page shell: {e}")))?;
    let status = if slug.is_some() { 200 } else { 404 };
    let headers = Headers::new();
    for (name, value) in [
        ("content-type", "text/html; charset=utf-8"),
        // The shell is tiny and names hashed assets: never serve a stale one.
        ("cache-control", "no-cache"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
    ] {
        headers
            .set(name, value)
            .map_err(|e| ApiError::internal(format!("setting header {name}: {e}")))?;
    }
    Response::from_html(html)
        .map(|r| r.with_status(status).with_headers(headers))
        .map_err(|e| ApiError::internal(format!("building the pay page response: {e}")))
}
