//! The origins a merchant lets frame its pages, per mode, cached in KV beside the links: the
//! pay page sets its framing policy from KV alone while the entry lives. `PATCH /v1/account`
//! drops the entry, so the next page reads the settings from D1 (the truth) again.

use worker::{D1Database, KvStore, console_error};

use crate::accounts::settings;
use crate::api::error::ApiError;

/// As long as a link's cached copy: another location sees a change within it.
const TTL_SECS: u64 = 60;

fn key(merchant_id: &str, livemode: bool) -> String {
    format!(
        "frame-ancestors:{merchant_id}:{}",
        if livemode { "live" } else { "test" }
    )
}

/// The merchant's framing origins for `livemode`, from KV or else D1.
pub async fn get(
    kv: &KvStore,
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
) -> Result<Vec<String>, ApiError> {
    let key = key(merchant_id, livemode);
    match kv.get(&key).text().await {
        Ok(Some(text)) => match serde_json::from_str(&text) {
            Ok(origins) => return Ok(origins),
            Err(e) => console_error!("frame cache: unreadable entry for {merchant_id}: {e}"),
        },
        Ok(None) => {}
        // KV is only a cache: on trouble, read the truth.
        Err(e) => console_error!("frame cache: KV get {merchant_id}: {e}"),
    }
    let origins = settings::get(db, merchant_id, livemode)
        .await?
        .frame_ancestors;
    match serde_json::to_string(&origins) {
        Ok(text) => {
            let put = kv.put(&key, text).map(|put| put.expiration_ttl(TTL_SECS));
            if let Err(e) = match put {
                Ok(put) => put.execute().await,
                Err(e) => Err(e),
            } {
                console_error!("frame cache: KV put {merchant_id}: {e}");
            }
        }
        Err(e) => console_error!("frame cache: serialising {merchant_id}: {e}"),
    }
    Ok(origins)
}

/// Drops the entry after the settings changed.
pub async fn forget(kv: &KvStore, merchant_id: &str, livemode: bool) {
    if let Err(e) = kv.delete(&key(merchant_id, livemode)).await {
        console_error!("frame cache: KV delete {merchant_id}: {e}");
    }
}
