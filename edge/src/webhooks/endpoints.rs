//! `/v1/webhook_endpoints`: where a merchant's events are delivered, and the secret that signs them.

use serde::Serialize;
use shared::api::error::FieldError;
use shared::api::keys::List;
use shared::api::list::ListParams;
use shared::webhook::SigningSecret;
use shared::webhook::endpoint::{
    CreateEndpointRequest, LIST_DEFAULT_LIMIT, UpdateEndpointRequest, check_events, check_url,
};
use worker::Env;

use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::platform::random;
use crate::platform::{self, Bindings};
use crate::webhooks::endpoint_row::EndpointRow;
use crate::webhooks::endpoints_query;
use crate::webhooks::endpoints_store as endpoints;

/// After a rotation the previous secret keeps signing for this long, so receivers can switch.
const ROTATION_OVERLAP_SECS: i64 = 24 * 60 * 60;

fn checked_url(url: &str, livemode: bool) -> Result<String, FieldError> {
    check_url(url, livemode)
        .map(String::from)
        .map_err(|e| FieldError {
            code: e.code().into(),
            message: format!("{e}."),
            param: "url".into(),
        })
}

fn checked_description(description: Option<String>) -> Result<Option<String>, FieldError> {
    let description = description
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        return Err(FieldError {
            code: "description_too_long".into(),
            message: "description has at most 500 characters.".into(),
            param: "description".into(),
        });
    }
    if let Some(d) = &description {
        shared::text::check("description", d, shared::text::Lines::Many)?;
    }
    Ok(description)
}

async fn find(
    env: &Env,
    caller: &Caller,
    id: &str,
) -> Result<(worker::D1Database, EndpointRow), ApiError> {
    let db = Bindings::db(env)?;
    let row = endpoints::get(&db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or(ApiError::ResourceMissing {
            what: "webhook endpoint",
        })?;
    Ok((db, row))
}

/// `POST /v1/webhook_endpoints`: the secret is in this answer and never again.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let body = &call.body;
    let request: CreateEndpointRequest = body.json()?;
    let mut errors = Vec::new();
    let url = checked_url(&request.url, caller.livemode)
        .map_err(|e| errors.push(e))
        .ok();
    let events = check_events(&request.enabled_events)
        .map_err(|list| errors.extend(list))
        .ok();
    let description = checked_description(request.description)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(url), Some(events), Some(description)) = (url, events, description) else {
        return Err(ApiError::Validation(errors));
    };
    let now = platform::now();
    let row = EndpointRow {
        id: random::id("we")?,
        merchant_id: caller.merchant_id.clone(),
        livemode: i64::from(caller.livemode),
        url,
        enabled_events: events.join(" "),
        description,
        enabled: 1,
        secret: SigningSecret::generate(random::bytes()?).reveal(),
        previous_secret: None,
        previous_secret_until: None,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        disabled_reason: None,
    };
    endpoints::insert(&Bindings::db(env)?, &row).await?;
    Reply::json(&row.into_object(true), 201)
}

/// `GET /v1/webhook_endpoints`: newest first, cursor paged like every list (100 a page unless
/// `limit` says otherwise), never a secret. One D1 round trip: the cursor's lookup and the
/// page are one batch.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let params = ListParams::parse_with_default(&call.query, &[], LIST_DEFAULT_LIMIT)
        .map_err(ApiError::Validation)?;
    let page = endpoints_query::page(
        &caller.merchant_id,
        caller.livemode,
        &params.cursor,
        params.limit,
    );
    let (cursor_at, rows) = endpoints::page(&Bindings::db(&call.env)?, &page).await?;
    let seek = paging::resolved(&params.cursor, "webhook endpoint", cursor_at)?;
    let (rows, has_more) = paging::shown(rows, params.limit, &seek);
    Reply::json(
        &List {
            object: "list".into(),
            data: rows.into_iter().map(|row| row.into_object(false)).collect(),
            has_more,
        },
        200,
    )
}

/// `GET /v1/webhook_endpoints/{id}`.
pub async fn retrieve(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let (_, row) = find(env, caller, id).await?;
    Reply::json(&row.into_object(false), 200)
}

/// `PATCH /v1/webhook_endpoints/{id}`: only the fields sent change.
pub async fn update(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let body = &call.body;
    let request: UpdateEndpointRequest = body.json()?;
    let (db, mut row) = find(env, caller, id).await?;
    let mut errors = Vec::new();
    if let Some(url) = &request.url {
        match checked_url(url, caller.livemode) {
            Ok(url) => row.url = url,
            Err(e) => errors.push(e),
        }
    }
    if let Some(events) = &request.enabled_events {
        match check_events(events) {
            Ok(events) => row.enabled_events = events.join(" "),
            Err(list) => errors.extend(list),
        }
    }
    if let Some(description) = request.description {
        match checked_description(description) {
            Ok(description) => row.description = description,
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if let Some(enabled) = request.enabled {
        row.enabled = i64::from(enabled);
        if enabled {
            // Enabled again by the merchant: a fresh start, not three days of old failures.
            row.disabled_reason = None;
        }
    }
    row.updated_at = platform::now();
    if !endpoints::update(&db, &row).await? {
        return Err(ApiError::ResourceMissing {
            what: "webhook endpoint",
        });
    }
    Reply::json(&row.into_object(false), 200)
}

#[derive(Serialize)]
struct Deleted {
    id: String,
    object: &'static str,
    deleted: bool,
}

/// `DELETE /v1/webhook_endpoints/{id}`: no more deliveries go there.
pub async fn delete(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let (db, row) = find(env, caller, id).await?;
    if !endpoints::delete(&db, &row.id, platform::now()).await? {
        return Err(ApiError::ResourceMissing {
            what: "webhook endpoint",
        });
    }
    Reply::json(
        &Deleted {
            id: row.id,
            object: "webhook_endpoint",
            deleted: true,
        },
        200,
    )
}

/// `POST /v1/webhook_endpoints/{id}/rotate_secret`: a new secret, shown once; the previous one
/// keeps signing for 24 hours so the receiver can switch without missing a delivery.
pub async fn rotate_secret(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let (db, mut row) = find(env, caller, id).await?;
    let now = platform::now();
    row.previous_secret = Some(std::mem::replace(
        &mut row.secret,
        SigningSecret::generate(random::bytes()?).reveal(),
    ));
    row.previous_secret_until = Some(now + ROTATION_OVERLAP_SECS);
    row.updated_at = now;
    if !endpoints::update(&db, &row).await? {
        return Err(ApiError::ResourceMissing {
            what: "webhook endpoint",
        });
    }
    Reply::json(&row.into_object(true), 200)
}
