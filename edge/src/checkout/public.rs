//! The customer's side of checkout, no key: open a session on a link, quote an asset on a
//! session, and poll it. `POST /v1/public/links/{slug}/sessions`,
//! `POST /v1/public/sessions/{id}/quotes` and `GET /v1/public/sessions/{id}`.

use shared::api::public::LinkState;
use shared::api::sessions::create::DEFAULT_LIFETIME_SECS;
use shared::api::sessions::open::charged;
use shared::api::sessions::{CreateSessionRequest, QuoteRequest};
use shared::slug::Slug;
use worker::Env;

use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::rate_limits;
use crate::api::reply::Reply;
use crate::chain::store as watch;
use crate::chain::watcher;
use crate::checkout::quoting;
use crate::checkout::row::{Opening, Session, SessionRow};
use crate::checkout::store as sessions;
use crate::links::row::LinkRow;
use crate::links::store as links;
use crate::ops::config;
use crate::platform::random;
use crate::platform::{self, Bindings};

fn missing_link() -> ApiError {
    ApiError::ResourceMissing {
        what: "payment link",
    }
}

fn missing_session() -> ApiError {
    ApiError::ResourceMissing {
        what: "checkout session",
    }
}

/// Refuses links that cannot be paid now. The same limits are checked again when a payment
/// settles, so sessions opened before a link sold out cannot exceed it.
pub fn payable(link: &LinkRow, now: i64) -> Result<(), ApiError> {
    let state = LinkState::of(
        link.active == 1,
        link.expires_at,
        link.max_payments,
        link.payments_count,
        now,
    );
    match state {
        LinkState::Payable => Ok(()),
        LinkState::Expired => Err(ApiError::Gone {
            code: "link_expired",
            message: "This payment link has expired.",
        }),
        LinkState::SoldOut => Err(ApiError::Gone {
            code: "link_sold_out",
            message: "This payment link has reached its number of payments.",
        }),
        LinkState::Inactive => Err(ApiError::Conflict {
            code: "link_inactive",
            message: "This payment link is not accepting payments right now.",
        }),
    }
}

/// Session creations and quotes per client IP and minute unless `PUBLIC_SESSIONS_PER_MINUTE`
/// says otherwise: each quote takes a deposit address and a D1 row.
const SESSIONS_PER_MINUTE: u32 = 30;

async fn within_quota(call: &Call, db: &worker::D1Database) -> Result<(), ApiError> {
    let limit = platform::vars(&call.env)("PUBLIC_SESSIONS_PER_MINUTE")
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS_PER_MINUTE);
    let key = format!("ip:{}", call.client);
    let quota = rate_limits::consume(db, &key, limit, platform::now()).await?;
    if quota.exceeded() {
        return Err(ApiError::RateLimited(quota));
    }
    Ok(())
}

/// The customer's view of session `id` as stored now.
async fn shown(
    env: &Env,
    db: &worker::D1Database,
    id: &str,
    status: u16,
) -> Result<Reply, ApiError> {
    let (session, names) = sessions::public(db, id)
        .await?
        .ok_or_else(missing_session)?;
    let chain = session.row.chain().map_err(ApiError::internal)?;
    let confirmations = config::chain(&platform::vars(env), chain)
        .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?
        .confirmations;
    let public = session
        .into_public(names.merchant_name, names.link_slug, confirmations)
        .map_err(ApiError::internal)?;
    Reply::json(&public, status)
}

/// A quote that lost a race with another write to its session (a second tab, a check).
fn raced() -> ApiError {
    ApiError::Conflict {
        code: "session_changed",
        message: "This checkout changed while the quote was made; please try again.",
    }
}

/// `POST /v1/public/links/{slug}/sessions`: a session on the link, with a first quote when
/// the request names an asset.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let slug = Slug::parse(call.param("slug")?).map_err(|_| missing_link())?;
    let request = call.body.json::<CreateSessionRequest>()?;
    let db = Bindings::db(env)?;
    within_quota(&call, &db).await?;
    // D1, not the KV cache: limits must be read from the truth.
    let link = links::by_slug(&db, slug.as_str())
        .await?
        .ok_or_else(missing_link)?;
    let now = platform::now();
    payable(&link, now)?;
    let pricing = link.pricing().map_err(ApiError::internal)?;
    let accepted = link.accepted_assets().map_err(ApiError::internal)?;
    // The link's form as it is now: the session keeps this copy, whatever the link becomes.
    let form = link.form().map_err(ApiError::internal)?;
    let order = request
        .parse(&pricing, &accepted, &form)
        .map_err(ApiError::Validation)?;
    let timing = config::timing(&platform::vars(env))
        .map_err(|e| ApiError::internal(format!("timing configuration: {e}")))?;
    let chain = shared::chain::Chain::parse(&link.chain)
        .ok_or_else(|| ApiError::internal(format!("link {} has chain {}", link.id, link.chain)))?;
    let expires_at = link.expires_at.map_or(now + DEFAULT_LIFETIME_SECS, |at| {
        at.min(now + DEFAULT_LIFETIME_SECS)
    });
    let row = SessionRow::open(Opening {
        id: random::id("cs")?,
        merchant_id: link.merchant_id.clone(),
        link_id: Some(link.id.clone()),
        livemode: link.livemode == 1,
        fiat: order.fiat,
        assets: accepted,
        chain,
        origin: call.origin.clone(),
        title: Some(link.title.clone()),
        description: link.description.clone(),
        client_reference_id: order.client_reference_id,
        metadata: "{}".into(),
        success_url: link.success_url.clone(),
        cancel_url: link.cancel_url.clone(),
        expires_at,
        timing,
        now,
        form,
        unit: order.unit,
        payer: order.payer,
    });
    let mut statements = vec![sessions::insert(&db, &row)?];
    if let Some(asset) = order.asset {
        let session = Session {
            row: row.clone(),
            quotes: Vec::new(),
        };
        statements.extend(quoting::quote(env, &db, &session, asset, now).await?.1);
    }
    sessions::run(&db, statements).await?;
    shown(env, &db, &row.id, 201).await
}

/// `POST /v1/public/sessions/{id}/quotes`: a new current quote, same session.
pub async fn quote(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    if !id.starts_with("cs_") {
        return Err(missing_session());
    }
    let request = call.body.json::<QuoteRequest>()?;
    let db = Bindings::db(env)?;
    within_quota(&call, &db).await?;
    let (mut session, _) = sessions::public(&db, id)
        .await?
        .ok_or_else(missing_session)?;
    let accepted = session.row.accepted_assets().map_err(ApiError::internal)?;
    let form = session.row.form().map_err(ApiError::internal)?;
    let stored = session.row.payer().map_err(ApiError::internal)?;
    let (asset, payer) = request
        .parse(&accepted, &form, &stored)
        .map_err(ApiError::Validation)?;
    let unit = session.row.unit().map_err(ApiError::internal)?;
    let fiat = charged(unit, &payer).map_err(|e| ApiError::Validation(vec![e]))?;
    // The quote's claim writes what the session now holds, in the same guarded statement.
    session.row.hold(&payer, fiat);
    let now = platform::now();
    let (_, statements) = quoting::quote(env, &db, &session, asset, now).await?;
    let changes = sessions::run(&db, statements).await?;
    if changes.first() != Some(&1) {
        return Err(raced());
    }
    shown(env, &db, id, 201).await
}

/// A poll checks the chain at most this often per session; polls in between read D1.
const POLL_CHECK_SECS: i64 = 2;

/// `GET /v1/public/sessions/{id}`: also checks the chain for this session when its last
/// check is older than [`POLL_CHECK_SECS`], so the customer sees a payment within seconds.
pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    if !id.starts_with("cs_") {
        return Err(missing_session());
    }
    let db = Bindings::db(env)?;
    let (session, _) = sessions::public(&db, id)
        .await?
        .ok_or_else(missing_session)?;
    let now = platform::now();
    let status = session.row.status().map_err(ApiError::internal)?;
    let watched = status.is_watched() && session.row.watch_until >= now;
    let stale = session
        .row
        .checked_at
        .is_none_or(|at| now - at >= POLL_CHECK_SECS);
    if watched && stale {
        // The customer is waiting: look at the chain now rather than at the next cron tick.
        // One attempt, no retries: the next poll comes in seconds.
        let link_ids: Vec<String> = session.row.link_id.iter().cloned().collect();
        let limits = watch::limits(&db, &link_ids).await?;
        watcher::check(env, &db, vec![session], &limits, 0, now).await?;
    }
    shown(env, &db, id, 200).await
}
