//! `GET /l/{slug}`: serves the pay page shell from the static assets.
//!
//! The worker answers this route (rather than the assets layer) so that it can set the status
//! (404 for a malformed slug) and, later, inline the link's data and framing policy.

use shared::slug::Slug;
use worker::{Env, Headers, Response};

use crate::error::ApiError;
use crate::store;

pub async fn get(env: &Env, slug: Option<Slug>) -> Result<Response, ApiError> {
    // The assets layer redirects `/index.html` to `/`, so ask for the directory index.
    let html = store::asset_text(env, "/").await?;
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
