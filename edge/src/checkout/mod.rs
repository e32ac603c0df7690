//! Checkout sessions: the customer opens one on a link and polls it; the merchant lists,
//! retrieves and expires them. Pricing a new session and its wire objects are pure.

pub mod query;
pub mod row;

#[cfg(target_arch = "wasm32")]
pub mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod public;
#[cfg(target_arch = "wasm32")]
pub mod store;

use shared::auth::Scope::{SessionsRead, SessionsWrite};

use crate::api::route::{Access, EVENTS, PLAIN, Route, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(POST "/v1/public/links/{slug}/sessions", Access::Public, PLAIN, public::create),
    // A poll checks the chain for its session, which may change its status.
    route!(GET "/v1/public/sessions/{id}", Access::Public, EVENTS, public::get),
    route!(GET "/v1/checkout_sessions", scoped(SessionsRead), PLAIN, handlers::list),
    route!(GET "/v1/checkout_sessions/{id}", scoped(SessionsRead), PLAIN, handlers::retrieve),
    route!(POST "/v1/checkout_sessions/{id}/expire", scoped(SessionsWrite), PLAIN, handlers::expire),
];
