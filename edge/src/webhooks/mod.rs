//! Webhooks: endpoints and their secrets, events in an outbox written with their change,
//! signed deliveries with retries, and the delivery log.

pub mod deliveries_query;
pub mod endpoint_row;
pub mod endpoints_query;
pub mod policy;

#[cfg(target_arch = "wasm32")]
pub mod deliver;
#[cfg(target_arch = "wasm32")]
pub mod deliveries_store;
#[cfg(target_arch = "wasm32")]
pub mod endpoints;
#[cfg(target_arch = "wasm32")]
pub mod endpoints_store;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod events_store;
#[cfg(target_arch = "wasm32")]
pub mod outbox;

use shared::auth::Scope::{WebhooksRead, WebhooksWrite};

use crate::api::route::{EVENTS, PLAIN, Route, SECRET, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(POST "/v1/webhook_endpoints", scoped(WebhooksWrite), SECRET, endpoints::create),
    route!(GET "/v1/webhook_endpoints", scoped(WebhooksRead), PLAIN, endpoints::list),
    route!(GET "/v1/webhook_endpoints/{id}", scoped(WebhooksRead), PLAIN, endpoints::retrieve),
    route!(PATCH "/v1/webhook_endpoints/{id}", scoped(WebhooksWrite), PLAIN, endpoints::update),
    route!(DELETE "/v1/webhook_endpoints/{id}", scoped(WebhooksWrite), PLAIN, endpoints::delete),
    route!(POST "/v1/webhook_endpoints/{id}/rotate_secret", scoped(WebhooksWrite), SECRET, endpoints::rotate_secret),
    route!(POST "/v1/webhook_endpoints/{id}/test", scoped(WebhooksWrite), EVENTS, events::test),
    route!(GET "/v1/webhook_endpoints/{id}/deliveries", scoped(WebhooksRead), PLAIN, events::deliveries),
    route!(POST "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry", scoped(WebhooksWrite), EVENTS, events::retry),
    route!(GET "/v1/events", scoped(WebhooksRead), PLAIN, events::list),
    route!(GET "/v1/events/{id}", scoped(WebhooksRead), PLAIN, events::retrieve),
];
