//! `/v1/payment_links`: create, retrieve and list a merchant's payment links.

use shared::api::error::FieldError;
use shared::api::keys::List;
use shared::api::links::{CreateLinkRequest, LinkDefaults, NewLink, PaymentLink, needs_chain};
use shared::api::list::ListParams;
use shared::slug::Slug;

use crate::accounts::settings;
use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::links::cache as link_cache;
use crate::links::defaults::offered_assets;
use crate::links::query::{self as link_query, Filters};
use crate::links::row::LinkRow;
use crate::links::store as links;
use crate::links::store::LinkEvent;
use crate::platform::random;
use crate::platform::{self, Bindings};

/// `POST /v1/payment_links`.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let body = &call.body;
    let origin = call.origin.as_str();
    let now = platform::now();
    let request = body.json::<CreateLinkRequest>()?;
    let db = Bindings::db(env)?;
    let new = parse(env, &db, caller, request, now).await?;
    let id = random::id("pl")?;
    let row = match &new.slug {
        Some(slug) => {
            let row = LinkRow::new(id, &caller.merchant_id, caller.livemode, slug, &new, now);
            let event = event("payment_link.created", &row, origin, now)?;
            if !links::insert(&db, &row, &event).await? {
                return Err(ApiError::Conflict {
                    code: "slug_taken",
                    message: "That slug is already in use.",
                });
            }
            row
        }
        None => insert_with_generated_slug(&db, id, caller, &new, now, origin).await?,
    };
    Reply::json(&object(row, origin, now)?, 201)
}

/// Checks a create (or a merged update) with this deployment's and account's defaults for what
/// it leaves out. The account's default chain is read only when the link names none.
async fn parse(
    env: &worker::Env,
    db: &worker::D1Database,
    caller: &Caller,
    request: CreateLinkRequest,
    now: i64,
) -> Result<NewLink, ApiError> {
    let vars = platform::vars(env);
    let chain = if request.chain.is_some() {
        None
    } else {
        settings::default_chain(db, &caller.merchant_id, caller.livemode, &vars).await?
    };
    let offered = |chain| offered_assets(chain, &vars);
    let defaults = LinkDefaults {
        chain,
        assets: &offered,
    };
    request
        .parse(caller.livemode, now, &defaults)
        .map_err(|errors| {
            // Well formed, but not doable until the merchant picks a chain: 422, not 400.
            if needs_chain(&errors) {
                ApiError::Unprocessable(errors)
            } else {
                ApiError::Validation(errors)
            }
        })
}

/// Generated slugs end in 24 random bits; a collision is retried with fresh ones.
async fn insert_with_generated_slug(
    db: &worker::D1Database,
    id: String,
    caller: &Caller,
    new: &NewLink,
    now: i64,
    origin: &str,
) -> Result<LinkRow, ApiError> {
    for _ in 0..3 {
        let suffix: String = random::bytes::<3>()?
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let slug = Slug::from_title(&new.title, &suffix)
            .map_err(|e| ApiError::internal(format!("generated slug is invalid: {e}")))?;
        let row = LinkRow::new(
            id.clone(),
            &caller.merchant_id,
            caller.livemode,
            &slug,
            new,
            now,
        );
        let event = event("payment_link.created", &row, origin, now)?;
        if links::insert(db, &row, &event).await? {
            return Ok(row);
        }
    }
    Err(ApiError::internal(
        "three generated slugs in a row were taken",
    ))
}

/// `GET /v1/payment_links/{id}`.
pub async fn retrieve(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let origin = call.origin.as_str();
    let db = Bindings::db(env)?;
    let row = find(&db, caller, id).await?;
    Reply::json(&object(row, origin, platform::now())?, 200)
}

/// `GET /v1/payment_links`: newest first, `limit` per page, cursor by object id.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let query = call.query.as_slice();
    let origin = call.origin.as_str();
    let params = ListParams::parse(query, link_query::FILTERS).map_err(ApiError::Validation)?;
    let filters = Filters::parse(&params).map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    let db_ref = &db;
    let seek = paging::seek(&params.cursor, "payment link", |id| async move {
        links::anchor(db_ref, &caller.merchant_id, caller.livemode, &id).await
    })
    .await?;
    let now = platform::now();
    let query = link_query::page(
        &caller.merchant_id,
        caller.livemode,
        &filters,
        &seek,
        params.limit,
        now,
    );
    let (rows, has_more) = paging::shown(links::page(&db, &query).await?, params.limit, &seek);
    let data = rows
        .into_iter()
        .map(|row| object(row, origin, now))
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

/// The caller's link `id` in the caller's mode, or the 404 that never reveals another's.
async fn find(db: &worker::D1Database, caller: &Caller, id: &str) -> Result<LinkRow, ApiError> {
    links::get(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or(ApiError::ResourceMissing {
            what: "payment link",
        })
}

/// The outbox event of a write that leaves the link as `row`.
fn event(kind: &'static str, row: &LinkRow, origin: &str, now: i64) -> Result<LinkEvent, ApiError> {
    let data = serde_json::to_string(&object(row.clone(), origin, now)?)
        .map_err(|e| ApiError::internal(format!("event data: {e}")))?;
    Ok(LinkEvent {
        id: random::id("evt")?,
        kind,
        data,
    })
}

fn object(row: LinkRow, origin: &str, now: i64) -> Result<PaymentLink, ApiError> {
    let id = row.id.clone();
    row.into_object(origin, now)
        .map_err(|e| ApiError::internal(format!("payment_links {id}: {e}")))
}

/// `PATCH /v1/payment_links/{id}`: a JSON Merge Patch of the create fields. Absent fields stay,
/// `null` clears (metadata merges key by key), and the result is checked as a create would be.
/// Price changes apply to sessions created afterwards; the slug cannot change.
pub async fn update(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let body = &call.body;
    let origin = call.origin.as_str();
    let patch = body.json::<serde_json::Map<String, serde_json::Value>>()?;
    let db = Bindings::db(env)?;
    let row = find(&db, caller, id).await?;
    if row.archived_at.is_some() {
        return Err(ApiError::Conflict {
            code: "link_archived",
            message: "An archived link cannot change.",
        });
    }
    if patch
        .get("slug")
        .is_some_and(|slug| slug.as_str() != Some(row.slug.as_str()))
    {
        return Err(ApiError::Validation(vec![FieldError {
            code: "slug_immutable".into(),
            message: "A link's slug cannot change: its URL may already be shared.".into(),
            param: "slug".into(),
        }]));
    }
    let patch_value = serde_json::Value::Object(patch.clone());
    // A merge patch's `null` removes a member: one naming no field would pass unseen.
    if let Some(param) =
        shared::api::merge_patch::unknown_removal(&row.request_shape(), &patch_value)
    {
        return Err(crate::api::body::BodyError::UnknownField { param }.into());
    }
    let mut merged = row.to_request_json();
    if let Some(stored) = merged.as_object_mut() {
        shared::payer::request::prepare_merge(stored, &patch);
    }
    shared::api::merge_patch::apply(&mut merged, &patch_value);
    let now = platform::now();
    // A past expiry that the patch leaves alone is not re-checked: the link simply stays expired.
    let kept_expiry = (!patch.contains_key("expires_at"))
        .then_some(row.expires_at)
        .flatten();
    if let (Some(_), Some(object)) = (kept_expiry, merged.as_object_mut()) {
        object.remove("expires_at");
    }
    let request: CreateLinkRequest = crate::api::body::from_value(merged)?;
    let mut new = parse(env, &db, caller, request, now).await?;
    new.expires_at = new.expires_at.or(kept_expiry);
    let updated = row.updated(&new, now);
    let event = event("payment_link.updated", &updated, origin, now)?;
    if !links::update(&db, &updated, &event).await? {
        return Err(ApiError::Conflict {
            code: "link_archived",
            message: "An archived link cannot change.",
        });
    }
    link_cache::forget(&Bindings::cache(env)?, &updated.slug).await;
    Reply::json(&object(updated, origin, now)?, 200)
}

/// `DELETE /v1/payment_links/{id}`: archives the link. Its slug stops resolving; sessions
/// already open stay valid. A second archive is a 409.
pub async fn archive(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let origin = call.origin.as_str();
    let db = Bindings::db(env)?;
    let now = platform::now();
    let current = find(&db, caller, id).await?;
    let after = LinkRow {
        archived_at: current.archived_at.or(Some(now)),
        updated_at: now,
        ..current
    };
    let event = event("payment_link.archived", &after, origin, now)?;
    let archived =
        links::archive(&db, &caller.merchant_id, caller.livemode, id, now, &event).await?;
    let row = find(&db, caller, id).await?;
    if !archived {
        return Err(ApiError::Conflict {
            code: "link_already_archived",
            message: "This link was already archived.",
        });
    }
    link_cache::forget(&Bindings::cache(env)?, &row.slug).await;
    Reply::json(&object(row, origin, now)?, 200)
}
