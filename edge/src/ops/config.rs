//! Checkout configuration from the worker's vars: price sources and policy, and per chain its
//! JSON-RPC endpoint, confirmations, tolerance and token contracts.
//!
//! Read through a lookup function so the rules are tested on the host; a malformed value is
//! an error naming the variable, never a silent default.

use shared::chain::Chain;
use shared::hd::EvmAddress;
use shared::money::Asset;

use crate::prices::aggregate::Policy;
use crate::prices::{coinbase, fixed, kraken};

/// Where prices come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Coinbase { base_url: String },
    Kraken { base_url: String },
    Fixed(String),
}

impl Source {
    pub fn name(&self) -> &'static str {
        match self {
            Source::Coinbase { .. } => coinbase::NAME,
            Source::Kraken { .. } => kraken::NAME,
            Source::Fixed(_) => fixed::NAME,
        }
    }
}

/// Price sources and when their answers make a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prices {
    pub sources: Vec<Source>,
    pub policy: Policy,
    /// How long a combined rate is reused from KV before the sources are asked again.
    pub cache_secs: i64,
}

/// The asset has no token contract on the chain here (e.g. EURC on anvil unless configured).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoTokenContract;

/// One chain as configured for this deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainConfig {
    pub chain: Chain,
    /// `None`: sessions can still be created, but nothing watches them (health says so).
    pub rpc_url: Option<String>,
    pub confirmations: u32,
    /// Underpayment accepted as paid, in basis points of the amount due.
    pub tolerance_bps: u32,
}

impl ChainConfig {
    /// The ERC-20 contract of `asset` on this chain: see [`token`].
    pub fn token(
        &self,
        asset: Asset,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<String>, NoTokenContract> {
        token(self.chain, asset, lookup)
    }
}

/// The ERC-20 contract of `asset` on `chain` here, EIP-55 checksummed however it was
/// configured (it is shown and put in payment URIs as it is); `Ok(None)` for the native coin,
/// `Err` when the token has no contract on this chain (not configured on anvil, or not an
/// address). Reads only `TOKEN_<ASSET>_<CHAIN>`, so a link create can ask it of any chain.
pub fn token(
    chain: Chain,
    asset: Asset,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<String>, NoTokenContract> {
    if asset.is_native() {
        return Ok(None);
    }
    let var = format!("TOKEN_{}_{}", asset.symbol(), env_name(chain));
    let configured = lookup(&var).filter(|v| !v.trim().is_empty());
    let address = match &configured {
        Some(address) => address.trim(),
        None => chain.token_contract(asset).ok_or(NoTokenContract)?,
    };
    EvmAddress::parse(address)
        .map(|a| Some(a.to_string()))
        .map_err(|_| NoTokenContract)
}

/// Times that shape a session's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// A payment first seen this long after the quote ran out still counts as on time.
    pub grace_secs: i64,
    /// How long after expiry the chain is still watched for late payments.
    pub watch_secs: i64,
}

/// `BASE_SEPOLIA` for `base-sepolia`: how a chain appears in variable names.
pub fn env_name(chain: Chain) -> String {
    chain.name().to_ascii_uppercase().replace('-', "_")
}

fn number<T: core::str::FromStr>(
    lookup: &dyn Fn(&str) -> Option<String>,
    name: &str,
    default: T,
) -> Result<T, String> {
    match lookup(name) {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| format!("{name} must be a whole number, not {text:?}")),
    }
}

/// The price configuration: `PRICE_SOURCES` (comma-separated: coinbase, kraken, fixed),
/// `PRICES_FIXED`, `COINBASE_API_URL`, `KRAKEN_API_URL`, `PRICE_MIN_SOURCES`,
/// `PRICE_MAX_AGE_SECS`, `PRICE_MAX_SPREAD_BPS`, `PRICE_CACHE_SECS`.
pub fn prices(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Prices, String> {
    let names = lookup("PRICE_SOURCES").unwrap_or_else(|| "coinbase,kraken".into());
    let mut sources = Vec::new();
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let source = match name {
            coinbase::NAME => Source::Coinbase {
                base_url: lookup("COINBASE_API_URL").unwrap_or_else(|| coinbase::BASE_URL.into()),
            },
            kraken::NAME => Source::Kraken {
                base_url: lookup("KRAKEN_API_URL").unwrap_or_else(|| kraken::BASE_URL.into()),
            },
            fixed::NAME => {
                let config = lookup("PRICES_FIXED")
                    .ok_or("PRICE_SOURCES names fixed but PRICES_FIXED is not set")?;
                fixed::parse(&config).map_err(|e| format!("PRICES_FIXED: {e}"))?;
                Source::Fixed(config)
            }
            other => return Err(format!("PRICE_SOURCES: unknown source {other:?}")),
        };
        if sources.iter().any(|s: &Source| s.name() == source.name()) {
            return Err(format!("PRICE_SOURCES names {name} twice"));
        }
        sources.push(source);
    }
    if sources.is_empty() {
        return Err("PRICE_SOURCES names no source".into());
    }
    let min_sources: usize = number(lookup, "PRICE_MIN_SOURCES", sources.len().min(2))?;
    if min_sources == 0 || min_sources > sources.len() {
        return Err(format!(
            "PRICE_MIN_SOURCES is {min_sources}, but {} sources are configured",
            sources.len()
        ));
    }
    Ok(Prices {
        sources,
        policy: Policy {
            min_sources,
            max_age_secs: number(lookup, "PRICE_MAX_AGE_SECS", 60)?,
            max_spread_bps: number(lookup, "PRICE_MAX_SPREAD_BPS", 200)?,
        },
        cache_secs: number(lookup, "PRICE_CACHE_SECS", 30)?,
    })
}

/// `RPC_URL_<CHAIN>`, `CONFIRMATIONS_<CHAIN>` and `TOLERANCE_BPS_<CHAIN>` for one chain.
pub fn chain(lookup: &dyn Fn(&str) -> Option<String>, chain: Chain) -> Result<ChainConfig, String> {
    let name = env_name(chain);
    let confirmations = number(
        lookup,
        &format!("CONFIRMATIONS_{name}"),
        chain.default_confirmations(),
    )?;
    if confirmations == 0 {
        return Err(format!("CONFIRMATIONS_{name} must be at least 1"));
    }
    let tolerance_bps = number(lookup, &format!("TOLERANCE_BPS_{name}"), 0)?;
    if tolerance_bps > 100 {
        return Err(format!("TOLERANCE_BPS_{name} is at most 100 (1%)"));
    }
    Ok(ChainConfig {
        chain,
        rpc_url: lookup(&format!("RPC_URL_{name}")).filter(|u| !u.trim().is_empty()),
        confirmations,
        tolerance_bps,
    })
}

/// `LATE_GRACE_SECS` (default 60) and `WATCH_AFTER_EXPIRY_SECS` (default 24 h).
pub fn timing(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Timing, String> {
    Ok(Timing {
        grace_secs: number(lookup, "LATE_GRACE_SECS", 60)?,
        watch_secs: number(lookup, "WATCH_AFTER_EXPIRY_SECS", 86_400)?,
    })
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
