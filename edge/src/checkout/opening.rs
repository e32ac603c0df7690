//! The first D1 round trip of a customer's write: its rate limit, the link or session it
//! names, and that merchant's checkout settings with the next deposit index, in one batch.
//! With the guarded write after it, opening a session or taking a quote costs two. The poll's
//! one read is here too: its session with what a chain check of it needs.

use worker::{D1Database, D1Result};

use crate::accounts::settings_read::{self, InForce, Joined};
use crate::api::error::ApiError;
use crate::api::quota::Quota;
use crate::api::rate_limits;
use crate::chain::query as watch_query;
use crate::chain::store::{self as watch, LinkLimits};
use crate::checkout::query;
use crate::checkout::row::Session;
use crate::checkout::store::{self as sessions, PublicNames};
use crate::links::query as links;
use crate::links::row::LinkRow;
use crate::platform::prepared;
use crate::platform::sql::Query;

/// What the first batch found. The quota is counted whatever else is found, as before any
/// lookup, so a client probing slugs spends its quota too.
pub struct Opened<T> {
    pub quota: Quota,
    pub subject: Option<T>,
    pub in_force: Option<InForce>,
}

/// Session creations and quotes per client IP and minute unless `PUBLIC_SESSIONS_PER_MINUTE`
/// says otherwise: each quote takes a deposit address and a D1 row.
const SESSIONS_PER_MINUTE: u32 = 30;

/// The per-minute limit of public writes for `vars`.
pub fn limit(vars: &dyn Fn(&str) -> Option<String>) -> u32 {
    vars("PUBLIC_SESSIONS_PER_MINUTE")
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS_PER_MINUTE)
}

fn key(client: &str) -> String {
    format!("ip:{client}")
}

async fn run(db: &D1Database, queries: &[Query], what: &str) -> Result<Vec<D1Result>, ApiError> {
    db.batch(prepared(db, queries, what)?)
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))
}

fn in_force(result: &D1Result) -> Result<Option<InForce>, ApiError> {
    let rows: Vec<Joined> = result
        .results()
        .map_err(|e| ApiError::internal(format!("checkout settings: {e}")))?;
    Ok(rows.into_iter().next().map(Joined::in_force))
}

fn results<'a, const N: usize>(
    results: &'a [D1Result],
    what: &str,
) -> Result<&'a [D1Result; N], ApiError> {
    results
        .try_into()
        .map_err(|_| ApiError::internal(format!("{what}: {} results", results.len())))
}

/// Counts a session opening by `client` and reads the link with `slug` and its settings.
pub async fn link(
    db: &D1Database,
    client: &str,
    limit: u32,
    slug: &str,
    now: i64,
) -> Result<Opened<LinkRow>, ApiError> {
    let what = "session opening";
    let queries = [
        rate_limits::consume_query(&key(client), now),
        links::by_slug(slug),
        settings_read::for_link(slug),
    ];
    let found = run(db, &queries, what).await?;
    let [quota, link, settings] = results::<3>(&found, what)?;
    let links: Vec<LinkRow> = link
        .results()
        .map_err(|e| ApiError::internal(format!("{what} link: {e}")))?;
    Ok(Opened {
        quota: rate_limits::quota_of(quota, limit, now)?,
        subject: links.into_iter().next(),
        in_force: in_force(settings)?,
    })
}

/// Counts a quote by `client` and reads session `id` (with its quotes and the names its
/// public view shows) and its settings.
pub async fn session(
    db: &D1Database,
    client: &str,
    limit: u32,
    id: &str,
    now: i64,
) -> Result<Opened<(Session, PublicNames)>, ApiError> {
    let what = "quote opening";
    let public = query::public(id);
    let queries = [
        rate_limits::consume_query(&key(client), now),
        query::quotes_of(&public),
        settings_read::for_session(id),
        public,
    ];
    let found = run(db, &queries, what).await?;
    let [quota, quotes, settings, session] = results::<4>(&found, what)?;
    let found = sessions::read_with_quotes::<PublicNames>(session, quotes, what)?;
    Ok(Opened {
        quota: rate_limits::quota_of(quota, limit, now)?,
        subject: found.into_iter().next(),
        in_force: in_force(settings)?,
    })
}

/// What the status poll reads in its one round trip.
pub struct Polled {
    pub found: Option<(Session, PublicNames)>,
    /// The limits of the session's link, for judging a payment on it.
    pub limits: Vec<LinkLimits>,
    /// The scan cursor of the session's chain.
    pub cursors: Vec<(String, Option<u64>)>,
}

/// Session `id` with its quotes and public names, its link's limits and its chain's cursor.
pub async fn poll(db: &D1Database, id: &str) -> Result<Polled, ApiError> {
    let what = "session poll";
    let public = query::public(id);
    let queries = [
        query::quotes_of(&public),
        watch_query::limits_of_session(id),
        watch_query::cursor_of_session(id),
        public,
    ];
    let found = run(db, &queries, what).await?;
    let [quotes, limits, cursors, session] = results::<4>(&found, what)?;
    let found = sessions::read_with_quotes::<PublicNames>(session, quotes, what)?;
    Ok(Polled {
        found: found.into_iter().next(),
        limits: limits
            .results()
            .map_err(|e| ApiError::internal(format!("{what} limits: {e}")))?,
        cursors: watch::cursors_of(cursors)?,
    })
}
