//! `rate_limits`: one counter per key and window, bumped atomically in D1.

use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1Result};

use crate::api::error::ApiError;
use crate::api::quota::{Quota, WINDOW_SECS};
use crate::platform::sql::{Arg, Query};

#[derive(Deserialize)]
struct Count {
    count: u32,
}

/// The statement counting one request for `key_id` at unix second `now`, returning the count
/// so far in its window; one statement, so concurrent requests each see their own count.
/// Callers put it first in a batch with their reads (see [`quota_of`]).
pub fn consume_query(key_id: &str, now: i64) -> Query {
    Query {
        sql: "INSERT INTO rate_limits (key_id, window_start, count) VALUES (?1, ?2, 1) \
              ON CONFLICT (key_id, window_start) DO UPDATE SET count = count + 1 RETURNING count"
            .into(),
        args: vec![
            Arg::Text(key_id.to_owned()),
            Arg::Int(Quota::window_start(now)),
        ],
    }
}

/// The quota [`consume_query`]'s result leaves the key.
pub fn quota_of(result: &D1Result, limit: u32, now: i64) -> Result<Quota, ApiError> {
    let rows: Vec<Count> = result
        .results()
        .map_err(|e| ApiError::internal(format!("rate_limits upsert: {e}")))?;
    let used = rows
        .first()
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
