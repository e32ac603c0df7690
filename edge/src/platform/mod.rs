//! The Worker's platform: its bindings (D1, KV, static assets), one accessor per binding name,
//! its vars, the clock, randomness, outbound HTTP with a deadline, and statements kept within
//! D1's bound on parameters, and the invocation meter that counts D1, KV and fetches and
//! enforces the plan's per-invocation limits.

pub mod in_list;
pub mod meter;
pub mod sql;

#[cfg(target_arch = "wasm32")]
mod bindings;
#[cfg(target_arch = "wasm32")]
pub mod outbound;
#[cfg(target_arch = "wasm32")]
pub mod random;

#[cfg(target_arch = "wasm32")]
pub use bindings::*;
