//! One module per route family; API handlers return a [`Reply`] or an [`ApiError`].

use worker::Env;

use crate::accounts::{account, admin};
use crate::api::openapi;
use crate::checkout::{handlers as checkout_sessions, public as sessions};
use crate::links::{handlers as links, public};
use crate::ops::health;
use crate::webhooks::{endpoints, events};

use crate::api::error::ApiError;
use crate::api::pipeline::Principal;
use crate::api::reply::Reply;
use crate::api::request::Body;
use crate::api::route::Route;

/// What handlers may need of the request besides its body.
pub struct RequestParts {
    /// Scheme and host the request came to, for URLs in answers (`url` of a link).
    pub origin: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// The client's IP as Cloudflare reports it (`CF-Connecting-IP`), or `unknown`.
    pub client: String,
}

/// Runs the handler of an API route; access was checked by the pipeline.
pub async fn api(
    route: Route,
    principal: &Principal,
    body: &Body,
    parts: &RequestParts,
    env: &Env,
) -> Result<Reply, ApiError> {
    match route {
        Route::Health => health::get(env).await,
        Route::OpenApi => openapi::get(env).await,
        Route::Account => account::get(env, principal.merchant()?).await,
        Route::UpdateAccount => account::update(env, principal.merchant()?, body).await,
        Route::PublicLink(slug) => public::link(env, &slug).await,
        Route::CreateSession(slug) => sessions::create(env, &slug, body, &parts.client).await,
        Route::PublicSession(id) => sessions::get(env, &id).await,
        Route::ListSessions => {
            checkout_sessions::list(env, principal.merchant()?, &parts.query).await
        }
        Route::GetSession(id) => checkout_sessions::retrieve(env, principal.merchant()?, &id).await,
        Route::ListEvents => events::list(env, principal.merchant()?, &parts.query).await,
        Route::GetEvent(id) => events::retrieve(env, principal.merchant()?, &id).await,
        Route::ListDeliveries(id) => {
            events::deliveries(env, principal.merchant()?, &id, &parts.query).await
        }
        Route::RetryDelivery(endpoint, id) => {
            events::retry(env, principal.merchant()?, &endpoint, &id).await
        }
        Route::ExpireSession(id) => {
            checkout_sessions::expire(env, principal.merchant()?, &id).await
        }
        Route::CreateEndpoint => endpoints::create(env, principal.merchant()?, body).await,
        Route::ListEndpoints => endpoints::list(env, principal.merchant()?).await,
        Route::GetEndpoint(id) => endpoints::retrieve(env, principal.merchant()?, &id).await,
        Route::UpdateEndpoint(id) => endpoints::update(env, principal.merchant()?, &id, body).await,
        Route::DeleteEndpoint(id) => endpoints::delete(env, principal.merchant()?, &id).await,
        Route::RotateEndpointSecret(id) => {
            endpoints::rotate_secret(env, principal.merchant()?, &id).await
        }
        Route::CreateLink => links::create(env, principal.merchant()?, body, &parts.origin).await,
        Route::ListLinks => {
            links::list(env, principal.merchant()?, &parts.query, &parts.origin).await
        }
        Route::GetLink(id) => links::retrieve(env, principal.merchant()?, &id, &parts.origin).await,
        Route::UpdateLink(id) => {
            links::update(env, principal.merchant()?, &id, body, &parts.origin).await
        }
        Route::ArchiveLink(id) => {
            links::archive(env, principal.merchant()?, &id, &parts.origin).await
        }
        Route::AdminCreateMerchant => admin::create_merchant(env, body).await,
        Route::AdminListKeys(id) => admin::list_keys(env, &id).await,
        Route::AdminCreateKey(id) => admin::create_key(env, &id, body).await,
        Route::AdminRevokeKey(id) => admin::revoke_key(env, &id).await,
        Route::PayPage(_) => Err(ApiError::internal("the pay page reached the API handlers")),
    }
}
