//! Wire types of the HTTP API: what crosses JSON between the worker and its clients.

pub mod error;
pub mod keys;
pub mod links;
pub mod list;
#[cfg(feature = "openapi")]
pub mod openapi;
