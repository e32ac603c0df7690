//! `GET /healthz`: build version and whether D1 and KV answer, probed on every call, and each
//! chain's node as the watcher last found it.

use shared::health::{ChainCheck, Check, CheckStatus, Checks, Health};
use worker::{Date, Env, console_error};

use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::ops::version::build_version;
use crate::platform::Bindings;

pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let (d1, last_scheduled_at) = probe_d1(env).await;
    let kv = probe_kv(env).await;
    let mut health = Health::new(build_version(), Checks { d1, kv }, last_scheduled_at);
    health.chains = chains(env).await;
    Reply::json(&health, health.http_status())
}

/// Reads the last cron tick: one query proves D1 answers and feeds `last_scheduled_at`.
async fn probe_d1(env: &Env) -> (Check, Option<i64>) {
    let started = Date::now().as_millis();
    let result = match Bindings::db(env) {
        Ok(db) => crate::ops::cron_store::last_tick(&db).await,
        Err(e) => Err(e),
    };
    let took = Date::now().as_millis().saturating_sub(started);
    match result {
        Ok(last) => (Check::ok(took), last),
        Err(e) => {
            console_error!("healthz: D1 probe failed: {e:?}");
            (Check::error(took), None)
        }
    }
}

/// Reads a key that need not exist: a `None` answer still proves KV is reachable.
async fn probe_kv(env: &Env) -> Check {
    let started = Date::now().as_millis();
    let result = match Bindings::cache(env) {
        Ok(kv) => kv
            .get("healthz:probe")
            .text()
            .await
            .map(|_| ())
            .map_err(|e| ApiError::internal(format!("KV get healthz:probe: {e}"))),
        Err(e) => Err(e),
    };
    let took = Date::now().as_millis().saturating_sub(started);
    match result {
        Ok(()) => Check::ok(took),
        Err(e) => {
            console_error!("healthz: KV probe failed: {e:?}");
            Check::error(took)
        }
    }
}

/// The watcher's last check of each chain; empty (and logged) when D1 cannot say.
async fn chains(env: &Env) -> Vec<ChainCheck> {
    let rows = match Bindings::db(env) {
        Ok(db) => crate::chain::store::chains(&db).await,
        Err(e) => Err(e),
    };
    match rows {
        Ok(rows) => rows
            .into_iter()
            .map(|row| ChainCheck {
                chain: row.chain,
                status: if row.ok == 1 {
                    CheckStatus::Ok
                } else {
                    CheckStatus::Error
                },
                head_block: row.head_block.and_then(|h| u64::try_from(h).ok()),
                checked_at: row.checked_at,
            })
            .collect(),
        Err(e) => {
            console_error!("healthz: chain checks: {e:?}");
            Vec::new()
        }
    }
}
