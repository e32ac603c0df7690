//! The Worker's bindings (D1, KV, static assets), one accessor per binding name; vars; the
//! clock; built queries run as one D1 batch.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result, Date, Env, Fetcher, KvStore};

use crate::api::error::ApiError;
use crate::platform::sql::{Arg, Query};

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

/// The worker's text vars (and secrets) by name, for `crate::ops::config`.
pub fn vars(env: &Env) -> impl Fn(&str) -> Option<String> + '_ {
    move |name: &str| {
        env.var(name)
            .ok()
            .or_else(|| env.secret(name).ok())
            .map(|v| v.to_string())
    }
}

/// A query argument as D1 binds it.
pub fn js(arg: &Arg) -> JsValue {
    match arg {
        Arg::Text(text) => JsValue::from_str(text),
        // Unix seconds, counts and flags: exact as JS numbers.
        Arg::Int(n) => JsValue::from_f64(*n as f64),
    }
}

/// Built queries (such as `in_list`'s chunks) as statements, for one D1 batch.
pub fn prepared(
    db: &D1Database,
    queries: &[Query],
    what: &str,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    queries
        .iter()
        .map(|q| {
            let args: Vec<_> = q.args.iter().map(js).collect();
            db.prepare(&q.sql)
                .bind(&args)
                .map_err(|e| ApiError::internal(format!("binding {what}: {e}")))
        })
        .collect()
}

/// The rows of one built query (a list page), in one round trip.
pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    query: &Query,
    what: &str,
) -> Result<Vec<T>, ApiError> {
    let args: Vec<JsValue> = query.args.iter().map(js).collect();
    db.prepare(&query.sql)
        .bind(&args)
        .map_err(|e| ApiError::internal(format!("binding {what}: {e}")))?
        .all()
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))?
        .results()
        .map_err(|e| ApiError::internal(format!("{what} rows: {e}")))
}

/// The rows of built queries, run as one D1 batch: one round trip however many chunks.
pub async fn rows<T: DeserializeOwned>(
    db: &D1Database,
    queries: &[Query],
    what: &str,
) -> Result<Vec<T>, ApiError> {
    if queries.is_empty() {
        return Ok(Vec::new());
    }
    let results = db
        .batch(prepared(db, queries, what)?)
        .await
        .map_err(|e| ApiError::internal(format!("{what}: {e}")))?;
    let mut all = Vec::new();
    for result in results {
        all.extend(
            result
                .results::<T>()
                .map_err(|e| ApiError::internal(format!("{what} rows: {e}")))?,
        );
    }
    Ok(all)
}

/// The `created_at` a page's cursor lookup found in its batch (`None`: no such row, which
/// `api::paging::resolved` answers as a 400).
pub fn sort_key(result: &D1Result) -> Result<Option<i64>, ApiError> {
    #[derive(Deserialize)]
    struct SortKey {
        created_at: i64,
    }
    let rows: Vec<SortKey> = result
        .results()
        .map_err(|e| ApiError::internal(format!("cursor lookup rows: {e}")))?;
    Ok(rows.first().map(|r| r.created_at))
}

/// The current time in unix seconds, as stored in D1.
pub fn now() -> i64 {
    (Date::now().as_millis() / 1000) as i64
}

/// The text of a static asset (from `dist/`), or an internal error naming what was missing.
pub async fn asset_text(env: &Env, path: &str) -> Result<String, ApiError> {
    let mut response = Bindings::assets(env)?
        .fetch(format!("https://assets.invalid{path}"), None)
        .await
        .map_err(|e| ApiError::internal(format!("fetching asset {path}: {e}")))?;
    if response.status_code() != 200 {
        return Err(ApiError::internal(format!(
            "asset {path} answered {}: is dist/ built?",
            response.status_code()
        )));
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::internal(format!("reading asset {path}: {e}")))
}
