//! `/v1/checkout_sessions`: the merchant's view of sessions: list, retrieve, expire.

use shared::api::keys::List;
use shared::api::list::ListParams;
use shared::api::sessions::CheckoutSession;

use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::checkout::query::{self as session_query, Filters};
use crate::checkout::row::SessionRow;
use crate::checkout::store as sessions;
use crate::platform::{self, Bindings};

fn missing() -> ApiError {
    ApiError::ResourceMissing {
        what: "checkout session",
    }
}

fn object(row: SessionRow) -> Result<CheckoutSession, ApiError> {
    row.into_checkout().map_err(ApiError::internal)
}

async fn find(db: &worker::D1Database, caller: &Caller, id: &str) -> Result<SessionRow, ApiError> {
    sessions::get(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or_else(missing)
}

/// `GET /v1/checkout_sessions/{id}`.
pub async fn retrieve(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(env)?;
    Reply::json(&object(find(&db, caller, id).await?)?, 200)
}

/// `GET /v1/checkout_sessions`: newest first, filtered by `payment_link` and `status`.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let query = call.query.as_slice();
    let params = ListParams::parse(query, session_query::FILTERS).map_err(ApiError::Validation)?;
    let filters = Filters::parse(&params).map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    let db_ref = &db;
    let seek = paging::seek(&params.cursor, "checkout session", |id| async move {
        sessions::anchor(db_ref, &caller.merchant_id, caller.livemode, &id).await
    })
    .await?;
    let query = session_query::page(
        &caller.merchant_id,
        caller.livemode,
        &filters,
        &seek,
        params.limit,
    );
    let (rows, has_more) = paging::shown(sessions::page(&db, &query).await?, params.limit, &seek);
    let data = rows
        .into_iter()
        .map(object)
        .collect::<Result<Vec<_>, _>>()?;
    Reply::json(
        &List {
            object: "list".into(),
            data,
            has_more,
        },
        200,
    )
}

/// `POST /v1/checkout_sessions/{id}/expire`: ends an open session with nothing received, so
/// its quote can no longer be paid on time. Status `canceled`.
pub async fn expire(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(env)?;
    let row = find(&db, caller, id).await?;
    let status = row.status().map_err(ApiError::internal)?;
    let received = row.received().map_err(ApiError::internal)?;
    if status.cancel(received).is_err() || !sessions::cancel(&db, id, platform::now()).await? {
        return Err(ApiError::Conflict {
            code: "session_not_open",
            message: "Only an open session with nothing received can be expired.",
        });
    }
    Reply::json(&object(find(&db, caller, id).await?)?, 200)
}
