//! Running the worker: configuration from vars, the build version, `/healthz` and the cron
//! sweep.

pub mod config;
pub mod version;

#[cfg(target_arch = "wasm32")]
pub mod cron;
#[cfg(target_arch = "wasm32")]
pub mod cron_store;
#[cfg(target_arch = "wasm32")]
pub mod health;
