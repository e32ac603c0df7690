//! `/v1/account`: the merchant behind the calling key, what the key may do, and the checkout
//! settings of its mode (`PATCH` changes them).

use shared::api::account::UpdateAccountRequest;
use shared::api::keys::Account;
use shared::api::merge_patch;
use shared::hd::ExtendedPublicKey;

use crate::accounts::merchants;
use crate::accounts::{default_chain, settings};
use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::platform::{self, Bindings};

/// The account as the API shows it: `checkout.default_chain` is the one in force, saved or
/// assumed, so a merchant sees the chain their next link without one gets.
async fn account(
    db: &worker::D1Database,
    caller: &Caller,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Account, ApiError> {
    let mut checkout = settings::get(db, &caller.merchant_id, caller.livemode).await?;
    checkout.default_chain =
        default_chain::in_force(checkout.default_chain.as_deref(), caller.livemode, lookup)
            .map_err(|e| ApiError::internal(format!("account {}: {e}", caller.merchant_id)))?
            .map(|chain| chain.name().to_owned());
    let merchant = merchants::merchant(db, &caller.merchant_id)
        .await?
        .ok_or_else(|| {
            ApiError::internal(format!("key of missing merchant {}", caller.merchant_id))
        })?;
    Ok(Account {
        id: merchant.id,
        object: "account".into(),
        name: merchant.name,
        livemode: caller.livemode,
        key_kind: caller.kind.as_str().into(),
        scopes: caller
            .scopes
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        checkout,
    })
}

/// Another merchant derives deposit addresses from this wallet in this mode.
pub fn xpub_in_use() -> ApiError {
    ApiError::Conflict {
        code: "xpub_in_use",
        message: "Another account uses this wallet (xpub) in this mode: give the xpub of another account of your wallet.",
    }
}

/// `GET /v1/account`.
pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let db = Bindings::db(env)?;
    Reply::json(&account(&db, caller, &platform::vars(env)).await?, 200)
}

/// `PATCH /v1/account`: a JSON merge patch of `{"checkout": {...}}` for the key's mode.
/// Changing the xpub never resets the deposit index: no address is handed out twice.
pub async fn update(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let body = &call.body;
    let patch = body.json::<serde_json::Map<String, serde_json::Value>>()?;
    let db = Bindings::db(env)?;
    // The saved settings, not those shown: a patch that leaves `default_chain` alone keeps
    // following the mode's assumed default rather than pinning today's.
    let current = settings::get(&db, &caller.merchant_id, caller.livemode).await?;
    let mut merged = serde_json::json!({ "checkout": current });
    let patch = serde_json::Value::Object(patch);
    // Every settings member is always present, so a `null` for any other name is a typo.
    if let Some(param) = merge_patch::unknown_removal(&merged, &patch) {
        return Err(crate::api::body::BodyError::UnknownField { param }.into());
    }
    merge_patch::apply(&mut merged, &patch);
    // `null` removes a member in a merge patch; an absent xpub means "none", an absent
    // default chain the mode's assumed one.
    if let Some(checkout) = merged.get_mut("checkout").and_then(|c| c.as_object_mut()) {
        for name in ["deposit_xpub", "default_chain"] {
            checkout.entry(name).or_insert(serde_json::Value::Null);
        }
    }
    let request: UpdateAccountRequest = crate::api::body::from_value(merged)?;
    let mut checkout = request.checkout;
    checkout.deposit_xpub = checkout.deposit_xpub.map(|x| x.trim().to_owned());
    checkout
        .validate(caller.livemode)
        .map_err(ApiError::Validation)?;
    if let Some(payout) = &checkout.payout_address {
        crate::accounts::payout::refuse_contracts(payout, &platform::vars(env))?;
    }
    let wallet_id = checkout
        .deposit_xpub
        .as_deref()
        .map(ExtendedPublicKey::parse)
        .transpose()
        .map_err(|e| ApiError::internal(format!("a validated xpub failed to parse: {e}")))?
        .map(|key| key.wallet_id());
    let saved = settings::put(
        &db,
        &caller.merchant_id,
        caller.livemode,
        &checkout,
        wallet_id.as_deref(),
        platform::now(),
    )
    .await?;
    if !saved {
        return Err(xpub_in_use());
    }
    if checkout.frame_ancestors != current.frame_ancestors {
        let kv = Bindings::cache(env)?;
        crate::accounts::frame_cache::forget(&kv, &caller.merchant_id, caller.livemode).await;
    }
    Reply::json(&account(&db, caller, &platform::vars(env)).await?, 200)
}
