//! `/v1/api_keys`: a merchant manages its own keys with a secret key (the routing table refuses
//! restricted ones), always in the calling key's mode; secrets are shown once, at creation.

use shared::api::keys::{CreateRestrictedKeyRequest, List, NewKey};
use shared::api::list::ListParams;
use shared::auth::KeyKind;

use crate::accounts::admin;
use crate::accounts::keys_query;
use crate::accounts::merchants;
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::platform::{Bindings, now};

/// `GET /v1/api_keys`: the mode's keys, newest first, revoked ones too, never a secret.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let params = ListParams::parse(&call.query, &[]).map_err(ApiError::Validation)?;
    let db = Bindings::db(&call.env)?;
    let db_ref = &db;
    let seek = paging::seek(&params.cursor, "API key", |id| async move {
        let row = merchants::key_of(db_ref, &caller.merchant_id, caller.livemode, &id).await?;
        Ok(row.map(|r| r.created_at))
    })
    .await?;
    let query = keys_query::page(&caller.merchant_id, caller.livemode, &seek, params.limit);
    let rows = merchants::key_page(&db, &query).await?;
    let (rows, has_more) = paging::shown(rows, params.limit, &seek);
    Reply::json(
        &List {
            object: "list".into(),
            data: rows.into_iter().map(|row| row.into_object(None)).collect(),
            has_more,
        },
        200,
    )
}

/// `POST /v1/api_keys`: a restricted key with the scopes asked for, its secret in this answer
/// only. Secret keys come from the operator (the admin API), so one leaked restricted key, or
/// a dashboard session, can never widen what the merchant's keys may do.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let scopes = call
        .body
        .json::<CreateRestrictedKeyRequest>()?
        .parse()
        .map_err(ApiError::Validation)?;
    let new = NewKey {
        kind: KeyKind::Restricted,
        livemode: caller.livemode,
        scopes,
    };
    let db = Bindings::db(&call.env)?;
    let (row, key) = admin::new_key(&caller.merchant_id, &new)?;
    merchants::commit(
        &db,
        "creating a restricted key",
        vec![merchants::insert_key(&db, &row, &key.hash())?],
    )
    .await?;
    Reply::json(&row.into_object(Some(&key)), 201)
}

/// `DELETE /v1/api_keys/{id}`: revokes one of the mode's keys at once; never the calling key.
pub async fn revoke(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(&call.env)?;
    let Some(mut row) = merchants::key_of(&db, &caller.merchant_id, caller.livemode, id).await?
    else {
        return Err(ApiError::ResourceMissing { what: "API key" });
    };
    keys_query::may_revoke(caller, &row.id, row.revoked_at)?;
    let at = now();
    if !merchants::revoke_key(&db, &row.id, at).await? {
        // Revoked by another request between the read and this write.
        keys_query::may_revoke(caller, &row.id, Some(at))?;
    }
    row.revoked_at = Some(at);
    Reply::json(&row.into_object(None), 200)
}
