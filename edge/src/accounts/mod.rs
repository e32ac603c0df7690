//! Merchants, their API keys and checkout settings: `/v1/account`, `/v1/api_keys` and the
//! admin API.

pub mod default_chain;
pub mod keys_query;
pub mod payout;
pub mod settings_read;
pub mod wallet_sql;

#[cfg(target_arch = "wasm32")]
pub mod account;
#[cfg(target_arch = "wasm32")]
pub mod admin;
#[cfg(target_arch = "wasm32")]
pub mod frame_cache;
#[cfg(target_arch = "wasm32")]
pub mod keys;
#[cfg(target_arch = "wasm32")]
pub mod merchants;
#[cfg(target_arch = "wasm32")]
pub mod settings;

use shared::auth::Scope::AccountWrite;

use crate::api::route::{ANY_KEY, Access, PLAIN, Route, SECRET, scoped};
use crate::route;

/// This capability's rows of the routing table (`api::table`).
pub const ROUTES: &[Route] = &[
    route!(GET "/v1/account", ANY_KEY, PLAIN, account::get),
    route!(PATCH "/v1/account", scoped(AccountWrite), PLAIN, account::update),
    route!(GET "/v1/api_keys", Access::SecretKey, PLAIN, keys::list),
    route!(POST "/v1/api_keys", Access::SecretKey, SECRET, keys::create),
    route!(DELETE "/v1/api_keys/{id}", Access::SecretKey, PLAIN, keys::revoke),
    route!(POST "/v1/admin/merchants", Access::Admin, SECRET, admin::create_merchant),
    route!(GET "/v1/admin/merchants/{id}/keys", Access::Admin, PLAIN, admin::list_keys),
    route!(POST "/v1/admin/merchants/{id}/keys", Access::Admin, SECRET, admin::create_key),
    route!(DELETE "/v1/admin/keys/{id}", Access::Admin, PLAIN, admin::revoke_key),
];
