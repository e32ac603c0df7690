//! Sweeps, pure: which payout-mode addresses hold what, the totals per chain and asset, and the
//! `deployAndFlush` transactions that move it, batched under a block's gas.

use shared::api::sweeps::{SweepAddress, SweepBalance, SweepTotal, SweepTransaction};
use shared::chain::Chain;
use shared::hd::EvmAddress;
use shared::money::Asset;
use shared::payout::{Salt, deploy_and_flush, hex};

use crate::platform::sql::{Arg, Query};

/// Most addresses one answer reads (newest first): each costs a balance call per asset.
pub const MAX_ADDRESSES: u32 = 200;
/// Gas one sweep transaction may plan for: under EIP-7825's 2^24 per transaction and about a
/// third of a 36M-gas block, so it is included promptly.
pub const TX_GAS_BUDGET: u64 = 12_000_000;
/// Per address: deploying a forwarder and flushing its ETH (measured ≈ 90k on anvil in a
/// batch of 10, `tests/artifacts/forwarder-gas.json`), with margin.
pub const GAS_PER_ADDRESS: u64 = 110_000;
/// Per address and token flushed (a `balanceOf` and a `transfer`, measured ≈ 30k), with margin.
pub const GAS_PER_TOKEN: u64 = 40_000;
/// The transaction itself and the factory call.
pub const GAS_BASE: u64 = 60_000;

/// A payout-mode quote as the sweep reads it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SweepRow {
    pub id: String,
    pub session_id: String,
    pub chain: String,
    pub deposit_address: String,
    pub payout_address: String,
    pub factory_address: String,
    pub salt: String,
}

/// The merchant's payout-mode quotes that received something, newest first, one more than
/// [`MAX_ADDRESSES`] (so the answer knows whether there are more); on the partial index
/// `checkout_quotes_sweepable`.
pub fn rows(merchant_id: &str, livemode: bool) -> Query {
    Query {
        sql:
            "SELECT id, session_id, chain, deposit_address, payout_address, factory_address, salt \
              FROM checkout_quotes WHERE merchant_id = ?1 AND livemode = ?2 \
              AND payout_address IS NOT NULL AND amount_received != '0' \
              ORDER BY created_at DESC, id DESC LIMIT ?3"
                .into(),
        args: vec![
            Arg::Text(merchant_id.into()),
            Arg::Int(i64::from(livemode)),
            Arg::Int(i64::from(MAX_ADDRESSES) + 1),
        ],
    }
}

/// An address and what it holds now (only what is above zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub chain: Chain,
    pub quote: String,
    pub session: String,
    pub deposit_address: EvmAddress,
    pub payout: EvmAddress,
    pub factory: EvmAddress,
    pub salt: Salt,
    /// Each asset held, with its token contract (`None` for ETH).
    pub balances: Vec<(Asset, Option<EvmAddress>, u128)>,
}

impl Holding {
    /// A row with the balances read for it; `Err` for a row whose stored forms do not parse.
    pub fn of(
        row: &SweepRow,
        balances: Vec<(Asset, Option<EvmAddress>, u128)>,
    ) -> Result<Self, String> {
        let parse =
            |text: &str| EvmAddress::parse(text).map_err(|e| format!("quote {}: {e}", row.id));
        Ok(Self {
            chain: Chain::parse(&row.chain).ok_or_else(|| format!("quote {}: chain", row.id))?,
            quote: row.id.clone(),
            session: row.session_id.clone(),
            deposit_address: parse(&row.deposit_address)?,
            payout: parse(&row.payout_address)?,
            factory: parse(&row.factory_address)?,
            salt: Salt::parse(&row.salt).ok_or_else(|| format!("quote {}: salt", row.id))?,
            balances: balances.into_iter().filter(|(_, _, n)| *n > 0).collect(),
        })
    }

    pub fn view(&self) -> SweepAddress {
        SweepAddress {
            chain: self.chain.name().into(),
            deposit_address: self.deposit_address.to_string(),
            quote: self.quote.clone(),
            session: self.session.clone(),
            payout_address: self.payout.to_string(),
            factory_address: self.factory.to_string(),
            salt: self.salt.to_string(),
            balances: self
                .balances
                .iter()
                .map(|(asset, _, n)| SweepBalance {
                    asset: asset.symbol().into(),
                    amount: n.to_string(),
                })
                .collect(),
        }
    }
}

/// Per chain and asset: the total held and over how many addresses.
pub fn totals(holdings: &[Holding]) -> Vec<SweepTotal> {
    let mut totals: Vec<SweepTotal> = Vec::new();
    for h in holdings {
        for (asset, token, amount) in &h.balances {
            let chain = h.chain.name();
            let found = totals
                .iter_mut()
                .find(|t| t.chain == chain && t.asset == asset.symbol());
            match found {
                Some(t) => {
                    let sum = t.total.parse::<u128>().unwrap_or(0) + amount;
                    t.total = sum.to_string();
                    t.addresses += 1;
                }
                None => totals.push(SweepTotal {
                    chain: chain.into(),
                    asset: asset.symbol().into(),
                    token_address: token.map(|t| t.to_string()),
                    total: amount.to_string(),
                    addresses: 1,
                }),
            }
        }
    }
    totals
}

/// How many addresses fit one transaction flushing `tokens` tokens.
pub fn per_transaction(tokens: usize) -> usize {
    let each = GAS_PER_ADDRESS + GAS_PER_TOKEN * tokens as u64;
    ((TX_GAS_BUDGET - GAS_BASE) / each).max(1) as usize
}

/// The transactions that sweep `holdings`: one payout per transaction (the factory's rule), in
/// batches of [`per_transaction`], each flushing every token any address of its group holds.
pub fn transactions(holdings: &[Holding]) -> Vec<SweepTransaction> {
    let mut groups: Vec<(Chain, EvmAddress, EvmAddress, Vec<&Holding>)> = Vec::new();
    for h in holdings.iter().filter(|h| !h.balances.is_empty()) {
        match groups
            .iter_mut()
            .find(|(c, f, p, _)| *c == h.chain && *f == h.factory && *p == h.payout)
        {
            Some((_, _, _, members)) => members.push(h),
            None => groups.push((h.chain, h.factory, h.payout, vec![h])),
        }
    }
    let mut out = Vec::new();
    for (chain, factory, payout, members) in groups {
        let mut tokens: Vec<EvmAddress> = members
            .iter()
            .flat_map(|h| h.balances.iter().filter_map(|(_, t, _)| *t))
            .collect();
        tokens.sort();
        tokens.dedup();
        for batch in members.chunks(per_transaction(tokens.len())) {
            let salts: Vec<Salt> = batch.iter().map(|h| h.salt).collect();
            let gas = GAS_BASE
                + batch.len() as u64 * (GAS_PER_ADDRESS + GAS_PER_TOKEN * tokens.len() as u64);
            out.push(SweepTransaction {
                chain: chain.name().into(),
                chain_id: chain.id(),
                to: factory.to_string(),
                data: hex(&deploy_and_flush(payout, &salts, &tokens)),
                value: "0".into(),
                gas: gas.to_string(),
                payout_address: payout.to_string(),
                deposit_addresses: batch
                    .iter()
                    .map(|h| h.deposit_address.to_string())
                    .collect(),
                tokens: tokens.iter().map(ToString::to_string).collect(),
            });
        }
    }
    out
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
