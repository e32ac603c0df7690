//! The cron sweep: records each tick in D1 so `/healthz` can show the scheduler is alive.

use worker::{Date, Env, console_error, console_log};

use crate::store::{self, Bindings};

pub async fn run(cron: &str, env: &Env) {
    let now = (Date::now().as_millis() / 1000) as i64;
    let outcome = match Bindings::db(env) {
        Ok(db) => store::cron::record_tick(&db, cron, now).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => console_log!("scheduled: tick for {cron} at {now}"),
        Err(e) => console_error!("scheduled: recording the tick for {cron} failed: {e:?}"),
    }
}
