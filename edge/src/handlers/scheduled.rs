//! The cron sweep: records each tick in D1 so `/healthz` can show the scheduler is alive.

use worker::{Env, console_error, console_log};

use crate::store::{self, Bindings};

pub async fn run(cron: &str, env: &Env) {
    let now = store::now();
    let outcome = match Bindings::db(env) {
        Ok(db) => store::cron::record_tick(&db, cron, now).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => console_log!("scheduled: tick for {cron} at {now}"),
        Err(e) => console_error!("scheduled: recording the tick for {cron} failed: {e:?}"),
    }
}
