//! An account's default chain in force: the one it set, or the one its mode assumes here.

use shared::api::account::assumed_default_chain;
use shared::chain::Chain;

use crate::ops::config;

/// Whether this deployment serves the local chain: it has an RPC URL for anvil (as `wrangler
/// dev` under `cargo xtask dev` and the tests do). A deployment whose anvil settings do not
/// parse does not serve it either.
pub fn local_chain_served(lookup: &dyn Fn(&str) -> Option<String>) -> bool {
    config::chain(lookup, Chain::Anvil).is_ok_and(|anvil| anvil.rpc_url.is_some())
}

/// The default chain of a merchant in a mode: `stored` (what `PATCH /v1/account` saved) if
/// any, else what the mode assumes (test mode: anvil when served, else base-sepolia; live:
/// none). `Err` for a stored name that is no chain, which validation never lets in.
pub fn in_force(
    stored: Option<&str>,
    livemode: bool,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Chain>, String> {
    match stored {
        Some(name) => Chain::parse(name)
            .map(Some)
            .ok_or_else(|| format!("stored default_chain {name:?} is no chain")),
        None => Ok(assumed_default_chain(livemode, local_chain_served(lookup))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_anvil(name: &str) -> Option<String> {
        (name == "RPC_URL_ANVIL").then(|| "http://127.0.0.1:8545".to_owned())
    }

    fn nothing(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn a_stored_chain_wins_in_either_mode() {
        assert_eq!(
            in_force(Some("base"), true, &nothing),
            Ok(Some(Chain::Base))
        );
        assert_eq!(
            in_force(Some("sepolia"), false, &with_anvil),
            Ok(Some(Chain::Sepolia))
        );
        assert!(in_force(Some("mars"), false, &nothing).is_err());
    }

    #[test]
    fn test_mode_assumes_anvil_only_where_it_is_served() {
        assert_eq!(in_force(None, false, &with_anvil), Ok(Some(Chain::Anvil)));
        assert_eq!(
            in_force(None, false, &nothing),
            Ok(Some(Chain::BaseSepolia))
        );
        let blank = |name: &str| (name == "RPC_URL_ANVIL").then(|| " ".to_owned());
        assert_eq!(in_force(None, false, &blank), Ok(Some(Chain::BaseSepolia)));
    }

    #[test]
    fn live_mode_assumes_no_chain_even_with_a_local_one() {
        assert_eq!(in_force(None, true, &with_anvil), Ok(None));
    }
}
