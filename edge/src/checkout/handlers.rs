//! `/v1/checkout_sessions`: the merchant's sessions: create a one-time checkout, list,
//! retrieve, expire (cancel), redact the payer's data.

use shared::api::error::FieldError;
use shared::api::keys::List;
use shared::api::links::needs_chain;
use shared::api::list::ListParams;
use shared::api::sessions::open::charged;
use shared::api::sessions::{CheckoutSession, CreateCheckoutRequest, LinkTemplate, Offer};
use shared::chain::Chain;
use shared::payer::Payer;

use crate::accounts::settings;
use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::paging;
use crate::api::reply::Reply;
use crate::checkout::public::payable;
use crate::checkout::query::{self as session_query, Filters};
use crate::checkout::row::{Opening, Session, SessionRow};
use crate::checkout::store as sessions;
use crate::links::defaults::offered_assets;
use crate::links::store as links;
use crate::ops::config;
use crate::platform::{self, Bindings, random};
use crate::webhooks::outbox;

fn missing() -> ApiError {
    ApiError::ResourceMissing {
        what: "checkout session",
    }
}

fn object(session: Session) -> Result<CheckoutSession, ApiError> {
    session.into_checkout().map_err(ApiError::internal)
}

async fn find(db: &worker::D1Database, caller: &Caller, id: &str) -> Result<Session, ApiError> {
    sessions::get(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or_else(missing)
}

fn link_refused(code: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        code: code.into(),
        message: message.into(),
        param: "payment_link".into(),
    }])
}

/// The link a checkout is made from, as a template; it must be the merchant's and payable.
async fn template(
    db: &worker::D1Database,
    caller: &Caller,
    id: &str,
    now: i64,
) -> Result<LinkTemplate, ApiError> {
    let link = links::get(db, &caller.merchant_id, caller.livemode, id)
        .await?
        .ok_or_else(|| link_refused("payment_link_not_found", "No payment link has this id."))?;
    if link.archived_at.is_some() {
        return Err(link_refused(
            "payment_link_archived",
            "This payment link is archived.",
        ));
    }
    payable(&link, now)?;
    let form = link.form().map_err(ApiError::internal)?;
    Ok(LinkTemplate {
        pricing: link.pricing().map_err(ApiError::internal)?,
        assets: link.accepted_assets().map_err(ApiError::internal)?,
        chain: Chain::parse(&link.chain).ok_or_else(|| {
            ApiError::internal(format!("link {} has chain {}", link.id, link.chain))
        })?,
        title: link.title,
        description: link.description,
        form,
        success_url: link.success_url,
        cancel_url: link.cancel_url,
        id: link.id,
    })
}

/// `POST /v1/checkout_sessions`: a one-time checkout, open, without a quote yet.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let caller = call.merchant()?;
    let request = call.body.json::<CreateCheckoutRequest>()?;
    let db = Bindings::db(env)?;
    let now = platform::now();
    let template = match &request.payment_link {
        Some(id) => Some(template(&db, caller, id, now).await?),
        None => None,
    };
    let vars = platform::vars(env);
    // The account's default chain is read only when neither the request nor a link names one.
    let default_chain = match (&request.chain, &template) {
        (None, None) => {
            settings::default_chain(&db, &caller.merchant_id, caller.livemode, &vars).await?
        }
        _ => None,
    };
    let assets_on = |chain: Chain| offered_assets(chain, &vars);
    let offer = Offer {
        livemode: caller.livemode,
        now,
        default_chain,
        assets_on: &assets_on,
    };
    let new = request.parse(template.as_ref(), &offer).map_err(|errors| {
        // Well formed, but not doable until the merchant picks a chain: 422, as for links.
        if needs_chain(&errors) {
            ApiError::Unprocessable(errors)
        } else {
            ApiError::Validation(errors)
        }
    })?;
    let timing = config::timing(&vars)
        .map_err(|e| ApiError::internal(format!("timing configuration: {e}")))?;
    // The customer starts at the least quantity the form allows, with the merchant's email.
    let mut payer = Payer::starting(&new.form);
    payer.customer.email = new.customer_email;
    let fiat = charged(new.fiat, &payer).map_err(|e| ApiError::Validation(vec![e]))?;
    let row = SessionRow::open(Opening {
        id: random::id("cs")?,
        merchant_id: caller.merchant_id.clone(),
        link_id: new.link_id,
        livemode: caller.livemode,
        fiat,
        assets: new.assets,
        chain: new.chain,
        origin: call.origin.clone(),
        title: new.title,
        description: new.description,
        client_reference_id: new.client_reference_id,
        metadata: new.metadata.to_json(),
        success_url: new.success_url,
        cancel_url: new.cancel_url,
        expires_at: new.expires_at,
        timing,
        now,
        form: new.form,
        unit: new.fiat,
        payer,
    });
    sessions::run(&db, vec![sessions::insert(&db, &row)?]).await?;
    let session = Session {
        row,
        quotes: Vec::new(),
    };
    Reply::json(&object(session)?, 201)
}

/// `GET /v1/checkout_sessions/{id}`.
pub async fn retrieve(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(&call.env)?;
    Reply::json(&object(find(&db, caller, id).await?)?, 200)
}

/// `GET /v1/checkout_sessions`: newest first, filtered by `payment_link`, `status` and
/// `client_reference_id`.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let query = call.query.as_slice();
    let params = ListParams::parse(query, session_query::FILTERS).map_err(ApiError::Validation)?;
    let filters = Filters::parse(&params).map_err(ApiError::Validation)?;
    let db = Bindings::db(&call.env)?;
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

const CANCELED: &str = "checkout_session.canceled";

/// `POST /v1/checkout_sessions/{id}/expire`: ends an open session with nothing received,
/// so none of its quotes can be paid on time: status `canceled`, and its event.
pub async fn expire(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(&call.env)?;
    let session = find(&db, caller, id).await?;
    let status = session.row.status().map_err(ApiError::internal)?;
    let seen: u128 = session
        .standings()
        .map_err(ApiError::internal)?
        .iter()
        .map(|q| q.seen)
        .sum();
    let not_open = ApiError::Conflict {
        code: "session_not_open",
        message: "Only an open session with nothing received can be expired.",
    };
    if status.cancel(seen).is_err() {
        return Err(not_open);
    }
    let now = platform::now();
    let token = random::id("evt")?;
    // The session as `sessions::cancel` leaves it: the answer and the event show it unread.
    let mut after = session.clone();
    after.row.status = "canceled".into();
    after.row.canceled_at = Some(now);
    after.row.updated_at = now;
    if after.quotes.is_empty() {
        after.row.watch_until = now;
    }
    let shown = object(after)?;
    let data = serde_json::to_string(&shown)
        .map_err(|e| ApiError::internal(format!("event data: {e}")))?;
    let mut statements = vec![sessions::cancel(&db, &session.row, &token, now)?];
    statements.extend(outbox::session_event(
        &db,
        &token,
        id,
        Some(CANCELED),
        &data,
        now,
    )?);
    if sessions::run(&db, statements).await?.first() != Some(&1) {
        return Err(not_open);
    }
    Reply::json(&shown, 200)
}

/// `POST /v1/checkout_sessions/{id}/redact`: erases the payer's data at once, from the session
/// and every copy (its events' payloads, what receivers answered to their deliveries, stored
/// replays); the events stay. Again: the same answer, the first time kept.
pub async fn redact(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let id = call.param("id")?;
    let db = Bindings::db(&call.env)?;
    // Another merchant's session is a 404 before anything is written.
    find(&db, caller, id).await?;
    crate::checkout::retention::erase_now(&db, &[id.to_owned()], platform::now()).await?;
    Reply::json(&object(find(&db, caller, id).await?)?, 200)
}
