//! `/v1/sweeps`: payout mode's deposit addresses that hold funds, and the transactions that
//! move them to the payout address, for the merchant to sign and send from any wallet.
//! Paylink holds no key: it only answers what to send.

use serde::{Deserialize, Serialize};

/// What one asset amounts to on one chain, over the addresses listed.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepTotal {
    pub chain: String,
    pub asset: String,
    /// `null` for the native coin.
    pub token_address: Option<String>,
    /// Base units, as a decimal string.
    pub total: String,
    /// How many addresses hold some of it.
    pub addresses: u32,
}

/// One asset at one address.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepBalance {
    pub asset: String,
    /// Base units, as a decimal string.
    pub amount: String,
}

/// A deposit address of payout mode that holds funds now.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepAddress {
    pub chain: String,
    pub deposit_address: String,
    /// The quote whose address this is, and its session.
    pub quote: String,
    pub session: String,
    /// Where a sweep sends it: the payout the address was made for (which may be an earlier
    /// payout address than today's).
    pub payout_address: String,
    pub factory_address: String,
    pub salt: String,
    pub balances: Vec<SweepBalance>,
}

/// `GET /v1/sweeps`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepList {
    /// `"sweep_list"`.
    pub object: String,
    pub totals: Vec<SweepTotal>,
    pub addresses: Vec<SweepAddress>,
    /// More payout-mode addresses received money than one answer reads (the newest are read).
    pub has_more: bool,
}

/// `POST /v1/sweeps`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepRequest {
    /// Only this chain (default: every chain with something to sweep).
    #[serde(default)]
    pub chain: Option<String>,
}

/// One transaction to sign and send, from any account with ETH for the gas.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepTransaction {
    pub chain: String,
    pub chain_id: u64,
    /// The factory.
    pub to: String,
    /// `deployAndFlush(payout, salts, tokens)`, ABI-encoded, `0x` hex.
    pub data: String,
    /// Always `"0"`: a sweep sends no value.
    pub value: String,
    /// An upper bound of the gas it uses (decimal): a wallet may estimate a lower limit.
    pub gas: String,
    pub payout_address: String,
    pub deposit_addresses: Vec<String>,
    pub tokens: Vec<String>,
}

/// `POST /v1/sweeps`: the transactions, each under the gas a block takes.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepPlan {
    /// `"sweep_plan"`.
    pub object: String,
    pub transactions: Vec<SweepTransaction>,
    /// As in [`SweepList`].
    pub has_more: bool,
}
