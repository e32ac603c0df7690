//! The KV cache in front of public link reads: a miss reads D1 (the truth) and fills the cache;
//! every update or archive deletes the entry. State that changes with time (expired, sold out)
//! is derived when read, never cached.

use serde::{Deserialize, Serialize};
use worker::{D1Database, KvStore, console_error};

use crate::accounts::merchants;
use crate::api::error::ApiError;
use crate::links::row::LinkRow;
use crate::links::store as links;

/// How long an entry may serve. KV is eventually consistent across locations, so this bounds
/// how long another location can show a link after it changed.
const TTL_SECS: u64 = 60;

/// A cached public read: the row and its merchant's display name, as JSON text.
#[derive(Serialize, Deserialize)]
pub struct CachedLink {
    pub row: LinkRow,
    pub merchant_name: String,
}

fn key(slug: &str) -> String {
    format!("public-link:{slug}")
}

/// The unarchived link with this slug and its merchant's name, from KV or else D1.
pub async fn get(
    kv: &KvStore,
    db: &D1Database,
    slug: &str,
) -> Result<Option<CachedLink>, ApiError> {
    match kv.get(&key(slug)).text().await {
        Ok(Some(text)) => match serde_json::from_str(&text) {
            Ok(cached) => return Ok(Some(cached)),
            Err(e) => console_error!("link cache: unreadable entry for {slug}: {e}"),
        },
        Ok(None) => {}
        // KV is only a cache: on trouble, read the truth.
        Err(e) => console_error!("link cache: KV get {slug}: {e}"),
    }
    let Some(row) = links::by_slug(db, slug).await? else {
        return Ok(None);
    };
    let merchant = merchants::merchant(db, &row.merchant_id)
        .await?
        .ok_or_else(|| ApiError::internal(format!("link {} of missing merchant", row.id)))?;
    let cached = CachedLink {
        row,
        merchant_name: merchant.name,
    };
    match serde_json::to_string(&cached) {
        Ok(text) => {
            let put = kv
                .put(&key(slug), text)
                .map(|put| put.expiration_ttl(TTL_SECS));
            if let Err(e) = match put {
                Ok(put) => put.execute().await,
                Err(e) => Err(e),
            } {
                console_error!("link cache: KV put {slug}: {e}");
            }
        }
        Err(e) => console_error!("link cache: serialising {slug}: {e}"),
    }
    Ok(Some(cached))
}

/// Drops the entry after a write, so the next read comes from D1.
pub async fn forget(kv: &KvStore, slug: &str) {
    if let Err(e) = kv.delete(&key(slug)).await {
        console_error!("link cache: KV delete {slug}: {e}");
    }
}
