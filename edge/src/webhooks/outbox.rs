//! The outbox: statements that record an event and one pending delivery per subscribed
//! endpoint, to run in the same D1 batch (one transaction) as the change that caused it.

use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::error::ApiError;

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// One delivery per enabled endpoint of the event's merchant and mode that subscribes to its
/// type (or to `*`). Delivery ids are drawn by SQLite inside the transaction.
fn deliveries(db: &D1Database, event_id: &str) -> Result<D1PreparedStatement, ApiError> {
    db.prepare(
        "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at) \
         SELECT 'whd_' || lower(hex(randomblob(12))), ev.id, e.id, 'pending', 0, ev.created_at, ev.created_at, ev.created_at \
         FROM events ev JOIN webhook_endpoints e ON e.merchant_id = ev.merchant_id AND e.livemode = ev.livemode \
         WHERE ev.id = ?1 AND e.enabled = 1 AND e.deleted_at IS NULL \
         AND (e.enabled_events = '*' OR (' ' || e.enabled_events || ' ') LIKE ('% ' || ev.type || ' %'))",
    )
    .bind(&[event_id.into()])
    .map_err(|e| ApiError::internal(format!("binding deliveries: {e}")))
}

/// A `payment_link.*` event about link `link_id`, recorded only if the write just before it
/// in the batch changed the link (`changes()` is 1 and the link's `updated_at` is `now`).
pub fn link_event(
    db: &D1Database,
    event_id: &str,
    kind: &str,
    link_id: &str,
    data: &str,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let event = db
        .prepare(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data, object_id) \
             SELECT ?1, merchant_id, livemode, ?2, ?4, ?5, id FROM payment_links \
             WHERE changes() = 1 AND id = ?3 AND updated_at = ?4",
        )
        .bind(&[
            event_id.into(),
            kind.into(),
            link_id.into(),
            int(now),
            data.into(),
        ])
        .map_err(|e| ApiError::internal(format!("binding link event: {e}")))?;
    Ok(vec![event, deliveries(db, event_id)?])
}

/// A `checkout_session.*` event, recorded only if the session update before it in the batch
/// applied (it set `last_event_id`). `data.status` comes from the status stored, which the
/// update may have turned to `paid_late` when the link's limits were reached; so does the
/// type, unless `kind` names it (`checkout_session.payment_reversed`, `checkout_session.quoted`).
/// A status with no event of its own (`open` again after a shallow reorg) records none.
pub fn session_event(
    db: &D1Database,
    event_id: &str,
    session_id: &str,
    kind: Option<&str>,
    data: &str,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let event = db
        .prepare(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data, object_id) \
             SELECT ?1, merchant_id, livemode, COALESCE(?5, 'checkout_session.' || status), ?3, \
             json_set(?4, '$.status', status), id FROM checkout_sessions \
             WHERE id = ?2 AND last_event_id = ?1 AND (?5 IS NOT NULL \
             OR status IN ('pending', 'paid', 'underpaid', 'overpaid', 'paid_late', 'expired', 'canceled'))",
        )
        .bind(&[
            event_id.into(),
            session_id.into(),
            int(now),
            data.into(),
            kind.map_or(JsValue::NULL, JsValue::from_str),
        ])
        .map_err(|e| ApiError::internal(format!("binding session event: {e}")))?;
    Ok(vec![event, deliveries(db, event_id)?])
}

/// A `webhook_endpoint.disabled` event, recorded only if the disabling update just before it
/// in the batch changed the endpoint.
pub fn endpoint_disabled(
    db: &D1Database,
    event_id: &str,
    endpoint_id: &str,
    data: &str,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let event = db
        .prepare(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data) \
             SELECT ?1, merchant_id, livemode, 'webhook_endpoint.disabled', ?3, \
             json_set(?4, '$.enabled', json('false'), '$.disabled_reason', disabled_reason) \
             FROM webhook_endpoints WHERE changes() = 1 AND id = ?2 AND enabled = 0",
        )
        .bind(&[event_id.into(), endpoint_id.into(), int(now), data.into()])
        .map_err(|e| ApiError::internal(format!("binding endpoint event: {e}")))?;
    Ok(vec![event, deliveries(db, event_id)?])
}

/// A `test.ping` event for endpoint `endpoint_id` only, whatever it subscribes to, with one
/// delivery to it: recorded only if the endpoint is still enabled when the batch runs. The
/// caller picks both ids, so it can read back the very delivery it wrote.
pub fn test_ping(
    db: &D1Database,
    (event_id, delivery_id): (&str, &str),
    endpoint_id: &str,
    data: &str,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let event = db
        .prepare(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data) \
             SELECT ?1, merchant_id, livemode, ?5, ?3, ?4 FROM webhook_endpoints \
             WHERE id = ?2 AND enabled = 1 AND deleted_at IS NULL",
        )
        .bind(&[
            event_id.into(),
            endpoint_id.into(),
            int(now),
            data.into(),
            shared::webhook::endpoint::TEST_PING.into(),
        ])
        .map_err(|e| ApiError::internal(format!("binding test event: {e}")))?;
    let delivery = db
        .prepare(
            "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at) \
             SELECT ?3, id, ?2, 'pending', 0, created_at, created_at, created_at \
             FROM events WHERE id = ?1",
        )
        .bind(&[event_id.into(), endpoint_id.into(), delivery_id.into()])
        .map_err(|e| ApiError::internal(format!("binding test delivery: {e}")))?;
    Ok(vec![event, delivery])
}
