//! `idempotency_keys`: claiming a key, storing the answer, and replaying it.

use serde::Deserialize;
use worker::D1Database;
use worker::wasm_bindgen::JsValue;

use crate::api::error::ApiError;
use crate::api::idempotency::{Decision, Stored, TTL_SECS, decide};
use crate::api::reply::Reply;

/// One request's idempotency key, within its merchant (and mode) or the admin scope.
#[derive(Debug, Clone)]
pub struct Claim {
    pub scope: String,
    pub key: String,
    pub fingerprint: String,
}

/// What the request does next.
pub enum Begin {
    /// This request holds the key: run it, then [`finish`].
    Proceed,
    /// A finished earlier request: answer with its reply.
    Replay(Reply),
}

fn js(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn changed(result: &worker::D1Result) -> Result<bool, ApiError> {
    let meta = result
        .meta()
        .map_err(|e| ApiError::internal(format!("D1 meta: {e}")))?;
    Ok(meta.and_then(|m| m.changes).unwrap_or(0) > 0)
}

/// A key and fingerprint to claim inside the authentication batch, before the scope is known
/// (it is the API key's): see `idempotency::claim_by_api_key_sql`.
pub struct EarlyClaim {
    pub key: String,
    pub fingerprint: String,
    pub now: i64,
}

/// What the authentication batch did with an [`EarlyClaim`].
pub enum Begun {
    /// This request holds the key.
    Claimed,
    /// The key was stored already: what a repeat gets is decided from it.
    Stored(Stored),
}

impl EarlyClaim {
    /// The claim and the read after it, to run after the key lookup in its batch.
    pub fn statements(
        &self,
        db: &D1Database,
        hash: &str,
    ) -> Result<Vec<worker::D1PreparedStatement>, ApiError> {
        let bind = |e| ApiError::internal(format!("binding idempotency claim: {e}"));
        let claim = db
            .prepare(crate::api::idempotency::claim_by_api_key_sql())
            .bind(&[
                hash.into(),
                self.key.as_str().into(),
                self.fingerprint.as_str().into(),
                js(self.now),
            ])
            .map_err(bind)?;
        let load = db
            .prepare(crate::api::idempotency::load_by_api_key_sql())
            .bind(&[hash.into(), self.key.as_str().into()])
            .map_err(bind)?;
        Ok(vec![claim, load])
    }

    /// Frees this claim, taken for the API key with hash `hash`, of a request refused before
    /// it ran.
    pub async fn release(&self, db: &D1Database, hash: &str) -> Result<(), ApiError> {
        db.prepare(crate::api::idempotency::release_by_api_key_sql())
            .bind(&[hash.into(), self.key.as_str().into()])
            .map_err(|e| ApiError::internal(format!("binding idempotency release: {e}")))?
            .run()
            .await
            .map_err(|e| ApiError::internal(format!("idempotency release: {e}")))?;
        Ok(())
    }

    /// Reads the results of [`EarlyClaim::statements`]; `None` when nothing was claimed or
    /// stored (an unknown or revoked API key).
    pub fn begun(
        claimed: &worker::D1Result,
        loaded: &worker::D1Result,
    ) -> Result<Option<Begun>, ApiError> {
        if changed(claimed)? {
            return Ok(Some(Begun::Claimed));
        }
        let rows: Vec<Row> = loaded
            .results()
            .map_err(|e| ApiError::internal(format!("idempotency load: {e}")))?;
        Ok(rows
            .into_iter()
            .next()
            .map(|row| Begun::Stored(row.stored())))
    }
}

/// [`begin`] after the authentication batch already claimed the key or read it: no round
/// trip when it claimed, or when the stored key decides (a replay, a refusal).
pub async fn begin_after(
    db: &D1Database,
    claim: &Claim,
    begun: Begun,
    now: i64,
) -> Result<Begin, ApiError> {
    match begun {
        Begun::Claimed => Ok(Begin::Proceed),
        Begun::Stored(stored) => match decide(&stored, &claim.fingerprint, now) {
            Decision::Replay(reply) => Ok(Begin::Replay(reply)),
            Decision::Refuse(error) => Err(error),
            // Rare: the slow path clears or takes over the stored claim, conditionally.
            Decision::Expired | Decision::TakeOver => begin(db, claim, now).await,
        },
    }
}

/// Claims the key or decides what a repeat gets. Conditional writes make two concurrent
/// requests with one key see one claim between them.
pub async fn begin(db: &D1Database, claim: &Claim, now: i64) -> Result<Begin, ApiError> {
    // Two rounds: an expired or vanished row is cleared in the first and claimed in the second.
    for _ in 0..2 {
        let inserted = db
            .prepare(
                "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (scope, key) DO NOTHING",
            )
            .bind(&[
                claim.scope.as_str().into(),
                claim.key.as_str().into(),
                claim.fingerprint.as_str().into(),
                js(now),
            ])
            .map_err(|e| ApiError::internal(format!("binding idempotency claim: {e}")))?
            .run()
            .await
            .map_err(|e| ApiError::internal(format!("idempotency claim: {e}")))?;
        if changed(&inserted)? {
            return Ok(Begin::Proceed);
        }
        let Some(stored) = load(db, claim).await? else {
            continue;
        };
        match decide(&stored, &claim.fingerprint, now) {
            Decision::Replay(reply) => return Ok(Begin::Replay(reply)),
            Decision::Refuse(error) => return Err(error),
            Decision::Expired => {
                run(db, "DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND created_at = ?3", claim, stored.created_at, None).await?;
            }
            Decision::TakeOver => {
                let sql = "UPDATE idempotency_keys SET created_at = ?4 \
                           WHERE scope = ?1 AND key = ?2 AND created_at = ?3 AND status IS NULL";
                return if run(db, sql, claim, stored.created_at, Some(now)).await? {
                    Ok(Begin::Proceed)
                } else {
                    Err(ApiError::IdempotencyKeyInProgress)
                };
            }
        }
    }
    Err(ApiError::IdempotencyKeyInProgress)
}

/// Stores the answer for replay.
pub async fn finish(db: &D1Database, claim: &Claim, reply: &Reply) -> Result<(), ApiError> {
    db.prepare(
        "UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE scope = ?1 AND key = ?2",
    )
    .bind(&[
        claim.scope.as_str().into(),
        claim.key.as_str().into(),
        JsValue::from(reply.status),
        reply.body.as_str().into(),
    ])
    .map_err(|e| ApiError::internal(format!("binding idempotency finish: {e}")))?
    .run()
    .await
    .map_err(|e| ApiError::internal(format!("idempotency finish: {e}")))?;
    Ok(())
}

/// Frees the key after a server error, so a retry with it runs again.
pub async fn release(db: &D1Database, claim: &Claim) -> Result<(), ApiError> {
    db.prepare("DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND status IS NULL")
        .bind(&[claim.scope.as_str().into(), claim.key.as_str().into()])
        .map_err(|e| ApiError::internal(format!("binding idempotency release: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("idempotency release: {e}")))?;
    Ok(())
}

/// Deletes keys past their replay window; run by the cron sweep.
pub async fn prune(db: &D1Database, now: i64) -> Result<(), ApiError> {
    db.prepare("DELETE FROM idempotency_keys WHERE created_at <= ?1")
        .bind(&[js(now - TTL_SECS)])
        .map_err(|e| ApiError::internal(format!("binding idempotency prune: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("idempotency prune: {e}")))?;
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    fingerprint: String,
    created_at: i64,
    status: Option<u16>,
    response: Option<String>,
}

async fn load(db: &D1Database, claim: &Claim) -> Result<Option<Stored>, ApiError> {
    let row: Option<Row> = db
        .prepare("SELECT fingerprint, created_at, status, response FROM idempotency_keys WHERE scope = ?1 AND key = ?2")
        .bind(&[claim.scope.as_str().into(), claim.key.as_str().into()])
        .map_err(|e| ApiError::internal(format!("binding idempotency load: {e}")))?
        .first(None)
        .await
        .map_err(|e| ApiError::internal(format!("idempotency load: {e}")))?;
    Ok(row.map(Row::stored))
}

impl Row {
    fn stored(self) -> Stored {
        Stored {
            fingerprint: self.fingerprint,
            created_at: self.created_at,
            reply: match (self.status, self.response) {
                (Some(status), Some(body)) => Some(Reply { status, body }),
                _ => None,
            },
        }
    }
}

/// Runs a conditional statement over (scope, key, created_at[, now]); whether a row changed.
async fn run(
    db: &D1Database,
    sql: &str,
    claim: &Claim,
    created_at: i64,
    now: Option<i64>,
) -> Result<bool, ApiError> {
    let mut args = vec![
        claim.scope.as_str().into(),
        claim.key.as_str().into(),
        js(created_at),
    ];
    if let Some(now) = now {
        args.push(js(now));
    }
    let result = db
        .prepare(sql)
        .bind(&args)
        .map_err(|e| ApiError::internal(format!("binding idempotency update: {e}")))?
        .run()
        .await
        .map_err(|e| ApiError::internal(format!("idempotency update: {e}")))?;
    changed(&result)
}
