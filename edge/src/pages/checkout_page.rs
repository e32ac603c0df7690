//! `GET /c/{id}`: the hosted page of a checkout session, the `url` the merchant sends the
//! customer to. The same shell and bundle as `/l/{slug}`, with the session inlined as
//! `GET /v1/public/sessions/{id}` would answer it (without a chain check: the page's first
//! poll does that), framed only where the merchant allows, 404 when no session has the id. The
//! payer form starts with the email the merchant gave the session (`customer_email`).

use shared::api::account::frame_policy;
use worker::{Response, console_error};

use crate::accounts::settings;
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::checkout::store as sessions;
use crate::ops::config;
use crate::pages::inline_data::{insert_before_head_end, session_element};
use crate::pages::pay_page::respond;
use crate::pages::payer_form::Prefill;
use crate::pages::shell::{self, Subject};
use crate::platform::{self, Bindings};

pub async fn get(call: Call) -> Result<Response, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    let page = platform::asset_text(env, "/").await?;
    let embed = shell::is_embed(&call.query);
    let db = Bindings::db(env)?;
    let found = if id.starts_with("cs_") && id.len() <= 64 {
        sessions::public(&db, id).await?
    } else {
        None
    };
    let Some((session, names)) = found else {
        let html = with_session(&page, None, embed, &Prefill::default());
        return respond(404, &frame_policy(&[], true), html);
    };
    let livemode = session.row.livemode == 1;
    let checkout = settings::get(&db, &session.row.merchant_id, livemode).await?;
    let policy = frame_policy(&checkout.frame_ancestors, livemode);
    let prefill = Prefill {
        email: session.row.customer_email.clone(),
        ..Prefill::default()
    };
    let chain = session.row.chain().map_err(ApiError::internal)?;
    let confirmations = config::chain(&platform::vars(env), chain)
        .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?
        .confirmations;
    let public = match session.into_public(names.merchant_name, names.link_slug, confirmations) {
        Ok(public) => public,
        Err(e) => {
            // The API could not show it either: the page says payments are unavailable.
            console_error!("checkout page {id}: not inlined: {e}");
            return respond(200, &policy, page);
        }
    };
    respond(
        200,
        &policy,
        with_session(&page, Some(&public), embed, &prefill),
    )
}

/// The shell rewritten for the session with it inlined, or `null` inlined when there is none.
fn with_session(
    page: &str,
    session: Option<&shared::api::sessions::PublicSession>,
    embed: bool,
    prefill: &Prefill,
) -> String {
    let json = serde_json::to_string(&session).unwrap_or_else(|_| "null".into());
    let page = shell::rewrite(page, Subject::Checkout(session), embed, prefill);
    insert_before_head_end(&page, &session_element(&json)).unwrap_or(page)
}
