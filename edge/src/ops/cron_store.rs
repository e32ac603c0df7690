//! `cron_ticks`: when each cron schedule last ran and how often, kept in D1.

use serde::Deserialize;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;

/// Upserts the tick for `cron` at unix second `at`.
pub async fn record_tick(db: &D1Database, cron: &str, at: i64) -> Result<(), ApiError> {
    db.prepare(
        "INSERT INTO cron_ticks (cron, last_run_at, run_count) VALUES (?1, ?2, 1) \
         ON CONFLICT (cron) DO UPDATE SET last_run_at = excluded.last_run_at, \
         run_count = run_count + 1",
    )
    .bind(&[JsValue::from_str(cron), JsValue::from_f64(at as f64)])
    .map_err(|e| ApiError::internal(format!("binding cron_ticks upsert: {e}")))?
    .run()
    .await
    .map_err(|e| ApiError::internal(format!("cron_ticks upsert: {e}")))?;
    Ok(())
}

#[derive(Deserialize)]
struct LastTick {
    last: Option<i64>,
}

/// The most recent tick of any schedule, in unix seconds.
pub async fn last_tick(db: &D1Database) -> Result<Option<i64>, ApiError> {
    let row: Option<LastTick> = db
        .prepare("SELECT MAX(last_run_at) AS last FROM cron_ticks")
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("cron_ticks select: {e}")))?;
    Ok(row.and_then(|r| r.last))
}
