//! Payment detection, pure: which JSON-RPC calls check a set of sessions, and what the answers
//! mean for each session (amounts, payments, next status).
//!
//! Per chain and tick: one `eth_blockNumber`, then one batch per chunk of sessions holding, per
//! session, its balance at the head and at the confirmation depth, plus one `eth_getLogs` per
//! token for the transaction hashes. Requests stay constant per chunk however many sessions.

use serde_json::Value;
use shared::api::sessions::Payment;
use shared::money::Asset;
use shared::session::reversal::{self, Notice};
use shared::session::{Check, SessionStatus};

use crate::chain::rpc::{
    Batch, BlockTag, RpcError, TransferLog, decode_balance, decode_token_balance,
    decode_transfer_logs, normalize_address,
};
use crate::checkout::row::SessionRow;

/// Sessions per JSON-RPC batch: well under providers' batch limits (often 100 to 1000 calls).
pub const CHUNK: usize = 40;
/// How far back the first check of a session looks for token transfers.
pub const FIRST_WINDOW: u64 = 256;
/// How far back later checks look again, so a reorg that moved a transfer is seen.
pub const REORG_WINDOW: u64 = 64;

/// Where each session's answers are in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub seen: usize,
    pub confirmed: usize,
    /// The token's log call, shared by every session paying that token.
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

fn window_from(row: &SessionRow, head: u64) -> u64 {
    match row.checked_block {
        Some(block) => u64::try_from(block)
            .unwrap_or(0)
            .min(head)
            .saturating_sub(REORG_WINDOW),
        None => head.saturating_sub(FIRST_WINDOW),
    }
}

/// The calls that check `sessions` at `head`.
pub fn plan(sessions: &[&SessionRow], head: u64, confirmations: u32) -> Result<Plan, RpcError> {
    let mut batch = Batch::new();
    let confirmed = BlockTag::Number(confirmed_block(head, confirmations));
    let mut slots = Vec::with_capacity(sessions.len());
    // One log query per token, over the widest window any of its sessions needs.
    let mut tokens: Vec<(String, Vec<String>, u64)> = Vec::new();
    for row in sessions {
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
    for row in sessions {
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

/// What the chain says about one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub seen: u128,
    pub confirmed: u128,
    /// Token transfers to the deposit address within the slot's window; empty for ETH.
    pub transfers: Vec<TransferLog>,
}

/// Reads one session's answers; any failed call fails the session's reading (never a guess).
pub fn read(
    row: &SessionRow,
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

fn units(payments: &[Payment]) -> u128 {
    payments
        .iter()
        .map(|p| p.amount.parse::<u128>().unwrap_or(0))
        .sum()
}

/// The payments to show after a reading. Token payments come from transfer logs (kept from
/// before the window, replaced within it); native payments from balance changes at `head`,
/// trimmed from the newest when a reorg lowered the balance.
pub fn payments(
    previous: Vec<Payment>,
    reading: &Reading,
    native: bool,
    head: u64,
    window_from: u64,
) -> Vec<Payment> {
    if !native {
        let mut kept: Vec<Payment> = previous
            .into_iter()
            .filter(|p| p.block_number.is_some_and(|b| b < window_from))
            .collect();
        let mut fresh: Vec<&TransferLog> = reading.transfers.iter().collect();
        fresh.sort_by_key(|log| (log.block_number, log.log_index));
        kept.extend(fresh.into_iter().map(|log| Payment {
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
        list.push(Payment {
            tx_hash: None,
            amount: (reading.seen - known).to_string(),
            block_number: Some(head),
        });
    }
    list
}

/// The new state of a session after a reading at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: SessionStatus,
    pub amount_received: String,
    pub amount_confirmed: String,
    pub amount_reversed: String,
    pub payments: String,
    pub paid_at: Option<i64>,
    /// What the merchant is told: the status event, a reversal, or nothing.
    pub notice: Notice,
}

/// Judges a reading through the session status machine. `link_accepts` is the link's state
/// now: a payment that settles after the link closed is `paid_late`.
pub fn outcome(
    row: &SessionRow,
    reading: &Reading,
    link_accepts: bool,
    now: i64,
    grace_secs: i64,
    head: u64,
    window_from: u64,
) -> Result<Outcome, String> {
    let status = row.status()?;
    let terms = row.terms(grace_secs)?;
    let next = status.after_check(
        &terms,
        &Check {
            seen: reading.seen,
            confirmed: reading.confirmed,
            now,
            link_accepts,
        },
    );
    let native = row.asset()? == Asset::Eth;
    let list = payments(row.payment_list()?, reading, native, head, window_from);
    let held = row.held()?;
    let reversed = reversal::reversed(held, next, reading.confirmed);
    Ok(Outcome {
        status: next,
        amount_received: reading.seen.to_string(),
        amount_confirmed: reading.confirmed.to_string(),
        amount_reversed: reversed.to_string(),
        notice: reversal::notice(held, next, reversed),
        payments: serde_json::to_string(&list).map_err(|e| e.to_string())?,
        paid_at: row
            .paid_at
            .or_else(|| (next.is_paid() && !status.is_paid()).then_some(now)),
    })
}

#[cfg(test)]
#[path = "detect_tests.rs"]
mod tests;
