//! Sends JSON-RPC batches to a chain's node over `fetch`, retrying what may pass on a retry.

use std::time::Duration;

use serde_json::Value;
use worker::{Delay, Env, Method};

use crate::chain::rpc::{Batch, RpcError, parse_batch, retry_delay_ms};
use crate::platform::outbound;

/// A node that takes longer than this is treated as down for this attempt.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `batch` to `url`, with up to `retries` more attempts after a retryable failure.
/// Errors never carry the URL, whose path or query may hold a provider key.
pub async fn send(
    env: &Env,
    url: &str,
    batch: &Batch,
    retries: u32,
) -> Result<Vec<Result<Value, RpcError>>, RpcError> {
    let body = batch.to_json();
    let mut attempt = 0;
    loop {
        let result = once(env, url, &body, batch.len()).await;
        match result {
            Err(e) if e.is_retryable() && attempt < retries => {
                Delay::from(Duration::from_millis(retry_delay_ms(attempt))).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

async fn once(
    env: &Env,
    url: &str,
    body: &str,
    expected: usize,
) -> Result<Vec<Result<Value, RpcError>>, RpcError> {
    let answer = outbound::send(env, Method::Post, url, Some(body), TIMEOUT)
        .await
        .map_err(|_| RpcError::Transport("the node did not answer".into()))?;
    if answer.status != 200 {
        return Err(RpcError::Http {
            status: answer.status,
        });
    }
    parse_batch(&answer.body, expected)
}

/// The chain head: one `eth_blockNumber`.
pub async fn head(env: &Env, url: &str, retries: u32) -> Result<u64, RpcError> {
    let mut batch = Batch::new();
    let index = batch.add_block_number();
    let answers = send(env, url, &batch, retries).await?;
    match answers.into_iter().nth(index) {
        Some(Ok(value)) => crate::chain::rpc::decode_block_number(&value),
        Some(Err(e)) => Err(e),
        None => Err(RpcError::Shape("no answer to eth_blockNumber".into())),
    }
}
