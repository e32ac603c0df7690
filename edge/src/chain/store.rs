//! The watcher's D1 access: sessions due for a check with their quotes and links' limits,
//! status changes written only if the session is as it was read, and each chain's last check.

use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;
use crate::chain::judging::Outcome;
use crate::chain::query as watch_query;
use crate::checkout::row::Session;
use crate::checkout::store as sessions;
use crate::platform;
use crate::platform::sql::{Arg, Query};

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn db_error(what: &str) -> impl Fn(worker::Error) -> ApiError + '_ {
    move |e| ApiError::internal(format!("{what}: {e}"))
}

/// Up to `limit` watched sessions, the longest unchecked first, each with its quotes and
/// its link's limits (`None` without a link): one batch of two statements with two
/// parameters each, however many links and quotes.
pub async fn due(
    db: &D1Database,
    now: i64,
    limit: u32,
) -> Result<Vec<(Session, Option<LinkLimits>)>, ApiError> {
    let query = Query {
        sql: watch_query::due(),
        args: vec![Arg::Int(now), Arg::Int(i64::from(limit))],
    };
    let found = sessions::with_quotes::<DueLink>(db, &query, "watched sessions").await?;
    Ok(found
        .into_iter()
        .map(|(session, link)| (session, link.limits()))
        .collect())
}

/// A due session's link columns, all `NULL` for a session without a link.
#[derive(Debug, Deserialize)]
struct DueLink {
    link_id: Option<String>,
    link_slug: Option<String>,
    link_active: Option<i64>,
    #[serde(deserialize_with = "crate::links::row::stored_timestamp")]
    link_expires_at: Option<i64>,
    link_max_payments: Option<u32>,
    link_payments_count: Option<u32>,
}

impl DueLink {
    fn limits(self) -> Option<LinkLimits> {
        Some(LinkLimits {
            link_id: self.link_id?,
            link_slug: self.link_slug?,
            link_active: self.link_active?,
            link_expires_at: self.link_expires_at,
            link_max_payments: self.link_max_payments,
            link_payments_count: self.link_payments_count?,
        })
    }
}

/// What a payment is checked against on its link (columns as `watch_query` names them).
#[derive(Debug, Clone, Deserialize)]
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

/// The statements that write `outcome` for `session`, to run together in one D1 batch (one
/// transaction): the session only if its revision is still the one read, stamped with the
/// write's `token`; its quotes and events only if that write applied (they require the
/// token). A payment that settles counts on its link only if the link still accepts it then
/// (else the session is `paid_late`); a session is counted once (a reversal does not uncount
/// it). Quotes are written only where they changed.
pub fn apply(
    db: &D1Database,
    session: &Session,
    outcome: &Outcome,
    now: i64,
    token: &str,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let row = &session.row;
    let mut queries = vec![Query {
        sql: "UPDATE checkout_sessions SET \
              status = CASE WHEN ?2 IN ('paid', 'overpaid') AND counted = 0 AND link_id IS NOT NULL \
                AND NOT EXISTS (SELECT 1 FROM payment_links l WHERE l.id = checkout_sessions.link_id \
                AND l.active = 1 AND (l.expires_at IS NULL OR l.expires_at > ?3) \
                AND (l.max_payments IS NULL OR l.payments_count < l.max_payments)) \
              THEN 'paid_late' ELSE ?2 END, \
              paid_at = NULLIF(?4, 0), amount_reversed = ?5, checked_at = ?3, updated_at = ?3, \
              revision = revision + 1, last_event_id = ?6 \
              WHERE id = ?1 AND revision = ?7"
            .into(),
        args: vec![
            Arg::Text(row.id.clone()),
            Arg::Text(outcome.status.as_str().into()),
            Arg::Int(now),
            // 0 for none yet: unix time 0 is no payment time.
            Arg::Int(outcome.paid_at.unwrap_or(0)),
            Arg::Text(outcome.amount_reversed.clone()),
            Arg::Text(token.into()),
            Arg::Int(row.revision),
        ],
    }];
    for (quote, after) in session.quotes.iter().zip(&outcome.quotes) {
        if !after.differs(quote) {
            continue;
        }
        queries.push(Query {
            sql: "UPDATE checkout_quotes SET status = ?2, amount_received = ?3, \
                  amount_confirmed = ?4, payments = ?5, updated_at = ?6, amount_moved_out = ?9 \
                  WHERE id = ?1 \
                  AND EXISTS (SELECT 1 FROM checkout_sessions WHERE id = ?7 AND last_event_id = ?8)"
                .into(),
            args: vec![
                Arg::Text(quote.id.clone()),
                Arg::Text(after.status.as_str().into()),
                Arg::Text(after.amount_received.clone()),
                Arg::Text(after.amount_confirmed.clone()),
                Arg::Text(after.payments.clone()),
                Arg::Int(now),
                Arg::Text(row.id.clone()),
                Arg::Text(token.into()),
                Arg::Text(after.amount_moved_out.clone()),
            ],
        });
    }
    let settled = "SELECT link_id FROM checkout_sessions WHERE id = ?1 \
        AND status IN ('paid', 'overpaid') AND counted = 0";
    queries.push(Query {
        sql: format!(
            "UPDATE payment_links SET payments_count = payments_count + 1 WHERE id = ({settled})"
        ),
        args: vec![Arg::Text(row.id.clone())],
    });
    queries.push(Query {
        sql: "UPDATE checkout_sessions SET counted = 1 \
              WHERE id = ?1 AND status IN ('paid', 'overpaid') AND counted = 0"
            .into(),
        args: vec![Arg::Text(row.id.clone())],
    });
    platform::prepared(db, &queries, "session update")
}

/// Marks sessions checked with nothing new, and quotes read at `head`, so the sweep turns to
/// others next: one statement per chunk under D1's parameter bound, not one per row.
pub fn touch(
    db: &D1Database,
    session_ids: &[String],
    quote_ids: &[String],
    head: Option<u64>,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut queries = watch_query::touch(session_ids, now).map_err(ApiError::internal)?;
    if let Some(head) = head {
        queries
            .extend(watch_query::touch_quotes(quote_ids, head as i64).map_err(ApiError::internal)?);
    }
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

/// Records how the last check of `chain` went (the cause of a failure goes to the log only),
/// to run last in the check's write batch.
pub fn record_chain(
    db: &D1Database,
    chain: &str,
    head: Option<u64>,
    now: i64,
) -> Result<D1PreparedStatement, ApiError> {
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
    .map_err(db_error("binding chain check"))
}

/// Every chain's scan cursor, for the sweep to read with the sessions it checks.
pub async fn cursors(db: &D1Database) -> Result<Vec<(String, Option<u64>)>, ApiError> {
    let result = db
        .prepare("SELECT chain, scanned_block FROM chain_checks")
        .all()
        .await
        .map_err(db_error("scan cursors"))?;
    cursors_of(&result)
}

/// The cursors in a result of `chain, scanned_block` rows.
pub fn cursors_of(result: &worker::D1Result) -> Result<Vec<(String, Option<u64>)>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        chain: String,
        scanned_block: Option<i64>,
    }
    let rows: Vec<Row> = result.results().map_err(db_error("scan cursor rows"))?;
    Ok(rows
        .into_iter()
        .map(|r| (r.chain, r.scanned_block.and_then(|b| u64::try_from(b).ok())))
        .collect())
}

/// The last block the sweep's scan read on `chain`, if any.
pub async fn scanned(db: &D1Database, chain: &str) -> Result<Option<u64>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        scanned_block: Option<i64>,
    }
    let row: Option<Row> = db
        .prepare("SELECT scanned_block FROM chain_checks WHERE chain = ?1")
        .bind(&[chain.into()])
        .map_err(db_error("binding scan cursor"))?
        .first(None)
        .await
        .map_err(db_error("scan cursor"))?;
    Ok(row
        .and_then(|r| r.scanned_block)
        .and_then(|b| u64::try_from(b).ok()))
}

/// Moves `chain`'s scan cursor to `head` (back too, after a reorg to a shorter chain). Goes
/// after `record_chain` in the batch, so the row exists.
pub fn record_scan(
    db: &D1Database,
    chain: &str,
    head: u64,
) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("UPDATE chain_checks SET scanned_block = ?2 WHERE chain = ?1")
        .bind(&[chain.into(), int(head as i64)])
        .map_err(db_error("binding scan cursor update"))
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
