//! `/v1/events`, the delivery log of an endpoint (what happened, and how it was delivered),
//! and the test ping that checks a receiver without a payment.

use shared::api::error::FieldError;
use shared::api::events::{Delivery, DeliveryAttempt};
use shared::api::keys::List;
use shared::api::list::ListParams;
use shared::webhook::endpoint::listed_event_types;

use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::platform::{self, Bindings};
use crate::webhooks::deliveries_query as delivery_query;
use crate::webhooks::deliveries_store::{self as deliveries, AttemptRow, LogRow};
use crate::webhooks::endpoints_store as endpoints;
use crate::webhooks::events_store as events;
use crate::webhooks::outbox;

fn missing_event() -> ApiError {
    ApiError::ResourceMissing { what: "event" }
}

/// `GET /v1/events/{id}` (scope `webhooks:read`).
pub async fn retrieve(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(env)?;
    let row = events::get(&db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or_else(missing_event)?;
    Reply::json(&row.into_event()?, 200)
}

/// `GET /v1/events`: newest first, filter `type`.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let query = call.query.as_slice();
    let params = ListParams::parse(query, &["type", "object_id"]).map_err(ApiError::Validation)?;
    let kind = params.filter("type");
    let listed = listed_event_types();
    if kind.is_some_and(|k| !listed.contains(&k)) {
        return Err(ApiError::Validation(vec![FieldError {
            code: "invalid_filter".into(),
            message: format!("type is one of {}.", listed.join(", ")),
            param: "type".into(),
        }]));
    }
    let db = Bindings::db(env)?;
    let db_ref = &db;
    let seek = paging::seek(&params.cursor, "event", |id| async move {
        let row = events::get(db_ref, &caller.merchant_id, caller.livemode, &id).await?;
        Ok(row.map(|r| r.created_at))
    })
    .await?;
    let rows = events::page(
        &db,
        &caller.merchant_id,
        caller.livemode,
        kind,
        params.filter("object_id"),
        &seek,
        params.limit,
    )
    .await?;
    let (rows, has_more) = paging::shown(rows, params.limit, &seek);
    let data = rows
        .into_iter()
        .map(events::EventRow::into_event)
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

async fn endpoint_of(db: &worker::D1Database, caller: &Caller, id: &str) -> Result<(), ApiError> {
    endpoints::get(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .map(|_| ())
        .ok_or(ApiError::ResourceMissing {
            what: "webhook endpoint",
        })
}

fn delivery(row: LogRow, attempts: &[AttemptRow]) -> Delivery {
    Delivery {
        attempts: attempts
            .iter()
            .filter(|a| a.delivery_id == row.id)
            .map(|a| DeliveryAttempt {
                attempt: a.attempt,
                status_code: a.status_code,
                duration_ms: a.duration_ms,
                response_body: a.response_body.clone(),
                error: a.error.clone(),
                attempted_at: a.attempted_at,
            })
            .collect(),
        id: row.id,
        object: "webhook_delivery".into(),
        event: row.event_id,
        event_type: row.event_type,
        endpoint: row.endpoint_id,
        status: row.status,
        next_attempt_at: row.next_attempt_at,
        created_at: row.created_at,
    }
}

/// `GET /v1/webhook_endpoints/{id}/deliveries`: newest first, each with its attempts, cursor
/// paged like every list (`limit`, default 25; the cursors are delivery ids of this endpoint)
/// (scope `webhooks:read`). One D1 round trip: the endpoint, the cursor and the page are one
/// batch.
pub async fn deliveries(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let endpoint = call.param("id")?;
    let params =
        ListParams::parse_with_default(&call.query, &[], delivery_query::LOG_DEFAULT_LIMIT)
            .map_err(ApiError::Validation)?;
    let page = delivery_query::log_page(
        &caller.merchant_id,
        caller.livemode,
        endpoint,
        &params.cursor,
        params.limit,
    );
    let read = deliveries::log(&Bindings::db(&call.env)?, &page).await?;
    if !read.endpoint_found {
        return Err(ApiError::ResourceMissing {
            what: "webhook endpoint",
        });
    }
    let seek = paging::resolved(&params.cursor, "webhook delivery", read.cursor_at)?;
    let (rows, has_more) = paging::shown(read.deliveries, params.limit, &seek);
    let data: Vec<Delivery> = rows
        .into_iter()
        .map(|row| delivery(row, &read.attempts))
        .collect();
    Reply::json(
        &List {
            object: "list".into(),
            has_more,
            data,
        },
        200,
    )
}

/// `POST /v1/webhook_endpoints/{id}/deliveries/{delivery}/retry`: sends it again now, whatever
/// its status (scope `webhooks:write`). 202: the attempt happens right after the answer.
pub async fn retry(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let endpoint = call.param("id")?;
    let id = call.param("delivery")?;
    let db = Bindings::db(env)?;
    endpoint_of(&db, caller, endpoint).await?;
    if !deliveries::requeue(&db, endpoint, id, platform::now()).await? {
        return Err(ApiError::ResourceMissing {
            what: "webhook delivery",
        });
    }
    // The delivery itself, not the newest 100: an older one is redelivered too.
    let (rows, attempts) = deliveries::one(&db, endpoint, id).await?;
    let row = rows
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::internal(format!("delivery {id} vanished")))?;
    Reply::json(&delivery(row, &attempts), 202)
}

/// `POST /v1/webhook_endpoints/{id}/test` (scope `webhooks:write`): a signed `test.ping` event
/// to this endpoint only, whatever it subscribes to, delivered right after the answer (and
/// retried as any delivery). Its data is the endpoint, without its secret.
pub async fn test(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let endpoint = call.param("id")?;
    let db = Bindings::db(env)?;
    let row = endpoints::get(&db, &caller.merchant_id, caller.livemode, endpoint)
        .await?
        .ok_or(ApiError::ResourceMissing {
            what: "webhook endpoint",
        })?;
    let disabled = ApiError::Conflict {
        code: "endpoint_disabled",
        message: "This endpoint is disabled: enable it (PATCH {\"enabled\": true}) to test it.",
    };
    if row.enabled == 0 {
        return Err(disabled);
    }
    let data = serde_json::to_string(&row.into_object(false))
        .map_err(|e| ApiError::internal(format!("test event data: {e}")))?;
    let event_id = crate::platform::random::id("evt")?;
    let delivery_id = crate::platform::random::id("whd")?;
    let statements = outbox::test_ping(
        &db,
        (&event_id, &delivery_id),
        endpoint,
        &data,
        platform::now(),
    )?;
    db.batch(statements)
        .await
        .map_err(|e| ApiError::internal(format!("test event: {e}")))?;
    // Read by its id, not found among the newest: deliveries of the same second sort by id,
    // so the ping need not be the first of the log, and it must be answered however many
    // came with it.
    let (rows, attempts) = deliveries::one(&db, endpoint, &delivery_id).await?;
    // Disabled between the read and the batch: nothing was recorded.
    let row = rows
        .into_iter()
        .find(|r| r.id == delivery_id)
        .ok_or(disabled)?;
    Reply::json(&delivery(row, &attempts), 202)
}
