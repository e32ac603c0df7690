//! The cron sweep: prunes ended rate-limit windows and expired idempotency keys, records each
//! tick in D1 (so `/healthz` can show the scheduler is alive), checks watched sessions, erases
//! payer data past its retention, and sends due webhook deliveries.

use worker::{Env, console_error, console_log};

use crate::platform::{self, Bindings};

pub async fn run(cron: &str, env: &Env) {
    let now = platform::now();
    let outcome = match Bindings::db(env) {
        Ok(db) => {
            let pruned = crate::api::rate_limits::prune(&db, now).await;
            let expired = crate::api::idempotency_store::prune(&db, now).await;
            crate::ops::cron_store::record_tick(&db, cron, now)
                .await
                .and(pruned)
                .and(expired)
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => console_log!("scheduled: tick for {cron} at {now}"),
        Err(e) => console_error!("scheduled: recording the tick for {cron} failed: {e:?}"),
    }
    if let Err(e) = crate::chain::watcher::sweep(env).await {
        console_error!("scheduled: the watcher sweep failed: {e:?}");
    }
    // After the watcher, so a session it just ended is erased on this tick when retention is 0.
    let retention = match Bindings::db(env) {
        Ok(db) => crate::checkout::retention::sweep(&db, platform::now()).await,
        Err(e) => Err(e),
    };
    match retention {
        Ok(0) => {}
        Ok(n) => console_log!("scheduled: erased the payer data of {n} sessions"),
        Err(e) => console_error!("scheduled: the payer data sweep failed: {e:?}"),
    }
    if let Err(e) = crate::webhooks::deliver::run(env).await {
        console_error!("scheduled: webhook deliveries failed: {e:?}");
    }
}
