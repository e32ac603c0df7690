//! The chain watcher: checks sessions against their chain and writes what changed. Run by the
//! cron sweep for every watched session, and by the pay page's poll for its own session.

use std::collections::BTreeSet;

use futures_util::future::{join, join_all};

use shared::chain::Chain;
use worker::{D1Database, D1PreparedStatement, Env, console_error, console_log, console_warn};

use crate::api::call::Later;
use crate::api::error::ApiError;
use crate::chain::batch::Batch;
use crate::chain::client as rpc_client;
use crate::chain::detect::{self, CHUNK, Scope};
use crate::chain::head_scan;
use crate::chain::judging;
use crate::chain::store::{self as watch, LinkLimits};
use crate::checkout::quote_row::QuoteRow;
use crate::checkout::row::Session;
use crate::links::cache as link_cache;
use crate::ops::config;
use crate::platform::{self, Bindings};

/// Sessions per cron sweep; the longest unchecked go first, so all get their turn.
const SWEEP_LIMIT: u32 = 400;

/// What one round of checks did, for the log and the benchmark.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    pub checked: usize,
    pub changed: usize,
    pub rpc_requests: usize,
    /// JSON-RPC calls inside those requests (a batch is one request of many calls).
    pub rpc_calls: usize,
    /// Blocks read by the block scan.
    pub blocks_scanned: usize,
    pub failed_chains: usize,
}

/// Whether a check moves the chains' scan cursors: the cron sweep does (it reads each block
/// once for every watched session), and read them with the sessions; a poll reads the blocks
/// since for its own session only.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cursor {
    /// Each chain's cursor as the sweep read it (`None`: the chain's first scan).
    Advance(Vec<(String, Option<u64>)>),
    /// The cursors as the poll read them with its session: used, never moved.
    Known(Vec<(String, Option<u64>)>),
}

/// How a check goes: the sweep's or the poll's.
struct Mode {
    /// Retries of a failed request to a node.
    retries: u32,
    cursor: Cursor,
    writes: Writes,
}

/// When a check writes what it found.
enum Writes {
    /// Before the check returns (the sweep).
    Now,
    /// What changed before the check returns; a check that changed nothing (most polls)
    /// leaves its bookkeeping (when each session and chain was checked) for after the answer.
    ChangesNow(Later),
}

impl Writes {
    async fn write(
        &self,
        env: &Env,
        db: &D1Database,
        statements: Vec<D1PreparedStatement>,
        changed: bool,
    ) -> Result<(), ApiError> {
        match self {
            Writes::ChangesNow(later) if !changed => {
                let env = env.clone();
                later.defer(async move {
                    let written = match Bindings::db(&env) {
                        Ok(db) => watch::run(&db, statements).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = written {
                        console_error!("watcher: a poll's check, after the answer: {e:?}");
                    }
                });
                Ok(())
            }
            _ => watch::run(db, statements).await,
        }
    }
}

/// The cron sweep: every watched session, up to [`SWEEP_LIMIT`], with retries.
pub async fn sweep(env: &Env) -> Result<Report, ApiError> {
    let db = Bindings::db(env)?;
    let now = platform::now();
    let (due, cursors) = join(watch::due(&db, now, SWEEP_LIMIT), watch::cursors(&db)).await;
    let due = due?;
    let links: Vec<LinkLimits> = due.iter().filter_map(|(_, l)| l.clone()).collect();
    let sessions = due.into_iter().map(|(s, _)| s).collect();
    let mode = Mode {
        retries: 2,
        cursor: Cursor::Advance(cursors?),
        writes: Writes::Now,
    };
    let report = run(env, &db, sessions, &links, now, mode).await?;
    console_log!(
        "watcher: checked {} sessions, {} changed, {} JSON-RPC requests ({} calls, {} blocks scanned), {} chains failed",
        report.checked,
        report.changed,
        report.rpc_requests,
        report.rpc_calls,
        report.blocks_scanned,
        report.failed_chains
    );
    Ok(report)
}

/// Checks the pay page's `session` now against its link's `links`, with the chains' scan
/// `cursors` read beside it: one round of requests to the node for the head and the blocks
/// since, one for the quotes. A chain whose node fails leaves the session exactly as it was.
/// Whether it changed: only then was anything written before this returns; otherwise the
/// bookkeeping runs after the answer (`later`).
pub async fn check_polled(
    env: &Env,
    db: &D1Database,
    session: Session,
    links: &[LinkLimits],
    cursors: Vec<(String, Option<u64>)>,
    now: i64,
    later: &Later,
) -> Result<bool, ApiError> {
    let mode = Mode {
        retries: 0,
        cursor: Cursor::Known(cursors),
        writes: Writes::ChangesNow(later.clone()),
    };
    let report = run(env, db, vec![session], links, now, mode).await?;
    Ok(report.changed > 0)
}

async fn run(
    env: &Env,
    db: &D1Database,
    sessions: Vec<Session>,
    links: &[LinkLimits],
    now: i64,
    mode: Mode,
) -> Result<Report, ApiError> {
    let Mode {
        retries,
        cursor,
        writes,
    } = mode;
    let vars = platform::vars(env);
    let timing = config::timing(&vars)
        .map_err(|e| ApiError::internal(format!("timing configuration: {e}")))?;
    let mut report = Report::default();
    let mut sold: BTreeSet<String> = BTreeSet::new();
    let accepts = |session: &Session| match &session.row.link_id {
        // A checkout without a link has no limits of its own.
        None => true,
        Some(id) => links
            .iter()
            .find(|l| &l.link_id == id)
            .is_some_and(|l| l.accepts(now)),
    };
    for chain in Chain::ALL {
        let mine: Vec<&Session> = sessions
            .iter()
            .filter(|s| s.row.chain == chain.name())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let settings = config::chain(&vars, chain)
            .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?;
        let before = report.changed;
        let changed = |report: &Report| report.changed > before;
        let (clock_only, quoted): (Vec<&Session>, Vec<&Session>) =
            mine.into_iter().partition(|s| s.quotes.is_empty());
        let mut batch = Batch::default();
        for session in clock_only {
            let outcome = judging::outcome(session, Vec::new(), now, timing.grace_secs)
                .map_err(ApiError::internal)?;
            report.checked += 1;
            batch.add(db, session, &outcome, now, &mut report, &mut sold)?;
        }
        if quoted.is_empty() {
            let statements = batch.statements(db, None, now)?;
            writes.write(env, db, statements, changed(&report)).await?;
            continue;
        }
        let Some(url) = settings.rpc_url.clone() else {
            console_warn!(
                "watcher: {} sessions on {chain}, which has no RPC_URL",
                quoted.len()
            );
            let statements = batch.statements(db, None, now)?;
            writes.write(env, db, statements, changed(&report)).await?;
            continue;
        };
        // Everything this chain's check writes goes in one batch at its end: the clock's
        // verdicts, every chunk's, and how the check went.
        let failing = |batch: Batch| -> Result<Vec<D1PreparedStatement>, ApiError> {
            let mut writes = batch.statements(db, None, now)?;
            writes.push(watch::record_chain(db, chain.name(), None, now)?);
            Ok(writes)
        };
        let watched: Vec<String> = quoted
            .iter()
            .flat_map(|s| &s.quotes)
            .filter(|q| q.token_address.is_none())
            .map(|q| q.deposit_address.to_ascii_lowercase())
            .collect();
        let known = match &cursor {
            Cursor::Advance(cursors) | Cursor::Known(cursors) => Some(
                cursors
                    .iter()
                    .find(|(name, _)| name == chain.name())
                    .and_then(|(_, block)| *block),
            ),
        };
        let read = head_scan::read(env, db, chain, &url, known, &watched, retries, &mut report);
        let (head, transfers) = match read.await? {
            Ok(read) => read,
            Err(e) => {
                console_error!("watcher: {chain} {e}");
                report.failed_chains += 1;
                writes
                    .write(env, db, failing(batch)?, changed(&report))
                    .await?;
                continue;
            }
        };
        let scope = Scope {
            head,
            confirmations: settings.confirmations,
            scanned_to: head,
            transfers: &transfers,
        };
        // Every chunk's checks at once: one round of requests to the node, however many.
        let mut planned = Vec::new();
        for chunk in chunks(&quoted) {
            let quotes: Vec<&QuoteRow> = chunk.iter().flat_map(|s| &s.quotes).collect();
            let plan = detect::plan(&quotes, &scope)
                .map_err(|e| ApiError::internal(format!("planning checks on {chain}: {e}")))?;
            report.rpc_requests += 1;
            report.rpc_calls += plan.batch.len();
            planned.push((chunk, plan));
        }
        let answered = join_all(
            planned
                .iter()
                .map(|(_, plan)| rpc_client::send(env, &url, &plan.batch, retries)),
        )
        .await;
        let mut failed = false;
        for ((chunk, plan), answers) in planned.iter().zip(answered) {
            // A chunk whose batch failed leaves its sessions as they were; the others count.
            let answers = match answers {
                Ok(answers) => answers,
                Err(e) => {
                    console_error!("watcher: {chain} batch: {e}");
                    failed = true;
                    continue;
                }
            };
            let mut slots = plan.slots.iter();
            for &session in chunk {
                let mut outcomes = Vec::new();
                let mut unread = false;
                for quote in &session.quotes {
                    let slot = slots
                        .next()
                        .ok_or_else(|| ApiError::internal("plan short of slots"))?;
                    match detect::read(quote, slot, &answers, &scope) {
                        Ok(credits) => outcomes.push(
                            judging::quote_outcome(
                                quote,
                                &credits,
                                accepts(session),
                                now,
                                timing.grace_secs,
                            )
                            .map_err(ApiError::internal)?,
                        ),
                        Err(e) => {
                            console_error!("watcher: quote {} on {chain}: {e}", quote.id);
                            unread = true;
                        }
                    }
                }
                // A session is judged on every quote or not at all: never on a guess.
                if unread {
                    continue;
                }
                let outcome = judging::outcome(session, outcomes, now, timing.grace_secs)
                    .map_err(ApiError::internal)?;
                report.checked += 1;
                batch.add(db, session, &outcome, now, &mut report, &mut sold)?;
            }
        }
        if failed {
            report.failed_chains += 1;
        }
        let mut statements = batch.statements(db, Some(head), now)?;
        statements.push(watch::record_chain(
            db,
            chain.name(),
            (!failed).then_some(head),
            now,
        )?);
        // Every block up to the head was read for every watched session (or there were none
        // to read for): the next sweep starts after it.
        if matches!(cursor, Cursor::Advance(_)) && !failed {
            statements.push(watch::record_scan(db, chain.name(), head)?);
        }
        writes.write(env, db, statements, changed(&report)).await?;
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

/// Sessions in chunks of at most [`CHUNK`] quotes (a session's quotes stay together).
fn chunks<'a>(sessions: &[&'a Session]) -> Vec<Vec<&'a Session>> {
    let mut chunks = Vec::new();
    let mut chunk: Vec<&Session> = Vec::new();
    let mut quotes = 0;
    for &session in sessions {
        let n = session.quotes.len();
        // A session with more quotes than a chunk holds still gets a chunk of its own.
        if quotes + n > CHUNK && !chunk.is_empty() {
            chunks.push(std::mem::take(&mut chunk));
            quotes = 0;
        }
        quotes += n;
        chunk.push(session);
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}
