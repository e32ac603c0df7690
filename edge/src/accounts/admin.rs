//! The admin API (guarded by the `ADMIN_TOKEN` secret): merchants and their API keys.

use shared::api::keys::{
    ApiKeyObject, CreateKeyRequest, CreateMerchantRequest, List, MerchantCreated, NewKey,
};
use shared::auth::{ApiKey, KeyKind, Mode, Scopes};

use crate::accounts::merchants::{self, KeyRow, MerchantRow};
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::platform::random;
use crate::platform::{Bindings, now};

/// `POST /v1/admin/merchants`: the merchant and its first test and live secret keys, at once.
pub async fn create_merchant(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let body = &call.body;
    let name = body
        .json::<CreateMerchantRequest>()?
        .parse()
        .map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    let merchant = MerchantRow {
        id: random::id("mer")?,
        name,
        created_at: now(),
    };
    let mut statements = vec![merchants::insert_merchant(&db, &merchant)?];
    let mut keys = Vec::new();
    for livemode in [false, true] {
        let new = NewKey {
            kind: KeyKind::Secret,
            livemode,
            scopes: Scopes::all(),
        };
        let (row, key) = new_key(&merchant.id, &new)?;
        statements.push(merchants::insert_key(&db, &row, &key.hash())?);
        keys.push(row.into_object(Some(&key)));
    }
    merchants::commit(&db, "creating a merchant and its keys", statements).await?;
    Reply::json(
        &MerchantCreated {
            merchant: merchant.into(),
            keys,
        },
        201,
    )
}

/// `GET /v1/admin/merchants/{id}/keys`: every key, newest first, without secrets.
pub async fn list_keys(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let merchant_id = call.param("id")?;
    let db = Bindings::db(env)?;
    if merchants::merchant(&db, merchant_id).await?.is_none() {
        return Err(ApiError::ResourceMissing { what: "merchant" });
    }
    let data: Vec<ApiKeyObject> = merchants::keys_of(&db, merchant_id)
        .await?
        .into_iter()
        .map(|row| row.into_object(None))
        .collect();
    Reply::json(
        &List {
            object: "list".into(),
            data,
            has_more: false,
        },
        200,
    )
}

/// `POST /v1/admin/merchants/{id}/keys`: a new secret or restricted key, shown once.
pub async fn create_key(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let merchant_id = call.param("id")?;
    let body = &call.body;
    let new = body
        .json::<CreateKeyRequest>()?
        .parse()
        .map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    if merchants::merchant(&db, merchant_id).await?.is_none() {
        return Err(ApiError::ResourceMissing { what: "merchant" });
    }
    let (row, key) = new_key(merchant_id, &new)?;
    merchants::commit(
        &db,
        "creating a key",
        vec![merchants::insert_key(&db, &row, &key.hash())?],
    )
    .await?;
    Reply::json(&row.into_object(Some(&key)), 201)
}

/// `DELETE /v1/admin/keys/{id}`: revokes the key; it stops working at once.
pub async fn revoke_key(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let key_id = call.param("id")?;
    let db = Bindings::db(env)?;
    let revoked = merchants::revoke_key(&db, key_id, now()).await?;
    let Some(row) = merchants::key(&db, key_id).await? else {
        return Err(ApiError::ResourceMissing { what: "API key" });
    };
    if !revoked {
        return Err(ApiError::Conflict {
            code: "api_key_already_revoked",
            message: "This API key was already revoked.",
        });
    }
    Reply::json(&row.into_object(None), 200)
}

/// A fresh key for `new` and its row (to insert with the key's hash; the key is shown once).
pub fn new_key(merchant_id: &str, new: &NewKey) -> Result<(KeyRow, ApiKey), ApiError> {
    let mode = if new.livemode { Mode::Live } else { Mode::Test };
    let key = ApiKey::generate(new.kind, mode, random::bytes()?);
    let row = KeyRow {
        id: random::id("key")?,
        merchant_id: merchant_id.to_owned(),
        kind: new.kind.as_str().to_owned(),
        livemode: i64::from(new.livemode),
        last4: key.last4().to_owned(),
        scopes: new.scopes.to_storage(),
        created_at: now(),
        revoked_at: None,
    };
    Ok((row, key))
}
