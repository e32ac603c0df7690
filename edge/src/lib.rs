//! The Paylink edge worker: routes the API, the pay page and the cron sweep.
//!
//! Pure parts (routing table, errors, version) compile and test on the host; the parts that
//! touch `worker` bindings compile only for wasm32, where the `worker` crate exists.

// A panic aborts the whole isolate and every request in it: errors must be values.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod body;
pub mod config;
pub mod credentials;
pub mod delivery_policy;
pub mod detect;
pub mod endpoint_row;
pub mod error;
pub mod idempotency;
pub mod inline_data;
pub mod link_query;
pub mod link_row;
pub mod paging;
pub mod prices;
pub mod quota;
pub mod reply;
pub mod routes;
pub mod rpc;
pub mod session_query;
pub mod session_row;
pub mod version;
pub mod wallet_sql;

#[cfg(target_arch = "wasm32")]
mod auth;
#[cfg(target_arch = "wasm32")]
mod deliver;
#[cfg(target_arch = "wasm32")]
mod dispatch;
#[cfg(target_arch = "wasm32")]
mod entry;
#[cfg(target_arch = "wasm32")]
mod handlers;
#[cfg(target_arch = "wasm32")]
mod outbound;
#[cfg(target_arch = "wasm32")]
mod price_feed;
#[cfg(target_arch = "wasm32")]
mod random;
#[cfg(target_arch = "wasm32")]
mod request;
#[cfg(target_arch = "wasm32")]
mod respond;
#[cfg(target_arch = "wasm32")]
mod rpc_client;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod watcher;
