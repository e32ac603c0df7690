//! `GET /l/{slug}`: serves the pay page shell from the static assets.
//!
//! The worker answers this route (rather than the assets layer) so that it can set the status
//! (404 for a malformed slug) and the framing policy: only the origins the link's merchant
//! allows may embed the page (by default any https origin). It also inlines the link, as
//! `GET /v1/public/links/{slug}` would answer it, so the page renders without that round trip,
//! and rewrites the shell for the link (`pages::shell`: title, test band, the way back, the
//! payer form pre-filled from the query's `prefilled_email`, `prefilled_name`, `quantity`).

use shared::api::account::frame_policy;
use shared::slug::Slug;
use worker::{D1Database, Headers, KvStore, Response, console_error, console_warn};

use crate::accounts::frame_cache;
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::links::cache::{self as link_cache, CachedLink};
use crate::links::public::public_link;
use crate::pages::inline_data::{insert_before_head_end, link_element};
use crate::pages::payer_form::Prefill;
use crate::pages::shell::{self, Subject};
use crate::platform::{self, Bindings};

pub async fn get(call: Call) -> Result<Response, ApiError> {
    let env = &call.env;
    let slug = Slug::parse(call.param("slug")?).ok();
    // The assets layer redirects `/index.html` to `/`, so ask for the directory index.
    let page = platform::asset_text(env, "/").await?;
    let embed = shell::is_embed(&call.query);
    let prefill = Prefill::from_query(&call.query);
    let (status, policy, html) = match slug {
        // A malformed slug names no link: the page shows its not-found view, nothing to inline.
        None => (
            404,
            frame_policy(&[], true),
            shell::rewrite(&page, Subject::Link(None), embed, &prefill),
        ),
        Some(slug) => {
            let db = Bindings::db(env)?;
            let kv = Bindings::cache(env)?;
            // One read serves both the framing policy and the inlined data.
            let cached = link_cache::get(&kv, &db, slug.as_str()).await?;
            let policy = framing(&kv, &db, cached.as_ref()).await?;
            (200, policy, with_link(page, &slug, cached, embed, &prefill))
        }
    };
    respond(status, &policy, html)
}

/// The page's answer: `html` with `status`, the framing policy and the shell's headers.
pub fn respond(status: u16, policy: &str, html: String) -> Result<Response, ApiError> {
    let headers = Headers::new();
    for (name, value) in [
        ("content-security-policy", policy),
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
async fn framing(
    kv: &KvStore,
    db: &D1Database,
    cached: Option<&CachedLink>,
) -> Result<String, ApiError> {
    let Some(CachedLink { row, .. }) = cached else {
        return Ok(frame_policy(&[], true));
    };
    let livemode = row.livemode == 1;
    let allowed = frame_cache::get(kv, db, &row.merchant_id, livemode).await?;
    Ok(frame_policy(&allowed, livemode))
}

/// The shell with the link inlined, or `null` when no link has the slug (unknown or archived).
///
/// When the link cannot be inlined (a stored row the API could not show either) the shell goes
/// out as it is, the fault is logged here, and the page says payments are unavailable.
fn with_link(
    page: String,
    slug: &Slug,
    cached: Option<CachedLink>,
    embed: bool,
    prefill: &Prefill,
) -> String {
    let link = match cached.map(|c| public_link(c, platform::now())).transpose() {
        Ok(link) => link,
        Err(e) => {
            if let Some(line) = e.log_line() {
                console_error!("pay page {slug}: not inlined: {line}");
            }
            return page;
        }
    };
    // `None` serialises as `null`, the page's sign that the slug names no link.
    let json = match serde_json::to_string(&link) {
        Ok(json) => json,
        Err(e) => {
            console_error!("pay page {slug}: serialising the link: {e}");
            return page;
        }
    };
    let page = shell::rewrite(&page, Subject::Link(link.as_ref()), embed, prefill);
    match insert_before_head_end(&page, &link_element(&json)) {
        Some(html) => html,
        None => {
            console_warn!("pay page {slug}: the shell has no </head>, so the link is not inlined");
            page
        }
    }
}
