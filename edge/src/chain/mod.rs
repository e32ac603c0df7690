//! Payment detection on EVM chains: JSON-RPC batches (pure), what their answers mean (pure),
//! how a session is judged from its quotes (pure), the client that sends them, and the
//! watcher that writes status changes to D1.

pub mod credits;
pub mod detect;
pub mod judging;
pub mod query;
pub mod rpc;
pub mod scan;

#[cfg(target_arch = "wasm32")]
pub mod batch;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod head_scan;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod watcher;
