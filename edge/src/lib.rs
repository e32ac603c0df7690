//! The Paylink edge worker: routes the API, the pay page and the cron sweep.
//!
//! One folder per capability (links, checkout, accounts, prices, chain, webhooks, pages, ops),
//! each holding its routes, handlers, rows, queries and D1 statements; `api` is the pipeline
//! every API request goes through and `platform` the Worker's bindings. Pure parts compile and
//! test on the host; the parts that touch `worker` bindings compile only for wasm32, where the
//! `worker` crate exists. ARCHITECTURE.md at the root is the map.

// A panic aborts the whole isolate and every request in it: errors must be values.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod accounts;
pub mod api;
pub mod chain;
pub mod checkout;
pub mod links;
pub mod ops;
pub mod pages;
pub mod platform;
pub mod prices;
pub mod sweeps;
pub mod webhooks;

#[cfg(target_arch = "wasm32")]
mod entry;
