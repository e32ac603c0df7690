//! Payment links: the merchant's CRUD, what a create leaves out (`defaults`), the public read
//! the pay page uses, the list query and its status conditions, the stored row, and the KV
//! cache in front of public reads.

pub mod defaults;
pub mod query;
pub mod row;
pub mod status_sql;

#[cfg(target_arch = "wasm32")]
pub mod cache;
#[cfg(target_arch = "wasm32")]
pub mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod public;
#[cfg(target_arch = "wasm32")]
pub mod store;

use shared::auth::Scope::{LinksRead, LinksWrite};

use crate::api::route::{Access, EVENTS, PLAIN, Route, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(GET "/v1/public/links/{slug}", Access::Public, PLAIN, public::link),
    route!(POST "/v1/payment_links", scoped(LinksWrite), EVENTS, handlers::create),
    route!(GET "/v1/payment_links", scoped(LinksRead), PLAIN, handlers::list),
    route!(GET "/v1/payment_links/{id}", scoped(LinksRead), PLAIN, handlers::retrieve),
    route!(PATCH "/v1/payment_links/{id}", scoped(LinksWrite), EVENTS, handlers::update),
    route!(DELETE "/v1/payment_links/{id}", scoped(LinksWrite), EVENTS, handlers::archive),
];
