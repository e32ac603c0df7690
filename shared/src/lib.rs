//! Paylink's pure domain and API types, shared by the edge worker and the pay page.
//!
//! Nothing here does I/O or names `worker`, `leptos` or `web-sys`: the crate builds for the
//! host (unit and property tests) and for `wasm32-unknown-unknown` (both front ends).

pub mod api;
pub mod auth;
pub mod bounds;
pub mod chain;
pub mod hd;
pub mod health;
pub mod idn;
pub mod link;
pub mod money;
pub mod payer;
pub mod payout;
pub mod session;
pub mod slug;
pub mod text;
pub mod webhook;
