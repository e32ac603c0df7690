//! `webhook_endpoints` in D1.

use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::platform::{self, sql::Query};
use crate::webhooks::endpoint_row::{COLUMNS, EndpointRow};
use crate::webhooks::endpoints_query;

fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn text(value: &Option<String>) -> JsValue {
    value.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

async fn write(db: &D1Database, sql: &str, args: &[JsValue], what: &str) -> Result<bool, ApiError> {
    let result = db
        .prepare(sql)
        .bind(args)
        .map_err(|e| ApiError::internal(format!("binding {what}: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))?;
    let meta = result
        .meta()
        .map_err(|e| ApiError::internal(format!("{what} meta: {e}")))?;
    Ok(meta.and_then(|m| m.changes).unwrap_or(0) > 0)
}

pub async fn insert(db: &D1Database, row: &EndpointRow) -> Result<(), ApiError> {
    let sql = format!(
        "INSERT INTO webhook_endpoints ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    );
    let args = [
        row.id.as_str().into(),
        row.merchant_id.as_str().into(),
        int(row.livemode),
        row.url.as_str().into(),
        row.enabled_events.as_str().into(),
        text(&row.description),
        int(row.enabled),
        row.secret.as_str().into(),
        text(&row.previous_secret),
        row.previous_secret_until.map_or(JsValue::NULL, int),
        int(row.created_at),
        int(row.updated_at),
        row.deleted_at.map_or(JsValue::NULL, int),
        text(&row.disabled_reason),
    ];
    write(db, &sql, &args, "webhook_endpoints insert")
        .await
        .map(|_| ())
}

/// The merchant's live (not deleted) endpoint in this mode.
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<EndpointRow>, ApiError> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM webhook_endpoints \
         WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3 AND deleted_at IS NULL"
    ))
    .bind(&[id.into(), merchant_id.into(), int(i64::from(livemode))])
    .map_err(|e| ApiError::internal(format!("binding webhook_endpoints select: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("webhook_endpoints select: {e}")))
}

/// A page of endpoints and its cursor's sort key (`None` for the first page, or for a cursor
/// that is not the caller's), read in one batch: one round trip.
pub async fn page(
    db: &D1Database,
    page: &endpoints_query::Page,
) -> Result<(Option<i64>, Vec<EndpointRow>), ApiError> {
    let queries: Vec<Query> = page.cursor.iter().chain([&page.rows]).cloned().collect();
    let results = db
        .batch(platform::prepared(db, &queries, "webhook_endpoints page")?)
        .await
        .map_err(|e| ApiError::internal(format!("webhook_endpoints page: {e}")))?;
    let (cursor_at, rows) = match (page.cursor.is_some(), results.as_slice()) {
        (true, [cursor, rows]) => (platform::sort_key(cursor)?, rows),
        (false, [rows]) => (None, rows),
        _ => {
            return Err(ApiError::internal(
                "webhook_endpoints page: results missing",
            ));
        }
    };
    let rows = rows
        .results()
        .map_err(|e| ApiError::internal(format!("webhook_endpoints page rows: {e}")))?;
    Ok((cursor_at, rows))
}

/// Writes url, events, description, enabled, secrets and updated_at of a live endpoint.
pub async fn update(db: &D1Database, row: &EndpointRow) -> Result<bool, ApiError> {
    let sql = "UPDATE webhook_endpoints SET url = ?2, enabled_events = ?3, description = ?4, \
               enabled = ?5, secret = ?6, previous_secret = ?7, previous_secret_until = ?8, \
               updated_at = ?9, disabled_reason = ?10, \
               failing_since = CASE WHEN ?10 IS NULL AND enabled = 0 AND ?5 = 1 THEN NULL ELSE failing_since END \
               WHERE id = ?1 AND deleted_at IS NULL";
    let args = [
        row.id.as_str().into(),
        row.url.as_str().into(),
        row.enabled_events.as_str().into(),
        text(&row.description),
        int(row.enabled),
        row.secret.as_str().into(),
        text(&row.previous_secret),
        row.previous_secret_until.map_or(JsValue::NULL, int),
        int(row.updated_at),
        text(&row.disabled_reason),
    ];
    write(db, sql, &args, "webhook_endpoints update").await
}

pub async fn delete(db: &D1Database, id: &str, now: i64) -> Result<bool, ApiError> {
    let sql = "UPDATE webhook_endpoints SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL";
    write(db, sql, &[id.into(), int(now)], "webhook_endpoints delete").await
}
