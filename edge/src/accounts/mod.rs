//! Merchants, their API keys and checkout settings: `/v1/account` and the admin API.

#[cfg(target_arch = "wasm32")]
pub mod account;
#[cfg(target_arch = "wasm32")]
pub mod admin;
#[cfg(target_arch = "wasm32")]
pub mod merchants;
#[cfg(target_arch = "wasm32")]
pub mod settings;
