//! `checkout_settings` in D1: the merchant's deposit xpub and quote lock per mode, and the
//! atomic hand-out of deposit indexes.

use serde::Deserialize;
use shared::api::account::CheckoutSettings;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;

/// Settings of a merchant and mode that never set any.
const DEFAULT_QUOTE_LOCK_SECS: u32 = 900;

#[derive(Deserialize)]
struct Row {
    deposit_xpub: Option<String>,
    quote_lock_secs: u32,
    frame_ancestors: String,
}

fn mode(livemode: bool) -> JsValue {
    JsValue::from_f64(f64::from(u8::from(livemode)))
}

/// The settings in force (defaults when none were saved).
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
) -> Result<CheckoutSettings, ApiError> {
    let row: Option<Row> = db
        .prepare(
            "SELECT deposit_xpub, quote_lock_secs, frame_ancestors FROM checkout_settings \
             WHERE merchant_id = ?1 AND livemode = ?2",
        )
        .bind(&[merchant_id.into(), mode(livemode)])
        .map_err(|e| ApiError::internal(format!("binding checkout_settings select: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("checkout_settings select: {e}")))?;
    Ok(match row {
        Some(row) => CheckoutSettings {
            deposit_xpub: row.deposit_xpub,
            quote_lock_seconds: row.quote_lock_secs,
            frame_ancestors: row
                .frame_ancestors
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        },
        None => CheckoutSettings {
            deposit_xpub: None,
            quote_lock_seconds: DEFAULT_QUOTE_LOCK_SECS,
            frame_ancestors: Vec::new(),
        },
    })
}

/// Saves validated settings; the deposit index counter is kept whatever the xpub becomes, so
/// no index is ever handed out twice.
pub async fn put(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    settings: &CheckoutSettings,
    now: i64,
) -> Result<(), ApiError> {
    db.prepare(
        "INSERT INTO checkout_settings (merchant_id, livemode, deposit_xpub, quote_lock_secs, updated_at, frame_ancestors) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (merchant_id, livemode) DO UPDATE SET deposit_xpub = excluded.deposit_xpub, \
         quote_lock_secs = excluded.quote_lock_secs, updated_at = excluded.updated_at, \
         frame_ancestors = excluded.frame_ancestors",
    )
    .bind(&[
        merchant_id.into(),
        mode(livemode),
        settings
            .deposit_xpub
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
        JsValue::from_f64(f64::from(settings.quote_lock_seconds)),
        JsValue::from_f64(now as f64),
        JsValue::from_str(&settings.frame_ancestors.join(" ")),
    ])
    .map_err(|e| ApiError::internal(format!("binding checkout_settings upsert: {e}")))?
    .run()
    .await
    .map_err(|e| ApiError::internal(format!("checkout_settings upsert: {e}")))?;
    Ok(())
}

/// A deposit index handed out, with the xpub it belongs to.
#[derive(Deserialize)]
pub struct Allocated {
    pub deposit_index: u32,
    pub deposit_xpub: String,
}

/// Takes the next deposit index in one statement, so concurrent checkouts never share one;
/// `None` when the merchant has no xpub in this mode.
pub async fn allocate_index(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
) -> Result<Option<Allocated>, ApiError> {
    db.prepare(
        "UPDATE checkout_settings SET next_deposit_index = next_deposit_index + 1 \
         WHERE merchant_id = ?1 AND livemode = ?2 AND deposit_xpub IS NOT NULL \
         RETURNING next_deposit_index - 1 AS deposit_index, deposit_xpub",
    )
    .bind(&[merchant_id.into(), mode(livemode)])
    .map_err(|e| ApiError::internal(format!("binding deposit index allocation: {e}")))?
    .first(None)
    .await
    .map_err(|e| ApiError::internal(format!("deposit index allocation: {e}")))
}
