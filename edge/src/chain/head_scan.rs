//! A check's first round of requests to a chain's node: its head, and the block scan's
//! transfers to the watched addresses since the scan cursor.
//!
//! When the cursor is known before the node is asked (the cron sweep reads it with the
//! sessions), the blocks after it are asked for beside the head, so the check waits for one
//! round where it waited for two; when they fall short (`scan::read_ahead`), the range is read
//! once the head is known.

use futures_util::future::{join, join_all};
use shared::chain::Chain;
use worker::{D1Database, Env};

use crate::api::error::ApiError;
use crate::chain::client as rpc_client;
use crate::chain::rpc::{RpcError, ValueTransfer, decode_block_number};
use crate::chain::scan;
use crate::chain::store as watch;
use crate::chain::watcher::Report;

/// The head and the transfers, or what failed on the chain (for the log); a D1 failure is
/// the outer error. `cursor`: the scan cursor when the caller read it already.
#[allow(clippy::too_many_arguments)]
pub async fn read(
    env: &Env,
    db: &D1Database,
    chain: Chain,
    url: &str,
    cursor: Option<Option<u64>>,
    watched: &[String],
    retries: u32,
    report: &mut Report,
) -> Result<Result<(u64, Vec<ValueTransfer>), String>, ApiError> {
    let asked = cursor.and_then(scan::ahead).filter(|_| !watched.is_empty());
    if let (Some(cursor), Some(asked)) = (cursor, asked) {
        return Ok(ahead(env, url, cursor, asked, watched, retries, report).await);
    }
    report.rpc_requests += 1;
    report.rpc_calls += 1;
    let (head, cursor) = match cursor {
        Some(known) => (rpc_client::head(env, url, retries).await, Ok(known)),
        // The poll reads the cursor while it asks for the head.
        None => {
            join(
                rpc_client::head(env, url, retries),
                watch::scanned(db, chain.name()),
            )
            .await
        }
    };
    let head = match head {
        Ok(head) => head,
        Err(e) => return Ok(Err(format!("head: {e}"))),
    };
    if watched.is_empty() {
        return Ok(Ok((head, Vec::new())));
    }
    let range = scan::range(cursor?, head);
    Ok(blocks(env, url, range, watched, retries, report)
        .await
        .map(|found| (head, found))
        .map_err(|e| format!("block scan: {e}")))
}

/// The head and the blocks `asked` after `cursor`, in one round; the range again when they
/// fall short of it.
async fn ahead(
    env: &Env,
    url: &str,
    cursor: Option<u64>,
    asked: scan::Range,
    watched: &[String],
    retries: u32,
    report: &mut Report,
) -> Result<(u64, Vec<ValueTransfer>), String> {
    let mut batches = scan::batches(asked);
    let Some(first) = batches.first_mut() else {
        return Err("no blocks to ask for".into());
    };
    let head_at = first.add_block_number();
    report.rpc_requests += batches.len();
    report.rpc_calls += batches.iter().map(|b| b.len()).sum::<usize>();
    let answered = join_all(
        batches
            .iter()
            .map(|batch| rpc_client::send(env, url, batch, retries)),
    )
    .await;
    let mut head = None;
    let mut answers = Vec::new();
    for (i, batch) in answered.into_iter().enumerate() {
        let mut batch = batch.map_err(|e| format!("block scan: {e}"))?;
        if i == 0 && head_at < batch.len() {
            head = Some(batch.remove(head_at));
        }
        answers.extend(batch);
    }
    let head = match head {
        Some(Ok(value)) => decode_block_number(&value).map_err(|e| format!("head: {e}"))?,
        Some(Err(e)) => return Err(format!("head: {e}")),
        None => return Err("head: no answer".into()),
    };
    let range = scan::range(cursor, head);
    report.blocks_scanned += usize::try_from(range.len()).unwrap_or(usize::MAX);
    match scan::read_ahead(asked, &answers, cursor, head, watched) {
        Some(found) => found
            .map(|found| (head, found))
            .map_err(|e| format!("block scan: {e}")),
        None => blocks(env, url, range, watched, retries, report)
            .await
            .map(|found| (head, found))
            .map_err(|e| format!("block scan: {e}")),
    }
}

/// The top-level transfers to `watched` in `range`: its batches of blocks all at once.
async fn blocks(
    env: &Env,
    url: &str,
    range: scan::Range,
    watched: &[String],
    retries: u32,
    report: &mut Report,
) -> Result<Vec<ValueTransfer>, RpcError> {
    let batches = scan::batches(range);
    report.rpc_requests += batches.len();
    report.rpc_calls += batches.iter().map(|b| b.len()).sum::<usize>();
    report.blocks_scanned += batches.iter().map(|b| b.len()).sum::<usize>();
    let answered = join_all(
        batches
            .iter()
            .map(|batch| rpc_client::send(env, url, batch, retries)),
    )
    .await;
    let mut found = Vec::new();
    for answers in answered {
        found.extend(scan::transfers(&answers?, watched)?);
    }
    Ok(found)
}
