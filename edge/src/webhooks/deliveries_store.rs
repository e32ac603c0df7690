//! `webhook_deliveries` and `webhook_attempts` in D1: claiming due deliveries, recording each
//! attempt with what it means for the delivery and its endpoint, and the delivery log.

use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;
use crate::platform;
use crate::webhooks::deliveries_query as delivery_query;
use crate::webhooks::outbox;
use crate::webhooks::policy::{DISABLE_AFTER_SECS, Next, Verdict};

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn text(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

fn err(what: &'static str) -> impl Fn(worker::Error) -> ApiError {
    move |e| ApiError::internal(format!("{what}: {e}"))
}

/// How long a claim holds a delivery; past it, another sender may take it over.
const CLAIM_SECS: i64 = 60;

#[derive(Deserialize)]
struct Id {
    id: String,
}

/// Whether any delivery is due and unclaimed: a read, so that a run with nothing to send (most
/// runs after a pay page's poll) writes nothing.
pub async fn any_due(db: &D1Database, now: i64) -> Result<bool, ApiError> {
    let row: Option<Id> = db
        .prepare(
            "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?1 \
             AND (locked_until IS NULL OR locked_until <= ?1) LIMIT 1",
        )
        .bind(&[int(now)])
        .map_err(err("binding due check"))?
        .first(None)
        .await
        .map_err(err("due check"))?;
    Ok(row.is_some())
}

/// Takes up to `limit` due deliveries for this sender, in one statement, so two senders
/// (cron and a request's `waitUntil`) never send the same attempt.
pub async fn claim(db: &D1Database, now: i64, limit: u32) -> Result<Vec<String>, ApiError> {
    let rows: Vec<Id> = db
        .prepare(
            "UPDATE webhook_deliveries SET locked_until = ?1 + ?3 WHERE id IN ( \
             SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?1 \
             AND (locked_until IS NULL OR locked_until <= ?1) ORDER BY next_attempt_at LIMIT ?2) \
             RETURNING id",
        )
        .bind(&[int(now), int(i64::from(limit)), int(CLAIM_SECS)])
        .map_err(err("binding delivery claim"))?
        .all()
        .await
        .map_err(err("delivery claim"))?
        .results()
        .map_err(err("delivery claim rows"))?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// A claimed delivery with what sending it needs.
#[derive(Debug, Deserialize)]
pub struct Outgoing {
    pub id: String,
    pub attempts: u32,
    pub event_id: String,
    pub event_type: String,
    pub event_created_at: i64,
    pub livemode: i64,
    pub data: String,
    pub endpoint_id: String,
    pub merchant_id: String,
    pub url: String,
    pub enabled: i64,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<i64>,
}

/// The claimed deliveries' events and endpoints, in one batch under D1's parameter bound.
pub async fn outgoing(db: &D1Database, ids: &[String]) -> Result<Vec<Outgoing>, ApiError> {
    let queries = delivery_query::outgoing(ids).map_err(ApiError::internal)?;
    platform::rows(db, &queries, "outgoing deliveries").await
}

/// What one attempt saw.
pub struct Attempt {
    pub number: u32,
    pub status_code: Option<u16>,
    pub duration_ms: u64,
    pub response_body: Option<String>,
    pub error: Option<String>,
}

/// Records an attempt and moves the delivery and its endpoint on, in one transaction: a
/// success clears the endpoint's failing streak; a failure starts it; 410, or failing for
/// three days, disables the endpoint and records a `webhook_endpoint.disabled` event.
pub async fn record(
    db: &D1Database,
    out: &Outgoing,
    attempt: &Attempt,
    verdict: Verdict,
    next: Next,
    now: i64,
    disabled_event: (&str, &str),
) -> Result<(), ApiError> {
    let (status, next_at) = match next {
        Next::Succeeded => ("succeeded", JsValue::NULL),
        Next::Failed => ("failed", JsValue::NULL),
        Next::RetryAt(at) => ("pending", int(at)),
    };
    let mut statements: Vec<D1PreparedStatement> = vec![
        db.prepare(
            "INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, \
             response_body, error, attempted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&[
            out.id.as_str().into(),
            int(i64::from(attempt.number)),
            attempt.status_code.map_or(JsValue::NULL, |s| int(i64::from(s))),
            int(attempt.duration_ms as i64),
            text(&attempt.response_body),
            text(&attempt.error),
            int(now),
        ])
        .map_err(err("binding attempt"))?,
        db.prepare(
            "UPDATE webhook_deliveries SET attempts = ?2, status = ?3, next_attempt_at = ?4, \
             locked_until = NULL, updated_at = ?5 WHERE id = ?1",
        )
        .bind(&[
            out.id.as_str().into(),
            int(i64::from(attempt.number)),
            status.into(),
            next_at,
            int(now),
        ])
        .map_err(err("binding delivery update"))?,
    ];
    let endpoint = out.endpoint_id.as_str();
    match verdict {
        Verdict::Delivered => statements.push(
            db.prepare("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?1")
                .bind(&[endpoint.into()])
                .map_err(err("binding endpoint success"))?,
        ),
        Verdict::Retry | Verdict::Stop | Verdict::Gone => {
            statements.push(
                db.prepare(
                    "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?2) WHERE id = ?1",
                )
                .bind(&[endpoint.into(), int(now)])
                .map_err(err("binding endpoint failure"))?,
            );
            let (reason, condition) = match verdict {
                Verdict::Gone => ("gone", "1 = 1"),
                _ => ("failing", "failing_since <= ?3"),
            };
            statements.push(
                db.prepare(format!(
                    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?2, updated_at = ?4 \
                     WHERE id = ?1 AND enabled = 1 AND {condition}"
                ))
                .bind(&[
                    endpoint.into(),
                    reason.into(),
                    int(now - DISABLE_AFTER_SECS),
                    int(now),
                ])
                .map_err(err("binding endpoint disable"))?,
            );
            let (event_id, data) = disabled_event;
            statements.extend(outbox::endpoint_disabled(
                db, event_id, endpoint, data, now,
            )?);
        }
    }
    db.batch(statements)
        .await
        .map_err(err("recording an attempt"))?;
    Ok(())
}

/// Gives up deliveries to an endpoint that was disabled or deleted meanwhile.
pub async fn drop_undeliverable(db: &D1Database, id: &str, now: i64) -> Result<(), ApiError> {
    db.prepare(
        "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, locked_until = NULL, \
         updated_at = ?2 WHERE id = ?1",
    )
    .bind(&[id.into(), int(now)])
    .map_err(err("binding drop"))?
    .run()
    .await
    .map_err(err("drop"))?;
    Ok(())
}

/// A delivery row of the log.
#[derive(Debug, Deserialize)]
pub struct LogRow {
    pub id: String,
    pub event_id: String,
    pub event_type: String,
    pub endpoint_id: String,
    pub status: String,
    pub next_attempt_at: Option<i64>,
    pub created_at: i64,
}

/// An attempt row of the log.
#[derive(Debug, Deserialize)]
pub struct AttemptRow {
    pub delivery_id: String,
    pub attempt: u32,
    pub status_code: Option<u16>,
    pub duration_ms: u64,
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub attempted_at: i64,
}

/// One page of an endpoint's log as its batch read it.
pub struct LogRead {
    /// The endpoint is the caller's and not deleted.
    pub endpoint_found: bool,
    /// The cursor delivery's `created_at` (`None`: no cursor, or not one of this endpoint's).
    pub cursor_at: Option<i64>,
    pub deliveries: Vec<LogRow>,
    pub attempts: Vec<AttemptRow>,
}

/// A page of the log, read in one batch (the caller's endpoint, the cursor, the deliveries
/// and their attempts): one round trip, and every statement sees the same rows.
pub async fn log(db: &D1Database, page: &delivery_query::LogPage) -> Result<LogRead, ApiError> {
    let mut queries = vec![page.endpoint.clone()];
    queries.extend(page.cursor.iter().cloned());
    queries.extend([page.deliveries.clone(), page.attempts.clone()]);
    let results = db
        .batch(platform::prepared(db, &queries, "delivery log")?)
        .await
        .map_err(err("delivery log"))?;
    let (endpoint, cursor, deliveries, attempts) = match results.as_slice() {
        [endpoint, cursor, deliveries, attempts] if page.cursor.is_some() => {
            (endpoint, Some(cursor), deliveries, attempts)
        }
        [endpoint, deliveries, attempts] if page.cursor.is_none() => {
            (endpoint, None, deliveries, attempts)
        }
        _ => return Err(ApiError::internal("delivery log: results missing")),
    };
    let found: Vec<Id> = endpoint.results().map_err(err("delivery log endpoint"))?;
    Ok(LogRead {
        endpoint_found: !found.is_empty(),
        cursor_at: cursor.map(platform::sort_key).transpose()?.flatten(),
        deliveries: deliveries.results().map_err(err("delivery log rows"))?,
        attempts: attempts.results().map_err(err("attempt log rows"))?,
    })
}

/// One delivery of the endpoint with its attempts, however old: one batch of two statements.
pub async fn one(
    db: &D1Database,
    endpoint_id: &str,
    id: &str,
) -> Result<(Vec<LogRow>, Vec<AttemptRow>), ApiError> {
    let args = [endpoint_id.into(), id.into()];
    let statements = vec![
        db.prepare(delivery_query::ONE)
            .bind(&args)
            .map_err(err("binding delivery read"))?,
        db.prepare(delivery_query::ONE_ATTEMPTS)
            .bind(&args)
            .map_err(err("binding delivery attempts read"))?,
    ];
    let results = db.batch(statements).await.map_err(err("delivery read"))?;
    let (Some(deliveries), Some(attempts)) = (results.first(), results.get(1)) else {
        return Err(ApiError::internal("delivery read: two results expected"));
    };
    Ok((
        deliveries.results().map_err(err("delivery read rows"))?,
        attempts.results().map_err(err("delivery attempts rows"))?,
    ))
}

/// Puts a delivery of this endpoint back in line, due now; `Ok(false)` when there is none.
pub async fn requeue(
    db: &D1Database,
    endpoint_id: &str,
    id: &str,
    now: i64,
) -> Result<bool, ApiError> {
    let result = db
        .prepare(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?3, locked_until = NULL, \
             updated_at = ?3 WHERE id = ?1 AND endpoint_id = ?2",
        )
        .bind(&[id.into(), endpoint_id.into(), int(now)])
        .map_err(err("binding requeue"))?
        .run()
        .await
        .map_err(err("requeue"))?;
    let meta = result.meta().map_err(err("requeue meta"))?;
    Ok(meta.and_then(|m| m.changes).unwrap_or(0) > 0)
}
