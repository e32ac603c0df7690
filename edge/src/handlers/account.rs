//! `GET /v1/account`: the merchant behind the calling key, and what the key may do.

use shared::api::keys::Account;
use worker::Env;

use crate::credentials::Caller;
use crate::error::ApiError;
use crate::reply::Reply;
use crate::store::{Bindings, merchants};

pub async fn get(env: &Env, caller: &Caller) -> Result<Reply, ApiError> {
    let db = Bindings::db(env)?;
    let merchant = merchants::merchant(&db, &caller.merchant_id)
        .await?
        .ok_or_else(|| {
            ApiError::internal(format!("key of missing merchant {}", caller.merchant_id))
        })?;
    let account = Account {
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
    };
    Reply::json(&account, 200)
}
