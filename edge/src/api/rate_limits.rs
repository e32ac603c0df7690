//! `rate_limits`: one counter per key and window, bumped atomically in D1.

use serde::Deserialize;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::api::quota::{Quota, WINDOW_SECS};

#[derive(Deserialize)]
struct Count {
    count: u32,
}

/// Counts one request for `key_id` at unix second `now` and returns the key's quota.
/// One statement: concurrent requests each see their own count.
pub async fn consume(
    db: &D1Database,
    key_id: &str,
    limit: u32,
    now: i64,
) -> Result<Quota, ApiError> {
    let window = Quota::window_start(now);
    let row: Option<Count> = db
        .prepare(
            "INSERT INTO rate_limits (key_id, window_start, count) VALUES (?1, ?2, 1) \
             ON CONFLICT (key_id, window_start) DO UPDATE SET count = count + 1 RETURNING count",
        )
        .bind(&[key_id.into(), JsValue::from_f64(window as f64)])
        .map_err(|e| ApiError::internal(format!("binding rate_limits upsert: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("rate_limits upsert: {e}")))?;
    let used = row
        .map(|r| r.count)
        .ok_or_else(|| ApiError::internal("rate_limits upsert returned no row"))?;
    Ok(Quota::new(limit, used, now))
}

/// Deletes windows that ended before `now`; run by the cron sweep.
pub async fn prune(db: &D1Database, now: i64) -> Result<(), ApiError> {
    db.prepare("DELETE FROM rate_limits WHERE window_start < ?1")
        .bind(&[JsValue::from_f64(
            (Quota::window_start(now) - WINDOW_SECS) as f64,
        )])
        .map_err(|e| ApiError::internal(format!("binding rate_limits prune: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("rate_limits prune: {e}")))?;
    Ok(())
}
