//! `checkout_settings` in D1: the merchant's deposit xpub or payout address, quote lock,
//! framing origins, default chain and payer data retention per mode, and the atomic hand-out
//! of deposit indexes.

use serde::Deserialize;
use shared::api::account::CheckoutSettings;
use shared::chain::Chain;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::accounts::settings_read::{Saved, saved_or_default};
use crate::accounts::{default_chain, wallet_sql};
use crate::api::error::ApiError;

fn mode(livemode: bool) -> JsValue {
    JsValue::from_f64(f64::from(u8::from(livemode)))
}

/// The settings as saved (defaults when none were); `default_chain` is the saved one only,
/// `None` when the mode's assumed default applies (see [`default_chain`]).
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
) -> Result<CheckoutSettings, ApiError> {
    let row: Option<Saved> = db
        .prepare(
            "SELECT deposit_xpub, quote_lock_secs, frame_ancestors, default_chain, payout_address, \
             customer_data_retention_days FROM checkout_settings WHERE merchant_id = ?1 AND livemode = ?2",
        )
        .bind(&[merchant_id.into(), mode(livemode)])
        .map_err(|e| ApiError::internal(format!("binding checkout_settings select: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("checkout_settings select: {e}")))?;
    Ok(saved_or_default(row))
}

/// The chain of the merchant's links that name none, in this mode: the saved one, else the
/// mode's assumed default (`accounts::default_chain`); `None` in live mode until set.
pub async fn default_chain(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Chain>, ApiError> {
    let saved = get(db, merchant_id, livemode).await?;
    default_chain::in_force(saved.default_chain.as_deref(), livemode, lookup)
        .map_err(|e| ApiError::internal(format!("checkout_settings of {merchant_id}: {e}")))
}

/// Claims `wallet_id` for the merchant in this mode unless another merchant holds it; runs
/// first in the batch, so the statements after it can require the claim.
fn claim(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    wallet_id: &str,
    now: i64,
) -> Result<D1PreparedStatement, ApiError> {
    db.prepare(wallet_sql::CLAIM)
        .bind(&[
            mode(livemode),
            wallet_id.into(),
            merchant_id.into(),
            JsValue::from_f64(now as f64),
        ])
        .map_err(|e| ApiError::internal(format!("binding deposit wallet claim: {e}")))
}

/// The statements that take deposit index `index` of `xpub`, read as next in the caller's
/// first batch, inside the quote's own batch: the wallet claim, then `TAKE_AT`, whose
/// `changes()` the quote's session write requires. Two statements, no round trip.
pub fn take_at(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    xpub: &str,
    wallet_id: &str,
    index: u32,
    now: i64,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let take = db
        .prepare(wallet_sql::TAKE_AT)
        .bind(&[
            merchant_id.into(),
            mode(livemode),
            xpub.into(),
            JsValue::from_f64(f64::from(index)),
            wallet_id.into(),
        ])
        .map_err(|e| ApiError::internal(format!("binding deposit index take: {e}")))?;
    Ok(vec![
        claim(db, merchant_id, livemode, wallet_id, now)?,
        take,
    ])
}

/// Saves validated settings; `wallet_id` is that of `settings.deposit_xpub`. The deposit index
/// counter is kept whatever the xpub becomes, so no index is ever handed out twice. Claim and
/// save are one transaction: `Ok(false)`, and nothing saved, when another merchant holds the
/// wallet in this mode.
pub async fn put(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    settings: &CheckoutSettings,
    wallet_id: Option<&str>,
    now: i64,
) -> Result<bool, ApiError> {
    let save = db
        .prepare(wallet_sql::SAVE)
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
            wallet_id.map_or(JsValue::NULL, JsValue::from_str),
            settings
                .default_chain
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        ])
        .map_err(|e| ApiError::internal(format!("binding checkout_settings upsert: {e}")))?;
    let save_payout = db
        .prepare(wallet_sql::SAVE_PAYOUT)
        .bind(&[
            merchant_id.into(),
            mode(livemode),
            settings
                .payout_address
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
            wallet_id.map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_f64(f64::from(settings.customer_data_retention_days)),
        ])
        .map_err(|e| ApiError::internal(format!("binding payout address update: {e}")))?;
    let mut statements = Vec::new();
    if let Some(wallet_id) = wallet_id {
        statements.push(claim(db, merchant_id, livemode, wallet_id, now)?);
    }
    statements.push(save);
    statements.push(save_payout);
    let results = db
        .batch(statements)
        .await
        .map_err(|e| ApiError::internal(format!("checkout_settings upsert: {e}")))?;
    // The settings row's own statement says whether anything was saved.
    let saved = results
        .iter()
        .rev()
        .nth(1)
        .ok_or_else(|| ApiError::internal("checkout_settings upsert: no result"))?
        .meta()
        .map_err(|e| ApiError::internal(format!("checkout_settings upsert meta: {e}")))?
        .and_then(|m| m.changes)
        .unwrap_or(0);
    Ok(saved > 0)
}

/// A deposit index handed out (of the xpub the allocation named).
#[derive(Deserialize)]
pub struct Allocated {
    pub deposit_index: u32,
}

/// What an allocation found.
pub enum Allocation {
    Index(Allocated),
    /// The merchant has no xpub in this mode (or it changed since it was read).
    NoWallet,
    /// Another merchant holds the wallet: its addresses are theirs.
    WalletInUse,
}

/// Takes the next deposit index of `xpub` (whose wallet id is `wallet_id`) in one transaction,
/// so concurrent checkouts never share one. Keys saved before wallets were claimed are claimed
/// here, by the first merchant to use them.
pub async fn allocate_index(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    xpub: &str,
    wallet_id: &str,
    now: i64,
) -> Result<Allocation, ApiError> {
    let take = db
        .prepare(wallet_sql::TAKE)
        .bind(&[
            merchant_id.into(),
            mode(livemode),
            xpub.into(),
            JsValue::NULL,
            JsValue::NULL,
            JsValue::NULL,
            wallet_id.into(),
        ])
        .map_err(|e| ApiError::internal(format!("binding deposit index allocation: {e}")))?;
    let statements = vec![claim(db, merchant_id, livemode, wallet_id, now)?, take];
    let results = db
        .batch(statements)
        .await
        .map_err(|e| ApiError::internal(format!("deposit index allocation: {e}")))?;
    let taken: Vec<Allocated> = results
        .last()
        .ok_or_else(|| ApiError::internal("deposit index allocation: no result"))?
        .results()
        .map_err(|e| ApiError::internal(format!("deposit index allocation rows: {e}")))?;
    if let Some(allocated) = taken.into_iter().next() {
        return Ok(Allocation::Index(allocated));
    }
    let holder: Option<Holder> = db
        .prepare(wallet_sql::HOLDER)
        .bind(&[mode(livemode), wallet_id.into()])
        .map_err(|e| ApiError::internal(format!("binding deposit wallet holder: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("deposit wallet holder: {e}")))?;
    Ok(match holder {
        Some(h) if h.merchant_id != merchant_id => Allocation::WalletInUse,
        _ => Allocation::NoWallet,
    })
}

#[derive(Deserialize)]
struct Holder {
    merchant_id: String,
}
