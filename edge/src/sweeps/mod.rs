//! Payout mode's sweeps: which deposit addresses hold funds, and the ready-to-sign factory
//! transactions that move them to their payout address. No key on the server.

pub mod plan;

#[cfg(target_arch = "wasm32")]
pub mod handlers;

use shared::auth::Scope::{AccountWrite, SessionsRead};

use crate::api::route::{PLAIN, Route, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(GET "/v1/sweeps", scoped(SessionsRead), PLAIN, handlers::list),
    route!(POST "/v1/sweeps", scoped(AccountWrite), PLAIN, handlers::create),
];
