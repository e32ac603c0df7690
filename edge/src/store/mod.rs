//! Access to the worker's bindings (D1, KV, static assets), one accessor per binding name.

pub mod cron;

use worker::{D1Database, Env, Fetcher, KvStore};

use crate::error::ApiError;

/// Binding names as declared in `wrangler.toml`; changing one here means changing it there.
pub struct Bindings;

impl Bindings {
    pub fn db(env: &Env) -> Result<D1Database, ApiError> {
        env.d1("DB")
            .map_err(|e| ApiError::internal(format!("D1 binding DB: {e}")))
    }

    pub fn cache(env: &Env) -> Result<KvStore, ApiError> {
        env.kv("CACHE")
            .map_err(|e| ApiError::internal(format!("KV binding CACHE: {e}")))
    }

    pub fn assets(env: &Env) -> Result<Fetcher, ApiError> {
        env.assets("ASSETS")
            .map_err(|e| ApiError::internal(format!("assets binding ASSETS: {e}")))
    }
}
