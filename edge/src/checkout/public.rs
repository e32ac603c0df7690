//! The customer's side of checkout, no key: open a session on a link, quote an asset on a
//! session, and poll it. `POST /v1/public/links/{slug}/sessions`,
//! `POST /v1/public/sessions/{id}/quotes` and `GET /v1/public/sessions/{id}`.

use shared::api::public::LinkState;
use shared::api::sessions::create::DEFAULT_LIFETIME_SECS;
use shared::api::sessions::open::charged;
use shared::api::sessions::{CreateSessionRequest, QuoteRequest};
use shared::money::Asset;
use shared::slug::Slug;
use worker::Env;

use crate::accounts::settings_read::InForce;
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::quota::Quota;
use crate::api::reply::Reply;
use crate::chain::watcher;
use crate::checkout::opening;
use crate::checkout::quoting::{self, Deposit, Outcome};
use crate::checkout::row::{Opening, Session, SessionRow};
use crate::checkout::store::{self as sessions, PublicNames};
use crate::links::row::LinkRow;
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

/// The customer's view of `session` (as stored, or as just written).
fn public_view(
    env: &Env,
    session: Session,
    names: PublicNames,
    status: u16,
) -> Result<Reply, ApiError> {
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

fn opened_quota(quota: Quota) -> Result<(), ApiError> {
    if quota.exceeded() {
        return Err(ApiError::RateLimited(quota));
    }
    Ok(())
}

fn settings_missing(of: &str) -> ApiError {
    ApiError::internal(format!("{of} was found without its merchant"))
}

/// `POST /v1/public/links/{slug}/sessions`: a session on the link, with a first quote when
/// the request names an asset. Two D1 round trips: the opening read (rate limit, link,
/// settings), then one batch that inserts the session and its quote.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let slug = Slug::parse(call.param("slug")?).map_err(|_| missing_link())?;
    let request = call.body.json::<CreateSessionRequest>()?;
    let db = Bindings::db(env)?;
    let now = platform::now();
    let limit = opening::limit(&platform::vars(env));
    // D1, not the KV cache: limits must be read from the truth.
    let opened = opening::link(&db, &call.client, limit, slug.as_str(), now).await?;
    opened_quota(opened.quota)?;
    let link = opened.subject.ok_or_else(missing_link)?;
    let in_force = opened.in_force.ok_or_else(|| settings_missing(&link.id))?;
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
    let names = PublicNames {
        merchant_name: in_force.merchant_name.clone(),
        link_slug: Some(link.slug.clone()),
    };
    let session = Session {
        row,
        quotes: Vec::new(),
    };
    let mut statements = vec![sessions::insert(&db, &session.row)?];
    let Some(asset) = order.asset else {
        sessions::run(&db, statements).await?;
        return public_view(env, session, names, 201);
    };
    let deposit = Deposit::from_read(in_force.next_index);
    let mut quoted =
        quoting::quote(env, &db, &session, asset, now, &in_force.settings, deposit).await?;
    statements.append(&mut quoted.statements);
    let changes = sessions::run(&db, statements).await?;
    let after = match quoted.outcome(changes.get(1..).unwrap_or_default()) {
        Outcome::Written => quoted.after,
        // The session is in; its first quote lost the index it read: quote it again, the
        // slow way, as a second quote call would.
        Outcome::IndexTaken => requote(env, &db, &session, asset, now, &in_force).await?,
        Outcome::Raced => return Err(raced()),
    };
    public_view(env, after, names, 201)
}

/// A quote on `session` whose guarded index take lost: an index taken in a round trip of its
/// own (the next best when several quotes of one merchant race).
async fn requote(
    env: &Env,
    db: &worker::D1Database,
    session: &Session,
    asset: Asset,
    now: i64,
    in_force: &InForce,
) -> Result<Session, ApiError> {
    let settings = &in_force.settings;
    let mut quoted =
        quoting::quote(env, db, session, asset, now, settings, Deposit::Allocate).await?;
    let changes = sessions::run(db, std::mem::take(&mut quoted.statements)).await?;
    match quoted.outcome(&changes) {
        Outcome::Written => Ok(quoted.after),
        Outcome::IndexTaken | Outcome::Raced => Err(raced()),
    }
}

/// `POST /v1/public/sessions/{id}/quotes`: a new current quote, same session. Two D1 round
/// trips: the opening read (rate limit, session, settings), then the guarded write.
pub async fn quote(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    if !id.starts_with("cs_") {
        return Err(missing_session());
    }
    let request = call.body.json::<QuoteRequest>()?;
    let db = Bindings::db(env)?;
    let now = platform::now();
    let limit = opening::limit(&platform::vars(env));
    let opened = opening::session(&db, &call.client, limit, id, now).await?;
    opened_quota(opened.quota)?;
    let (mut session, names) = opened.subject.ok_or_else(missing_session)?;
    let in_force = opened.in_force.ok_or_else(|| settings_missing(id))?;
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
    let deposit = Deposit::from_read(in_force.next_index);
    let mut quoted =
        quoting::quote(env, &db, &session, asset, now, &in_force.settings, deposit).await?;
    let changes = sessions::run(&db, std::mem::take(&mut quoted.statements)).await?;
    let after = match quoted.outcome(&changes) {
        Outcome::Written => quoted.after,
        Outcome::IndexTaken => requote(env, &db, &session, asset, now, &in_force).await?,
        Outcome::Raced => return Err(raced()),
    };
    public_view(env, after, names, 201)
}

/// A poll checks the chain at most this often per session; polls in between read D1.
const POLL_CHECK_SECS: i64 = 2;

/// `GET /v1/public/sessions/{id}`: the session as stored, read in one D1 round trip with what
/// a chain check needs. When its last check is older than [`POLL_CHECK_SECS`] the chain is
/// checked for it first, so the customer sees a payment within seconds; a check that found
/// something writes it before the answer (the poll the customer waits for), one that found
/// nothing leaves its bookkeeping for after.
pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    if !id.starts_with("cs_") {
        return Err(missing_session());
    }
    let db = Bindings::db(env)?;
    let polled = opening::poll(&db, id).await?;
    let (session, names) = polled.found.ok_or_else(missing_session)?;
    let now = platform::now();
    let status = session.row.status().map_err(ApiError::internal)?;
    let watched = status.is_watched() && session.row.watch_until >= now;
    let stale = session
        .row
        .checked_at
        .is_none_or(|at| now - at >= POLL_CHECK_SECS);
    if watched && stale {
        // One attempt, no retries: the next poll comes in seconds.
        let checked = session.clone();
        let (limits, cursors) = (&polled.limits, polled.cursors);
        if watcher::check_polled(env, &db, checked, limits, cursors, now, &call.later).await? {
            let (session, names) = sessions::public(&db, id)
                .await?
                .ok_or_else(missing_session)?;
            return public_view(env, session, names, 200);
        }
    }
    public_view(env, session, names, 200)
}
