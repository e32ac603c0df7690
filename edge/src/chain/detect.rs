//! Payment detection, pure: which JSON-RPC calls check a set of quotes' deposit addresses, and
//! what the answers mean for each quote (its credits, `chain::credits`; `judging` takes it
//! from there).
//!
//! Per chain and tick: one `eth_blockNumber`, one batch of the blocks since the last scan
//! (`chain::scan`), then one batch per chunk of quotes holding, per native-coin quote, its
//! balance at the reference block and the receipts of its recent payments, plus one
//! `eth_getLogs` per token. Token quotes cost no call of their own.

use serde_json::Value;

use crate::chain::credits::{self, Credits, NativeCheck, REORG_WINDOW};
use crate::chain::rpc::{
    Batch, BlockTag, RpcError, ValueTransfer, decode_balance, decode_receipt, decode_transfer_logs,
    normalize_address,
};
use crate::checkout::quote_row::QuoteRow;

/// Quotes per JSON-RPC batch: well under providers' batch limits (often 100 to 1000 calls).
pub const CHUNK: usize = 40;
/// How far back the first check of a quote looks for token transfers.
pub const FIRST_WINDOW: u64 = 256;

/// Where each quote's answers are in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Native coin: its balance at `at`.
    pub balance: Option<usize>,
    /// Native coin: the receipts asked, by hash.
    pub receipts: Vec<(String, usize)>,
    /// Token: its log call, shared by every quote paying that token.
    pub logs: Option<usize>,
    /// The first block whose transfers this check replaces.
    pub window_from: u64,
    /// The reference block (see `chain::credits`).
    pub at: u64,
}

/// A batch to send and how to read it.
#[derive(Debug)]
pub struct Plan {
    pub batch: Batch,
    pub slots: Vec<Slot>,
}

/// What the chain looked like for a check: its head, the depth that counts as confirmed, and
/// the scan's transfers up to the block it covered.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub head: u64,
    pub confirmations: u32,
    /// The last block the scan covered (transactions above it are not known yet).
    pub scanned_to: u64,
    pub transfers: &'a [ValueTransfer],
}

impl Scope<'_> {
    /// The reference block: confirmed, and covered by the scan.
    pub fn at(&self) -> u64 {
        confirmed_block(self.head, self.confirmations).min(self.scanned_to)
    }

    /// The scan's transfers to `address`.
    fn to<'s>(&'s self, address: &str) -> Vec<&'s ValueTransfer> {
        let me = address.to_ascii_lowercase();
        self.transfers.iter().filter(|t| t.to == me).collect()
    }
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

/// The calls that check `quotes` in `scope`.
pub fn plan(quotes: &[&QuoteRow], scope: &Scope<'_>) -> Result<Plan, RpcError> {
    let head = scope.head;
    let mut batch = Batch::new();
    let at = scope.at();
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
        let mut slot = Slot {
            balance: None,
            receipts: Vec::new(),
            logs: None,
            window_from: window_from(row, head),
            at,
        };
        match &row.token_address {
            None => {
                slot.balance = Some(batch.add_balance(&row.deposit_address, BlockTag::Number(at))?);
                let previous = row.payment_list().map_err(RpcError::Decode)?;
                let scanned = scope.to(&row.deposit_address);
                for hash in credits::receipts_wanted(&previous, &scanned, head) {
                    let index = batch.add_receipt(&hash);
                    slot.receipts.push((hash, index));
                }
            }
            Some(token) => {
                let token = normalize_address(token)?;
                slot.logs = log_calls.iter().find(|(t, _)| *t == token).map(|(_, i)| *i);
            }
        }
        slots.push(slot);
    }
    Ok(Plan { batch, slots })
}

/// Reads one quote's answers into its credits; any failed call fails the quote's reading
/// (never a guess).
pub fn read(
    row: &QuoteRow,
    slot: &Slot,
    answers: &[Result<Value, RpcError>],
    scope: &Scope<'_>,
) -> Result<Credits, RpcError> {
    let answer = |i: usize| -> Result<&Value, RpcError> {
        match answers.get(i) {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.clone()),
            None => Err(RpcError::Shape(format!("no answer {i}"))),
        }
    };
    let previous = row.payment_list().map_err(RpcError::Decode)?;
    let moved_out = row
        .amount_moved_out
        .parse::<u128>()
        .map_err(|_| RpcError::Decode(format!("quote {} amount_moved_out", row.id)))?;
    match &row.token_address {
        None => {
            let balance = slot
                .balance
                .ok_or_else(|| RpcError::Shape("no balance call planned".into()))?;
            let mut receipts = Vec::with_capacity(slot.receipts.len());
            for (hash, i) in &slot.receipts {
                receipts.push((hash.clone(), decode_receipt(answer(*i)?)?));
            }
            let check = NativeCheck {
                scanned: scope.to(&row.deposit_address),
                receipts,
                balance: decode_balance(answer(balance)?)?,
                at: slot.at,
            };
            Ok(credits::native(previous, moved_out, &check))
        }
        Some(token) => {
            let me = normalize_address(&row.deposit_address)?;
            let logs = match slot.logs {
                Some(i) => decode_transfer_logs(answer(i)?, token)?
                    .into_iter()
                    .filter(|log| log.to == me && !log.removed)
                    .collect(),
                None => Vec::new(),
            };
            let confirmed_at = confirmed_block(scope.head, scope.confirmations);
            Ok(credits::token(
                previous,
                &logs,
                slot.window_from,
                confirmed_at,
                moved_out,
            ))
        }
    }
}

#[cfg(test)]
#[path = "detect_tests.rs"]
pub(crate) mod tests;
