//! The cron sweep's share of privacy: payer data of sessions that ended longer ago than their
//! account's `customer_data_retention_days` is erased, one bounded batch per tick.

use serde::Deserialize;
use worker::D1Database;

use crate::api::error::ApiError;
use crate::checkout::erase::{self, SWEEP_BATCH};
use crate::checkout::store as sessions;
use crate::platform;

#[derive(Deserialize)]
struct Due {
    id: String,
}

/// Erases what is due at `now`: one read of at most [`SWEEP_BATCH`] sessions, then one batch
/// of four statements. Sessions past the batch wait for the next tick. The number erased.
pub async fn sweep(db: &D1Database, now: i64) -> Result<usize, ApiError> {
    let due: Vec<Due> = platform::all(db, &erase::due(now, SWEEP_BATCH), "payer data due").await?;
    if due.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = due.into_iter().map(|d| d.id).collect();
    erase_now(db, &ids, now).await?;
    Ok(ids.len())
}

/// Erases the payer data of sessions `ids` at `now`, everywhere it is kept, in one batch.
pub async fn erase_now(db: &D1Database, ids: &[String], now: i64) -> Result<(), ApiError> {
    let queries = erase::erase(ids, now).map_err(ApiError::internal)?;
    let statements = platform::prepared(db, &queries, "payer data erase")?;
    sessions::run(db, statements).await?;
    Ok(())
}
