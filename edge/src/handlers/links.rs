//! `/v1/payment_links`: create, retrieve and list a merchant's payment links.

use shared::api::error::FieldError;
use shared::api::keys::List;
use shared::api::links::{CreateLinkRequest, PaymentLink};
use shared::api::list::{Cursor, ListParams};
use shared::auth::Scope;
use shared::slug::Slug;
use worker::Env;

use crate::credentials::Caller;
use crate::error::ApiError;
use crate::link_query::{self, Filters, Seek};
use crate::link_row::LinkRow;
use crate::random;
use crate::reply::Reply;
use crate::request::Body;
use crate::store::{self, Bindings, links};

/// `POST /v1/payment_links`.
pub async fn create(
    env: &Env,
    caller: &Caller,
    body: &Body,
    origin: &str,
) -> Result<Reply, ApiError> {
    caller.require(Scope::LinksWrite)?;
    let now = store::now();
    let new = body
        .json::<CreateLinkRequest>()?
        .parse(caller.livemode, now)
        .map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    let id = random::id("pl")?;
    let row = match &new.slug {
        Some(slug) => {
            let row = LinkRow::new(id, &caller.merchant_id, caller.livemode, slug, &new, now);
            if !links::insert(&db, &row).await? {
                return Err(ApiError::Conflict {
                    code: "slug_taken",
                    message: "That slug is already in use.",
                });
            }
            row
        }
        None => insert_with_generated_slug(&db, id, caller, &new, now).await?,
    };
    Reply::json(&object(row, origin, now)?, 201)
}

/// Generated slugs end in 24 random bits; a collision is retried with fresh ones.
async fn insert_with_generated_slug(
    db: &worker::D1Database,
    id: String,
    caller: &Caller,
    new: &shared::api::links::NewLink,
    now: i64,
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
        if links::insert(db, &row).await? {
            return Ok(row);
        }
    }
    Err(ApiError::internal(
        "three generated slugs in a row were taken",
    ))
}

/// `GET /v1/payment_links/{id}`.
pub async fn retrieve(
    env: &Env,
    caller: &Caller,
    id: &str,
    origin: &str,
) -> Result<Reply, ApiError> {
    caller.require(Scope::LinksRead)?;
    let db = Bindings::db(env)?;
    let row = links::get(&db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or(ApiError::ResourceMissing {
            what: "payment link",
        })?;
    Reply::json(&object(row, origin, store::now())?, 200)
}

/// `GET /v1/payment_links`: newest first, `limit` per page, cursor by object id.
pub async fn list(
    env: &Env,
    caller: &Caller,
    query: &[(String, String)],
    origin: &str,
) -> Result<Reply, ApiError> {
    caller.require(Scope::LinksRead)?;
    let params = ListParams::parse(query, link_query::FILTERS).map_err(ApiError::Validation)?;
    let filters = Filters::parse(&params).map_err(ApiError::Validation)?;
    let db = Bindings::db(env)?;
    let seek = match &params.cursor {
        Cursor::Start => Seek::First,
        Cursor::After(id) => {
            Seek::After(cursor(&db, caller, id, "starting_after").await?, id.clone())
        }
        Cursor::Before(id) => {
            Seek::Before(cursor(&db, caller, id, "ending_before").await?, id.clone())
        }
    };
    let now = store::now();
    let query = link_query::page(
        &caller.merchant_id,
        caller.livemode,
        &filters,
        &seek,
        params.limit,
        now,
    );
    let mut rows = links::page(&db, &query).await?;
    let has_more = rows.len() > params.limit as usize;
    rows.truncate(params.limit as usize);
    if query.reversed {
        rows.reverse();
    }
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

/// The sort key of the link a cursor names; 400 when it is not the caller's.
async fn cursor(
    db: &worker::D1Database,
    caller: &Caller,
    id: &str,
    param: &str,
) -> Result<i64, ApiError> {
    links::anchor(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError {
                code: "invalid_cursor".into(),
                message: format!("{param} names no payment link of yours."),
                param: param.into(),
            }])
        })
}

fn object(row: LinkRow, origin: &str, now: i64) -> Result<PaymentLink, ApiError> {
    let id = row.id.clone();
    row.into_object(origin, now)
        .map_err(|e| ApiError::internal(format!("payment_links {id}: {e}")))
}
