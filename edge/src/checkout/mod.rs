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
