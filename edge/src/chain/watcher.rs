//! The chain watcher: checks sessions against their chain and writes what changed. Run by the
//! cron sweep for every watched session, and by the pay page's poll for its own session.

use std::collections::BTreeSet;

use shared::chain::Chain;
use shared::session::reversal::Notice;
use worker::{D1Database, Env, console_error, console_log, console_warn};

use crate::api::error::ApiError;
use crate::chain::client as rpc_client;
use crate::chain::detect::{self, CHUNK, Outcome};
use crate::chain::store::{self as watch, LinkLimits};
use crate::checkout::row::SessionRow;
use crate::links::cache as link_cache;
use crate::ops::config;
use crate::platform::random;
use crate::platform::{self, Bindings};
use crate::webhooks::outbox;

/// Sessions per cron sweep; the longest unchecked go first, so all get their turn.
const SWEEP_LIMIT: u32 = 400;

/// The event of a reorg that took a paid session's confirmed money (its type is not a status).
const PAYMENT_REVERSED: &str = "checkout_session.payment_reversed";

/// What one round of checks did, for the log and the benchmark.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    pub checked: usize,
    pub changed: usize,
    pub rpc_requests: usize,
    pub failed_chains: usize,
}

/// The session as the API will show it after `outcome`, as event data.
fn event_data(row: &SessionRow, outcome: &Outcome, now: i64) -> Result<String, ApiError> {
    let after = SessionRow {
        status: outcome.status.as_str().into(),
        amount_received: outcome.amount_received.clone(),
        amount_confirmed: outcome.amount_confirmed.clone(),
        amount_reversed: outcome.amount_reversed.clone(),
        payments: outcome.payments.clone(),
        paid_at: outcome.paid_at,
        updated_at: now,
        ..row.clone()
    };
    let object = after.into_checkout().map_err(ApiError::internal)?;
    serde_json::to_string(&object).map_err(|e| ApiError::internal(format!("event data: {e}")))
}

/// The cron sweep: every watched session, up to [`SWEEP_LIMIT`], with retries.
pub async fn sweep(env: &Env) -> Result<Report, ApiError> {
    let db = Bindings::db(env)?;
    let now = platform::now();
    let (rows, links) = watch::due(&db, now, SWEEP_LIMIT).await?;
    let report = check(env, &db, rows, &links, 2, now).await?;
    console_log!(
        "watcher: checked {} sessions, {} changed, {} JSON-RPC requests, {} chains failed",
        report.checked,
        report.changed,
        report.rpc_requests,
        report.failed_chains
    );
    Ok(report)
}

/// Checks `rows` now against their links' `links`. A chain whose node fails leaves its
/// sessions exactly as they were.
pub async fn check(
    env: &Env,
    db: &D1Database,
    rows: Vec<SessionRow>,
    links: &[LinkLimits],
    retries: u32,
    now: i64,
) -> Result<Report, ApiError> {
    let vars = platform::vars(env);
    let timing = config::timing(&vars)
        .map_err(|e| ApiError::internal(format!("timing configuration: {e}")))?;
    let mut report = Report::default();
    let mut sold: BTreeSet<String> = BTreeSet::new();
    for chain in Chain::ALL {
        let mine: Vec<&SessionRow> = rows.iter().filter(|r| r.chain == chain.name()).collect();
        if mine.is_empty() {
            continue;
        }
        let settings = config::chain(&vars, chain)
            .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?;
        let Some(url) = settings.rpc_url.clone() else {
            console_warn!(
                "watcher: {} sessions on {chain}, which has no RPC_URL",
                mine.len()
            );
            continue;
        };
        report.rpc_requests += 1;
        let head = match rpc_client::head(&url, retries).await {
            Ok(head) => head,
            Err(e) => {
                console_error!("watcher: {chain} head: {e}");
                report.failed_chains += 1;
                watch::record_chain(db, chain.name(), None, now).await?;
                continue;
            }
        };
        let mut failed = false;
        for chunk in mine.chunks(CHUNK) {
            let plan = detect::plan(chunk, head, settings.confirmations)
                .map_err(|e| ApiError::internal(format!("planning checks on {chain}: {e}")))?;
            report.rpc_requests += 1;
            let answers = match rpc_client::send(&url, &plan.batch, retries).await {
                Ok(answers) => answers,
                Err(e) => {
                    console_error!("watcher: {chain} batch: {e}");
                    failed = true;
                    break;
                }
            };
            let mut statements = Vec::new();
            let mut unchanged = Vec::new();
            for (row, slot) in chunk.iter().zip(&plan.slots) {
                let reading = match detect::read(row, slot, &answers) {
                    Ok(reading) => reading,
                    Err(e) => {
                        console_error!("watcher: session {} on {chain}: {e}", row.id);
                        continue;
                    }
                };
                let accepts = links
                    .iter()
                    .find(|l| l.link_id == row.link_id)
                    .is_some_and(|l: &LinkLimits| l.accepts(now));
                let outcome = detect::outcome(
                    row,
                    &reading,
                    accepts,
                    now,
                    timing.grace_secs,
                    head,
                    slot.window_from,
                )
                .map_err(ApiError::internal)?;
                report.checked += 1;
                let changed = outcome.status.as_str() != row.status
                    || outcome.amount_received != row.amount_received
                    || outcome.amount_confirmed != row.amount_confirmed
                    || outcome.amount_reversed != row.amount_reversed
                    || outcome.payments != row.payments;
                if changed {
                    report.changed += 1;
                    if outcome.status.is_paid() {
                        sold.insert(row.link_id.clone());
                    }
                    let event_id = random::id("evt")?;
                    statements.extend(watch::apply(db, row, &outcome, head, now, &event_id)?);
                    let kind = match outcome.notice {
                        Notice::Quiet => None,
                        Notice::Status => Some(None),
                        Notice::PaymentReversed => Some(Some(PAYMENT_REVERSED)),
                    };
                    if let Some(kind) = kind {
                        let data = event_data(row, &outcome, now)?;
                        statements.extend(outbox::session_event(
                            db, &event_id, &row.id, kind, &data, now,
                        )?);
                    }
                } else {
                    unchanged.push(row.id.clone());
                }
            }
            statements.extend(watch::touch(db, &unchanged, head, now)?);
            watch::run(db, statements).await?;
        }
        if failed {
            report.failed_chains += 1;
        }
        watch::record_chain(db, chain.name(), (!failed).then_some(head), now).await?;
    }
    // A payment changed `payments_count`: the cached public link must not show stale limits.
    if !sold.is_empty() {
        let kv = Bindings::cache(env)?;
        let slugs: BTreeSet<&str> = links
            .iter()
            .filter(|l| sold.contains(&l.link_id))
            .map(|l| l.link_slug.as_str())
            .collect();
        for slug in slugs {
            link_cache::forget(&kv, slug).await;
        }
    }
    Ok(report)
}
