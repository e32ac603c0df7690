//! Authenticates a request's API key against D1.

use shared::auth::{ApiKey, KeyKind};
use worker::{D1Database, Env, Request};

use crate::accounts::merchants::{self, KeyRow};
use crate::api::credentials::{self, Caller};
use crate::api::error::ApiError;
use crate::api::idempotency_store::{Begun, EarlyClaim};
use crate::api::quota::Quota;
use crate::platform;

/// The caller behind the request's bearer key (401 when missing, unknown or revoked), with
/// this request counted against the key's rate limit (429 once it is used up).
/// With `early`, the request's idempotency key is claimed in the same round trip; a refused
/// request lets go of a claim it took, so on `Err` it holds none.
pub async fn caller(
    req: &Request,
    env: &Env,
    db: &D1Database,
    early: Option<&EarlyClaim>,
) -> Result<(Caller, Quota, Option<Begun>), ApiError> {
    let header = req.headers().get("authorization").ok().flatten();
    let key = credentials::api_key(header.as_deref())?;
    let now = platform::now();
    let window = Quota::window_start(now);
    let hash = key.hash();
    let (row, used, begun) = merchants::key_and_count(db, &hash, window, early).await?;
    match admit(env, &key, row, used, now) {
        Ok((caller, quota)) => Ok((caller, quota, begun)),
        Err(refused) => {
            if let (Some(early), Some(Begun::Claimed)) = (early, &begun) {
                early.release(db, hash.as_str()).await?;
            }
            Err(refused)
        }
    }
}

fn admit(
    env: &Env,
    key: &ApiKey,
    row: Option<KeyRow>,
    used: Option<u32>,
    now: i64,
) -> Result<(Caller, Quota), ApiError> {
    let Some(row) = row else {
        return Err(ApiError::ApiKeyInvalid);
    };
    if row.revoked_at.is_some() {
        return Err(ApiError::ApiKeyRevoked);
    }
    let kind = KeyKind::parse(&row.kind)
        .ok_or_else(|| ApiError::internal(format!("api_keys {} has kind {}", row.id, row.kind)))?;
    // The key's text names its mode and kind; the row must agree, or the row is corrupt.
    if kind != key.kind() || (row.livemode == 1) != key.mode().is_live() {
        return Err(ApiError::internal(format!(
            "api_keys {} disagrees with its key",
            row.id
        )));
    }
    let configured = env.var("RATE_LIMIT_PER_MINUTE").ok().map(|v| v.to_string());
    let limit = Quota::parse_limit(configured.as_deref());
    let used = used.ok_or_else(|| ApiError::internal("rate_limits upsert returned no row"))?;
    let quota = Quota::new(limit, used, now);
    if quota.exceeded() {
        return Err(ApiError::RateLimited(quota));
    }
    let caller = Caller {
        scopes: row.scopes()?,
        key_id: row.id,
        merchant_id: row.merchant_id,
        livemode: row.livemode == 1,
        kind,
    };
    Ok((caller, quota))
}

/// Admits the request to the admin API, or says why not.
pub fn admin(req: &Request, env: &Env) -> Result<(), ApiError> {
    let header = req.headers().get("authorization").ok().flatten();
    let configured = env.secret("ADMIN_TOKEN").ok().map(|s| s.to_string());
    credentials::check_admin(header.as_deref(), configured.as_deref())
}
