//! Payment links: the merchant's CRUD, the public read the pay page uses, the list query, the
//! stored row, and the KV cache in front of public reads.

pub mod query;
pub mod row;

#[cfg(target_arch = "wasm32")]
pub mod cache;
#[cfg(target_arch = "wasm32")]
pub mod handlers;
#[cfg(target_arch = "wasm32")]
pub mod public;
#[cfg(target_arch = "wasm32")]
pub mod store;
