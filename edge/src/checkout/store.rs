//! `checkout_sessions` in D1: insert, read one or a page, and status changes written only if
//! the row is still as it was read.

use serde::Deserialize;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::checkout::query::COLUMNS;
use crate::checkout::row::SessionRow;
use crate::platform::sql::Query;

fn int(n: i64) -> JsValue {
    // Unix seconds, indexes and flags: exact as JS numbers.
    JsValue::from_f64(n as f64)
}

fn opt_text(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

fn opt_int(value: Option<i64>) -> JsValue {
    value.map_or(JsValue::NULL, int)
}

/// Inserts a new session.
pub async fn insert(db: &D1Database, row: &SessionRow) -> Result<(), ApiError> {
    let placeholders: Vec<String> = (1..=COLUMNS.split(',').count())
        .map(|i| format!("?{i}"))
        .collect();
    let sql = format!(
        "INSERT INTO checkout_sessions ({COLUMNS}) VALUES ({})",
        placeholders.join(", ")
    );
    let args = [
        row.id.as_str().into(),
        row.merchant_id.as_str().into(),
        row.link_id.as_str().into(),
        int(row.livemode),
        row.status.as_str().into(),
        row.amount.as_str().into(),
        row.currency.as_str().into(),
        row.asset.as_str().into(),
        row.chain.as_str().into(),
        opt_text(&row.token_address),
        row.rate.as_str().into(),
        row.amount_due.as_str().into(),
        row.accept_from.as_str().into(),
        row.amount_received.as_str().into(),
        row.amount_confirmed.as_str().into(),
        int(row.deposit_index),
        row.deposit_address.as_str().into(),
        opt_text(&row.success_url),
        int(row.expires_at),
        int(row.watch_until),
        row.payments.as_str().into(),
        opt_int(row.checked_block),
        int(row.counted),
        opt_int(row.checked_at),
        int(row.created_at),
        int(row.updated_at),
        opt_int(row.paid_at),
        opt_int(row.canceled_at),
        row.amount_reversed.as_str().into(),
    ];
    db.prepare(&sql)
        .bind(&args)
        .map_err(|e| ApiError::internal(format!("binding checkout_sessions insert: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("checkout_sessions insert: {e}")))?;
    Ok(())
}

/// The merchant's session in this mode; `None` for anyone else's (never revealed).
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<SessionRow>, ApiError> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM checkout_sessions WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
    ))
    .bind(&[id.into(), merchant_id.into(), int(i64::from(livemode))])
    .map_err(|e| ApiError::internal(format!("binding checkout_sessions select: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("checkout_sessions select: {e}")))
}

/// Any session by id: the id is the customer's capability for its public view.
pub async fn by_id(db: &D1Database, id: &str) -> Result<Option<SessionRow>, ApiError> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM checkout_sessions WHERE id = ?1"
    ))
    .bind(&[id.into()])
    .map_err(|e| ApiError::internal(format!("binding checkout_sessions by id: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("checkout_sessions by id: {e}")))
}

#[derive(Deserialize)]
struct Anchor {
    created_at: i64,
}

/// The sort key of a cursor session, if it is the merchant's in this mode.
pub async fn anchor(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<i64>, ApiError> {
    let row: Option<Anchor> = db
        .prepare(
            "SELECT created_at FROM checkout_sessions WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3",
        )
        .bind(&[id.into(), merchant_id.into(), int(i64::from(livemode))])
        .map_err(|e| ApiError::internal(format!("binding checkout_sessions anchor: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("checkout_sessions anchor: {e}")))?;
    Ok(row.map(|r| r.created_at))
}

/// Runs a page query built by `session_query::page`.
pub async fn page(db: &D1Database, query: &Query) -> Result<Vec<SessionRow>, ApiError> {
    crate::platform::all(db, query, "checkout_sessions page").await
}

/// Cancels the session if it is still open with nothing received; `Ok(false)` otherwise.
pub async fn cancel(db: &D1Database, id: &str, now: i64) -> Result<bool, ApiError> {
    let result = db
        .prepare(
            "UPDATE checkout_sessions SET status = 'canceled', canceled_at = ?2, updated_at = ?2 \
             WHERE id = ?1 AND status = 'open' AND amount_received = '0'",
        )
        .bind(&[id.into(), int(now)])
        .map_err(|e| ApiError::internal(format!("binding checkout_sessions cancel: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("checkout_sessions cancel: {e}")))?;
    let meta = result
        .meta()
        .map_err(|e| ApiError::internal(format!("checkout_sessions cancel meta: {e}")))?;
    Ok(meta.and_then(|m| m.changes).unwrap_or(0) > 0)
}
