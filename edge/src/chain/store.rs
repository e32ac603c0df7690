//! The watcher's D1 access: sessions due for a check, their links' limits, status changes
//! written only if the row is as it was read, and each chain's last check.

use serde::Deserialize;
use shared::session::reversal::Notice;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;
use crate::chain::detect::Outcome;
use crate::chain::query as watch_query;
use crate::checkout::row::SessionRow;
use crate::platform;

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn db_error(what: &str) -> impl Fn(worker::Error) -> ApiError + '_ {
    move |e| ApiError::internal(format!("{what}: {e}"))
}

/// Up to `limit` watched sessions, the longest unchecked first, each with its link's limits:
/// one statement with two parameters, however many links the sessions belong to.
pub async fn due(
    db: &D1Database,
    now: i64,
    limit: u32,
) -> Result<(Vec<SessionRow>, Vec<LinkLimits>), ApiError> {
    let result = db
        .prepare(watch_query::due())
        .bind(&[int(now), int(i64::from(limit))])
        .map_err(db_error("binding watched sessions"))?
        .all()
        .await
        .map_err(db_error("watched sessions"))?;
    // Each row holds both: read once as the session, once as its link's limits.
    let rows = result
        .results::<SessionRow>()
        .map_err(db_error("watched session rows"))?;
    let links = result
        .results::<LinkLimits>()
        .map_err(db_error("watched session links"))?;
    Ok((rows, links))
}

/// What a payment is checked against on its link (columns as `watch_query` names them).
#[derive(Debug, Deserialize)]
pub struct LinkLimits {
    pub link_id: String,
    pub link_slug: String,
    pub link_active: i64,
    /// Read as the link row reads it: a row stored before timestamps were bounded still reads.
    #[serde(deserialize_with = "crate::links::row::stored_timestamp")]
    pub link_expires_at: Option<i64>,
    pub link_max_payments: Option<u32>,
    pub link_payments_count: u32,
}

impl LinkLimits {
    pub fn accepts(&self, now: i64) -> bool {
        self.link_active == 1
            && self.link_expires_at.is_none_or(|at| at > now)
            && self
                .link_max_payments
                .is_none_or(|max| self.link_payments_count < max)
    }
}

/// The limits of these links, in one batch of statements under D1's parameter bound.
pub async fn limits(db: &D1Database, ids: &[String]) -> Result<Vec<LinkLimits>, ApiError> {
    let queries = watch_query::limits(ids).map_err(ApiError::internal)?;
    platform::rows(db, &queries, "link limits").await
}

/// The statements that write `outcome` for `row`, to run together in one D1 batch (one
/// transaction): the session only if it is still as read (marking it with `event_id` when
/// the outcome tells the merchant something, for the outbox statements that follow); a
/// payment that settles counts on its link only if the link still accepts it then (else the
/// session is `paid_late`); and a session is counted once (a reversal does not uncount it).
pub fn apply(
    db: &D1Database,
    row: &SessionRow,
    outcome: &Outcome,
    head: u64,
    now: i64,
    event_id: &str,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let update = db
        .prepare(
            "UPDATE checkout_sessions SET \
             status = CASE WHEN ?2 IN ('paid', 'overpaid') AND counted = 0 AND NOT EXISTS ( \
               SELECT 1 FROM payment_links l WHERE l.id = checkout_sessions.link_id AND l.active = 1 \
               AND (l.expires_at IS NULL OR l.expires_at > ?8) \
               AND (l.max_payments IS NULL OR l.payments_count < l.max_payments)) \
             THEN 'paid_late' ELSE ?2 END, \
             amount_received = ?3, amount_confirmed = ?4, payments = ?5, paid_at = ?6, \
             checked_block = ?7, checked_at = ?8, updated_at = ?8, amount_reversed = ?13, \
             last_event_id = CASE WHEN ?14 = 1 THEN ?12 ELSE last_event_id END \
             WHERE id = ?1 AND status = ?9 AND amount_received = ?10 AND amount_confirmed = ?11 \
             AND amount_reversed = ?15",
        )
        .bind(&[
            row.id.as_str().into(),
            outcome.status.as_str().into(),
            outcome.amount_received.as_str().into(),
            outcome.amount_confirmed.as_str().into(),
            outcome.payments.as_str().into(),
            outcome.paid_at.map_or(JsValue::NULL, int),
            int(head as i64),
            int(now),
            row.status.as_str().into(),
            row.amount_received.as_str().into(),
            row.amount_confirmed.as_str().into(),
            event_id.into(),
            outcome.amount_reversed.as_str().into(),
            int(i64::from(outcome.notice != Notice::Quiet)),
            row.amount_reversed.as_str().into(),
        ])
        .map_err(db_error("binding session update"))?;
    let count = db
        .prepare(
            "UPDATE payment_links SET payments_count = payments_count + 1 WHERE id = \
             (SELECT link_id FROM checkout_sessions WHERE id = ?1 \
              AND status IN ('paid', 'overpaid') AND counted = 0)",
        )
        .bind(&[row.id.as_str().into()])
        .map_err(db_error("binding payments_count"))?;
    let counted = db
        .prepare(
            "UPDATE checkout_sessions SET counted = 1 \
             WHERE id = ?1 AND status IN ('paid', 'overpaid') AND counted = 0",
        )
        .bind(&[row.id.as_str().into()])
        .map_err(db_error("binding counted"))?;
    Ok(vec![update, count, counted])
}

/// Marks sessions checked with nothing new, so the sweep turns to others next: one statement
/// per chunk under D1's parameter bound, not one per session.
pub fn touch(
    db: &D1Database,
    ids: &[String],
    head: u64,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let queries = watch_query::touch(ids, head as i64, now).map_err(ApiError::internal)?;
    platform::prepared(db, &queries, "touch")
}

/// Runs statements as one D1 batch (a transaction).
pub async fn run(db: &D1Database, statements: Vec<D1PreparedStatement>) -> Result<(), ApiError> {
    if statements.is_empty() {
        return Ok(());
    }
    db.batch(statements)
        .await
        .map_err(db_error("watcher batch"))?;
    Ok(())
}

/// A chain's last check, for `/healthz`.
#[derive(Debug, Deserialize)]
pub struct ChainRow {
    pub chain: String,
    pub ok: i64,
    pub head_block: Option<i64>,
    pub checked_at: i64,
}

/// Records how the last check of `chain` went (the cause of a failure goes to the log only).
pub async fn record_chain(
    db: &D1Database,
    chain: &str,
    head: Option<u64>,
    now: i64,
) -> Result<(), ApiError> {
    db.prepare(
        "INSERT INTO chain_checks (chain, ok, head_block, checked_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (chain) DO UPDATE SET ok = excluded.ok, \
         head_block = COALESCE(excluded.head_block, chain_checks.head_block), checked_at = excluded.checked_at",
    )
    .bind(&[
        chain.into(),
        int(i64::from(head.is_some())),
        head.map_or(JsValue::NULL, |h| int(h as i64)),
        int(now),
    ])
    .map_err(db_error("binding chain check"))?
    .run()
    .await
    .map_err(db_error("chain check"))?;
    Ok(())
}

/// Every chain's last check.
pub async fn chains(db: &D1Database) -> Result<Vec<ChainRow>, ApiError> {
    db.prepare("SELECT chain, ok, head_block, checked_at FROM chain_checks ORDER BY chain")
        .all()
        .await
        .map_err(db_error("chain checks"))?
        .results()
        .map_err(db_error("chain check rows"))
}
