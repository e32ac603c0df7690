//! The API pipeline every request goes through: the routing table, authentication, scopes,
//! rate limits, idempotency, the body, the reply and the one error shape.

pub mod body;
pub mod credentials;
pub mod error;
pub mod idempotency;
pub mod openapi;
pub mod paging;
pub mod quota;
pub mod reply;
pub mod route;
pub mod table;

#[cfg(target_arch = "wasm32")]
pub mod auth;
#[cfg(target_arch = "wasm32")]
pub mod call;
#[cfg(target_arch = "wasm32")]
pub mod idempotency_store;
#[cfg(target_arch = "wasm32")]
pub mod pipeline;
#[cfg(target_arch = "wasm32")]
pub mod rate_limits;
#[cfg(target_arch = "wasm32")]
pub mod request;
#[cfg(target_arch = "wasm32")]
pub mod respond;

use crate::api::route::{Access, PLAIN, Route};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[route!(GET "/v1/openapi.json", Access::Public, PLAIN, openapi::get)];
