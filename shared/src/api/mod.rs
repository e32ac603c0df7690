//! Wire types of the HTTP API: what crosses JSON between the worker and its clients.

pub mod account;
pub mod asset_list;
pub mod error;
pub mod events;
pub mod json_guard;
pub mod keys;
pub mod links;
pub mod list;
pub mod merge_patch;
pub mod objects_only;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod public;
pub mod sessions;
pub mod sweeps;
