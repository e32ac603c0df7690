//! Running the worker: configuration from vars, the build version, `/healthz` and the cron
//! sweep.

pub mod config;
pub mod version;

#[cfg(target_arch = "wasm32")]
pub mod cron;
#[cfg(target_arch = "wasm32")]
pub mod cron_store;
#[cfg(target_arch = "wasm32")]
pub mod health;

use crate::api::route::{Access, PLAIN, Route};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[route!(GET "/healthz", Access::Public, PLAIN, health::get)];
