//! Ethereum JSON-RPC for payment detection: batches to send, answers to read, retries to time.
//!
//! Everything here is pure (bodies to build, bodies to parse, delays to wait); the worker does
//! the `fetch`, so each rule is tested against answers recorded from anvil without a network.
//! Amounts are integer base units (`u128`), never floats; addresses are lower-case `0x` strings.

mod address;
mod batch;
mod blocks;
mod decode;
mod error;
mod filter;
mod logs;
mod quantity;
mod response;
mod retry;

#[cfg(test)]
pub(crate) mod recorded;

pub use address::normalize_address;
pub use batch::{BALANCE_OF_SELECTOR, Batch, BlockTag};
pub use blocks::{Receipt, ValueTransfer, decode_block_transfers, decode_receipt};
pub use decode::{decode_balance, decode_block_number, decode_token_balance};
pub use error::RpcError;
pub use filter::{MAX_LOG_ADDRESSES, TRANSFER_TOPIC, transfer_filter};
pub use logs::{TransferLog, decode_transfer_logs};
pub use quantity::{format_u64, parse_u64, parse_u128};
pub use response::parse_batch;
pub use retry::{MAX_RETRIES, MAX_RETRY_DELAY_MS, retry_delay_ms};
