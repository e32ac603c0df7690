//! Payment detection, pure: which JSON-RPC calls check a set of quotes' deposit addresses, and
//! what the answers mean for each quote (amounts and payments; `judging` takes it from there).
//!
//! Per chain and tick: one `eth_blockNumber`, then one batch per chunk of quotes holding, per
//! quote, its balance at the head and at the confirmation depth, plus one `eth_getLogs` per
//! token for the transaction hashes. Requests stay constant per chunk however many quotes.

use serde_json::Value;

use crate::chain::rpc::{
    Batch, BlockTag, RpcError, TransferLog, decode_balance, decode_token_balance,
    decode_transfer_logs, normalize_address,
};
use crate::checkout::quote_row::{QuoteRow, StoredPayment};

/// Quotes per JSON-RPC batch: well under providers' batch limits (often 100 to 1000 calls).
pub const CHUNK: usize = 40;
/// How far back the first check of a quote looks for token transfers.
pub const FIRST_WINDOW: u64 = 256;
/// How far back later checks look again, so a reorg that moved a transfer is seen.
pub const REORG_WINDOW: u64 = 64;

/// Where each quote's answers are in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub seen: usize,
    pub confirmed: usize,
    /// The token's log call, shared by every quote paying that token.
    pub logs: Option<usize>,
    /// The first block whose transfers this check replaces.
    pub window_from: u64,
}

/// A batch to send and how to read it.
#[derive(Debug)]
pub struct Plan {
    pub batch: Batch,
    pub slots: Vec<Slot>,
}

/// The block whose state counts as confirmed: the head counts as one confirmation.
pub fn confirmed_block(head: u64, confirmations: u32) -> u64 {
    head.saturating_sub(u64::from(confirmations.max(1)) - 1)
}

fn window_from(row: &QuoteRow, head: u64) -> u64 {
    match row.checked_block {
        Some(block) => u64::try_from(block)
            .unwrap_or(0)
            .min(head)
            .saturating_sub(REORG_WINDOW),
        None => head.saturating_sub(FIRST_WINDOW),
    }
}

/// The calls that check `quotes` at `head`.
pub fn plan(quotes: &[&QuoteRow], head: u64, confirmations: u32) -> Result<Plan, RpcError> {
    let mut batch = Batch::new();
    let confirmed = BlockTag::Number(confirmed_block(head, confirmations));
    let mut slots = Vec::with_capacity(quotes.len());
    // One log query per token, over the widest window any of its quotes needs.
    let mut tokens: Vec<(String, Vec<String>, u64)> = Vec::new();
    for row in quotes {
        if let Some(token) = &row.token_address {
            let token = normalize_address(token)?;
            let from = window_from(row, head);
            match tokens.iter_mut().find(|(t, _, _)| *t == token) {
                Some((_, holders, start)) => {
                    holders.push(row.deposit_address.clone());
                    *start = (*start).min(from);
                }
                None => tokens.push((token, vec![row.deposit_address.clone()], from)),
            }
        }
    }
    let mut log_calls = Vec::new();
    for (token, holders, from) in &tokens {
        let index = batch.add_transfer_logs(
            token,
            holders,
            BlockTag::Number(*from),
            BlockTag::Number(head),
        )?;
        log_calls.push((token.clone(), index));
    }
    for row in quotes {
        let address = &row.deposit_address;
        let (seen, confirmed_at, logs) = match &row.token_address {
            None => (
                batch.add_balance(address, BlockTag::Number(head))?,
                batch.add_balance(address, confirmed)?,
                None,
            ),
            Some(token) => {
                let token = normalize_address(token)?;
                let logs = log_calls.iter().find(|(t, _)| *t == token).map(|(_, i)| *i);
                (
                    batch.add_token_balance(&token, address, BlockTag::Number(head))?,
                    batch.add_token_balance(&token, address, confirmed)?,
                    logs,
                )
            }
        };
        slots.push(Slot {
            seen,
            confirmed: confirmed_at,
            logs,
            window_from: window_from(row, head),
        });
    }
    Ok(Plan { batch, slots })
}

/// What the chain says about one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub seen: u128,
    pub confirmed: u128,
    /// Token transfers to the deposit address within the slot's window; empty for ETH.
    pub transfers: Vec<TransferLog>,
}

/// Reads one quote's answers; any failed call fails the quote's reading (never a guess).
pub fn read(
    row: &QuoteRow,
    slot: &Slot,
    answers: &[Result<Value, RpcError>],
) -> Result<Reading, RpcError> {
    let answer = |i: usize| -> Result<&Value, RpcError> {
        match answers.get(i) {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.clone()),
            None => Err(RpcError::Shape(format!("no answer {i}"))),
        }
    };
    let native = row.token_address.is_none();
    let balance = |i: usize| {
        answer(i).and_then(|v| {
            if native {
                decode_balance(v)
            } else {
                decode_token_balance(v)
            }
        })
    };
    let transfers = match (&row.token_address, slot.logs) {
        (Some(token), Some(i)) => {
            let me = normalize_address(&row.deposit_address)?;
            decode_transfer_logs(answer(i)?, token)?
                .into_iter()
                .filter(|log| log.to == me && !log.removed)
                .collect()
        }
        _ => Vec::new(),
    };
    let seen = balance(slot.seen)?;
    let confirmed = match balance(slot.confirmed) {
        // The token exists at the head but not yet at the confirmation depth (deployed since):
        // nobody held any of it there. A token missing at the head stays an error.
        Err(RpcError::NoContract) if !native => 0,
        other => other?,
    };
    Ok(Reading {
        seen,
        confirmed,
        transfers,
    })
}

fn units(payments: &[StoredPayment]) -> u128 {
    payments
        .iter()
        .map(|p| p.amount.parse::<u128>().unwrap_or(0))
        .sum()
}

/// The payments to show after a reading. Token payments come from transfer logs (kept from
/// before the window, replaced within it); native payments from balance changes at `head`,
/// trimmed from the newest when a reorg lowered the balance.
pub fn payments(
    previous: Vec<StoredPayment>,
    reading: &Reading,
    native: bool,
    head: u64,
    window_from: u64,
) -> Vec<StoredPayment> {
    if !native {
        let mut kept: Vec<StoredPayment> = previous
            .into_iter()
            .filter(|p| p.block_number.is_some_and(|b| b < window_from))
            .collect();
        let mut fresh: Vec<&TransferLog> = reading.transfers.iter().collect();
        fresh.sort_by_key(|log| (log.block_number, log.log_index));
        kept.extend(fresh.into_iter().map(|log| StoredPayment {
            tx_hash: Some(log.tx_hash.clone()),
            amount: log.amount.to_string(),
            block_number: Some(log.block_number),
        }));
        return kept;
    }
    let mut list = previous;
    while units(&list) > reading.seen {
        list.pop();
    }
    let known = units(&list);
    if reading.seen > known {
        list.push(StoredPayment {
            tx_hash: None,
            amount: (reading.seen - known).to_string(),
            block_number: Some(head),
        });
    }
    list
}

#[cfg(test)]
#[path = "detect_tests.rs"]
pub(crate) mod tests;
