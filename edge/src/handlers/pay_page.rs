//! `GET /l/{slug}`: serves the pay page shell from the static assets.
//!
//! The worker answers this route (rather than the assets layer) so that it can set the status
//! (404 for a malformed slug) and the framing policy: only the origins the link's merchant
//! allows may embed the page (by default any https origin).

use shared::api::account::frame_policy;
use shared::slug::Slug;
use worker::{Env, Headers, Response};

use crate::error::ApiError;
use crate::store::link_cache::{self, CachedLink};
use crate::store::{self, Bindings, settings};

pub async fn get(env: &Env, slug: Option<Slug>) -> Result<Response, ApiError> {
    // The assets layer redirects `/index.html` to `/`, so ask for the directory index.
    let html = store::asset_text(env, "/").await?;
    let status = if slug.is_some() { 200 } else { 404 };
    let policy = framing(env, slug.as_ref()).await?;
    let headers = Headers::new();
    for (name, value) in [
        ("content-security-policy", policy.as_str()),
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

/// The `frame-ancestors` policy of the link's merchant; the live default for unknown links.
async fn framing(env: &Env, slug: Option<&Slug>) -> Result<String, ApiError> {
    let Some(slug) = slug else {
        return Ok(frame_policy(&[], true));
    };
    let db = Bindings::db(env)?;
    let kv = Bindings::cache(env)?;
    let Some(CachedLink { row, .. }) = link_cache::get(&kv, &db, slug.as_str()).await? else {
        return Ok(frame_policy(&[], true));
    };
    let livemode = row.livemode == 1;
    let checkout = settings::get(&db, &row.merchant_id, livemode).await?;
    Ok(frame_policy(&checkout.frame_ancestors, livemode))
}
