//! What this deployment offers a link that names no assets: ETH, and each token with a
//! contract on the link's chain here (`TOKEN_<ASSET>_<CHAIN>`, else the canonical one).

use shared::chain::Chain;
use shared::money::Asset;

use crate::ops::config;

/// Every asset `chain` offers in this deployment, in `Asset::ALL` order. A create stores the
/// list it got, so a token configured or removed later leaves existing links as they were.
pub fn offered_assets(chain: Chain, lookup: &dyn Fn(&str) -> Option<String>) -> Vec<Asset> {
    Asset::ALL
        .into_iter()
        .filter(|asset| config::token(chain, *asset, lookup).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    const USDC_ANVIL: (&str, &str) = (
        "TOKEN_USDC_ANVIL",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    );
    const EURC_ANVIL: (&str, &str) = (
        "TOKEN_EURC_ANVIL",
        "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    );

    #[test]
    fn anvil_offers_eth_and_the_tokens_configured_for_it() {
        assert_eq!(offered_assets(Chain::Anvil, &vars(&[])), [Asset::Eth]);
        assert_eq!(
            offered_assets(Chain::Anvil, &vars(&[USDC_ANVIL])),
            [Asset::Eth, Asset::Usdc]
        );
        assert_eq!(
            offered_assets(Chain::Anvil, &vars(&[EURC_ANVIL, USDC_ANVIL])),
            Asset::ALL
        );
    }

    #[test]
    fn public_chains_offer_their_canonical_tokens_and_a_malformed_address_offers_none() {
        assert_eq!(offered_assets(Chain::BaseSepolia, &vars(&[])), Asset::ALL);
        assert_eq!(offered_assets(Chain::Ethereum, &vars(&[])), Asset::ALL);
        let broken = vars(&[("TOKEN_EURC_BASE", "0x1234")]);
        assert_eq!(
            offered_assets(Chain::Base, &broken),
            [Asset::Eth, Asset::Usdc]
        );
    }
}
