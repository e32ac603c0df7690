//! The cron sweep: prunes ended rate-limit windows and expired idempotency keys, records each
//! tick in D1 (so `/healthz` can show the scheduler is alive), checks watched sessions, erases
//! payer data past its retention, and sends due webhook deliveries.

use futures_util::future::{join, join3};
use worker::{Env, console_error, console_log};

use crate::api::error::ApiError;
use crate::chain::watcher;
use crate::platform::{self, Bindings};

pub async fn run(cron: &str, env: &Env) {
    let now = platform::now();
    // The housekeeping writes and the watcher touch different rows: they go to D1 together,
    // so the tick waits for one round trip where it waited for four.
    let (outcome, watched) = join(housekeeping(cron, env, now), watcher::sweep(env)).await;
    match outcome {
        Ok(()) => console_log!("scheduled: tick for {cron} at {now}"),
        Err(e) => console_error!("scheduled: recording the tick for {cron} failed: {e:?}"),
    }
    if let Err(e) = watched {
        console_error!("scheduled: the watcher sweep failed: {e:?}");
    }
    // After the watcher, so a session it just ended is erased on this tick when retention is
    // 0, and beside the deliveries: a session whose events are still being delivered waits
    // for a later tick (`checkout::erase::due`).
    let (retention, delivered) = join(
        async {
            let db = Bindings::db(env)?;
            crate::checkout::retention::sweep(&db, platform::now()).await
        },
        crate::webhooks::deliver::run(env),
    )
    .await;
    match retention {
        Ok(0) => {}
        Ok(n) => console_log!("scheduled: erased the payer data of {n} sessions"),
        Err(e) => console_error!("scheduled: the payer data sweep failed: {e:?}"),
    }
    if let Err(e) = delivered {
        console_error!("scheduled: webhook deliveries failed: {e:?}");
    }
}

/// Prunes ended rate-limit windows and expired idempotency keys, and records the tick.
async fn housekeeping(cron: &str, env: &Env, now: i64) -> Result<(), ApiError> {
    let db = Bindings::db(env)?;
    let (pruned, expired, recorded) = join3(
        crate::api::rate_limits::prune(&db, now),
        crate::api::idempotency_store::prune(&db, now),
        crate::ops::cron_store::record_tick(&db, cron, now),
    )
    .await;
    recorded.and(pruned).and(expired)
}
