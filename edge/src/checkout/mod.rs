//! Checkout sessions: one order each, paid through its quotes. The customer opens one on a
//! link (or the merchant makes one for an order), quotes an asset on it and polls it; the
//! merchant lists, retrieves, cancels them and redacts their payer data (which the cron
//! sweep erases after the account's retention). Rows, views and statements are pure.

pub mod erase;
pub mod payer_row;
pub mod query;
pub mod quote_row;
pub mod row;
pub mod statements;

#[cfg(target_arch = "wasm32")]
pub mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod opening;
#[cfg(target_arch = "wasm32")]
pub mod public;
#[cfg(target_arch = "wasm32")]
pub mod quoting;
#[cfg(target_arch = "wasm32")]
pub mod retention;
#[cfg(target_arch = "wasm32")]
pub mod store;

use shared::auth::Scope::{SessionsRead, SessionsWrite};

use crate::api::route::{Access, EVENTS, PLAIN, Route, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    // Opening with an asset makes a quote, which records a `checkout_session.quoted` event.
    route!(POST "/v1/public/links/{slug}/sessions", Access::Public, EVENTS, public::create),
    route!(POST "/v1/public/sessions/{id}/quotes", Access::Public, EVENTS, public::quote),
    // A poll checks the chain for its session, which may change its status.
    route!(GET "/v1/public/sessions/{id}", Access::Public, EVENTS, public::get),
    route!(POST "/v1/checkout_sessions", scoped(SessionsWrite), PLAIN, handlers::create),
    route!(GET "/v1/checkout_sessions", scoped(SessionsRead), PLAIN, handlers::list),
    route!(GET "/v1/checkout_sessions/{id}", scoped(SessionsRead), PLAIN, handlers::retrieve),
    route!(POST "/v1/checkout_sessions/{id}/expire", scoped(SessionsWrite), EVENTS, handlers::expire),
    route!(POST "/v1/checkout_sessions/{id}/redact", scoped(SessionsWrite), PLAIN, handlers::redact),
];
