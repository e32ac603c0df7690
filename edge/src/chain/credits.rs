//! What arrived at a deposit address, pure: counted as money coming in, never read off the
//! balance, so money moved out (a payout-mode sweep, an xpub merchant's own transfer) changes
//! nothing a session shows, and a later payment still counts on top.
//!
//! - A token's credits are its `Transfer` logs to the address: kept from before the re-read
//!   window, replaced within it (a reorg that drops a log drops its credit).
//! - The native coin's credits are the top-level transactions with value to the address
//!   (found by the block scan, `chain::scan`), each kept only while its receipt says it
//!   succeeded, re-read while it is within [`REORG_WINDOW`] of the head (a reorg that drops
//!   it drops its credit); and, for what those cannot explain, the balance: where the
//!   balance at the reference block is above what arrived less what left, the difference is a
//!   credit without a transaction hash (a payment made by a contract call, e.g. from a
//!   smart-contract wallet, moves value with no transaction to the address); where it is
//!   below, the difference left the address (`moved_out`), which is never a reversal.
//!
//! The reference block is the confirmation depth (or the last block the scan covered, if
//! lower): a credit inferred from the balance is only ever taken from confirmed state, so a
//! shallow reorg cannot leave one behind. A reorg deeper than the confirmations that takes
//! such a credit reads as money moved out: only payments with a transaction of their own can
//! be seen reversed.

use crate::chain::rpc::{Receipt, TransferLog, ValueTransfer};
use crate::checkout::quote_row::StoredPayment;

/// How far back receipts and logs are read again, so a reorg that moved a payment is seen.
pub const REORG_WINDOW: u64 = 64;

/// A quote's credits after a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits {
    /// Oldest first; `tx_hash: None` for a credit inferred from the balance.
    pub payments: Vec<StoredPayment>,
    /// Everything that arrived, to the head.
    pub seen: u128,
    /// What arrived at or below the reference block.
    pub confirmed: u128,
    /// What left the address, in all (never taken off `seen`).
    pub moved_out: u128,
}

fn units(p: &StoredPayment) -> u128 {
    p.amount.parse::<u128>().unwrap_or(0)
}

fn at_or_below(p: &StoredPayment, block: u64) -> bool {
    p.block_number.is_some_and(|b| b <= block)
}

fn total(payments: &[StoredPayment], upto: Option<u64>) -> u128 {
    payments
        .iter()
        .filter(|p| upto.is_none_or(|b| at_or_below(p, b)))
        .map(units)
        .sum()
}

fn credits(mut payments: Vec<StoredPayment>, at: u64, moved_out: u128) -> Credits {
    // Stable: credits of one block keep the order they were found in.
    payments.sort_by_key(|p| p.block_number.unwrap_or(u64::MAX));
    Credits {
        seen: total(&payments, None),
        confirmed: total(&payments, Some(at)),
        payments,
        moved_out,
    }
}

/// The hashes whose receipts a check of `previous` reads: its transaction credits still
/// within [`REORG_WINDOW`] of `head`, and the scan's new ones.
pub fn receipts_wanted(
    previous: &[StoredPayment],
    scanned: &[&ValueTransfer],
    head: u64,
) -> Vec<String> {
    let recent = head.saturating_sub(REORG_WINDOW);
    let mut hashes: Vec<String> = previous
        .iter()
        .filter(|p| p.block_number.is_none_or(|b| b > recent))
        .filter_map(|p| p.tx_hash.clone())
        .collect();
    for t in scanned {
        if !hashes.contains(&t.tx_hash)
            && !previous
                .iter()
                .any(|p| p.tx_hash.as_ref() == Some(&t.tx_hash))
        {
            hashes.push(t.tx_hash.clone());
        }
    }
    hashes
}

/// What a native-coin check read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeCheck<'a> {
    /// The scan's transfers to this address since the last check.
    pub scanned: Vec<&'a ValueTransfer>,
    /// The receipt of each hash in [`receipts_wanted`]'s answer.
    pub receipts: Vec<(String, Option<Receipt>)>,
    /// The balance at `at`.
    pub balance: u128,
    /// The reference block: the confirmation depth, or the scan's end if lower.
    pub at: u64,
}

/// The native coin's credits after `check`, from the stored `previous` and `moved_out`.
pub fn native(previous: Vec<StoredPayment>, moved_out: u128, check: &NativeCheck<'_>) -> Credits {
    let (mut known, mut inferred): (Vec<StoredPayment>, Vec<StoredPayment>) =
        previous.into_iter().partition(|p| p.tx_hash.is_some());
    for t in &check.scanned {
        if !known.iter().any(|p| p.tx_hash.as_ref() == Some(&t.tx_hash)) {
            known.push(StoredPayment {
                tx_hash: Some(t.tx_hash.clone()),
                amount: t.value.to_string(),
                block_number: Some(t.block_number),
            });
        }
    }
    for (hash, receipt) in &check.receipts {
        match receipt {
            Some(r) if r.success => {
                if let Some(p) = known.iter_mut().find(|p| p.tx_hash.as_ref() == Some(hash)) {
                    p.block_number = Some(r.block_number);
                }
            }
            // Reverted, or no longer mined (a reorg): it brought nothing.
            _ => known.retain(|p| p.tx_hash.as_ref() != Some(hash)),
        }
    }
    let arrived = total(&known, Some(check.at)) + total(&inferred, None);
    // What left cannot be more than what came: a reorg that took a payment also took the
    // sweep that moved it.
    let mut out = moved_out.min(arrived);
    let held = arrived - out;
    if check.balance > held {
        inferred.push(StoredPayment {
            tx_hash: None,
            amount: (check.balance - held).to_string(),
            block_number: Some(check.at),
        });
    } else {
        out += held - check.balance;
    }
    known.extend(inferred);
    credits(known, check.at, out)
}

/// A token's credits: `previous` kept from before `window_from`, replaced within it by
/// `logs` (this address's, none removed); confirmed up to `confirmed_at`.
pub fn token(
    previous: Vec<StoredPayment>,
    logs: &[TransferLog],
    window_from: u64,
    confirmed_at: u64,
    moved_out: u128,
) -> Credits {
    let mut kept: Vec<StoredPayment> = previous
        .into_iter()
        .filter(|p| p.block_number.is_some_and(|b| b < window_from))
        .collect();
    let mut fresh: Vec<&TransferLog> = logs.iter().collect();
    fresh.sort_by_key(|log| (log.block_number, log.log_index));
    kept.extend(fresh.into_iter().map(|log| StoredPayment {
        tx_hash: Some(log.tx_hash.clone()),
        amount: log.amount.to_string(),
        block_number: Some(log.block_number),
    }));
    credits(kept, confirmed_at, moved_out)
}

#[cfg(test)]
#[path = "credits_tests.rs"]
mod tests;
