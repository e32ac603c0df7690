//! Webhooks: endpoints and their secrets, events in an outbox written with their change,
//! signed deliveries with retries, and the delivery log.

pub mod endpoint_row;
pub mod policy;

#[cfg(target_arch = "wasm32")]
pub mod deliver;
#[cfg(target_arch = "wasm32")]
pub mod deliveries_store;
#[cfg(target_arch = "wasm32")]
pub mod endpoints;
#[cfg(target_arch = "wasm32")]
pub mod endpoints_store;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod events_store;
#[cfg(target_arch = "wasm32")]
pub mod outbox;
