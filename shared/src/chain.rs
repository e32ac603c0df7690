//! `Chain`: the EVM networks links settle on. Live mode uses mainnets; test mode the rest.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::Asset;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Ethereum,
    Base,
    Sepolia,
    BaseSepolia,
    /// The local development chain (anvil), test mode only.
    Anvil,
}

impl Chain {
    pub const ALL: [Chain; 5] = [
        Chain::Ethereum,
        Chain::Base,
        Chain::Sepolia,
        Chain::BaseSepolia,
        Chain::Anvil,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Chain::Ethereum => "ethereum",
            Chain::Base => "base",
            Chain::Sepolia => "sepolia",
            Chain::BaseSepolia => "base-sepolia",
            Chain::Anvil => "anvil",
        }
    }

    /// The network's name as customers know it, e.g. "Base Sepolia".
    pub fn display_name(self) -> &'static str {
        match self {
            Chain::Ethereum => "Ethereum",
            Chain::Base => "Base",
            Chain::Sepolia => "Sepolia",
            Chain::BaseSepolia => "Base Sepolia",
            Chain::Anvil => "Local test chain",
        }
    }

    /// EIP-155 chain id.
    pub fn id(self) -> u64 {
        match self {
            Chain::Ethereum => 1,
            Chain::Base => 8453,
            Chain::Sepolia => 11_155_111,
            Chain::BaseSepolia => 84_532,
            Chain::Anvil => 31_337,
        }
    }

    /// Whether real money moves here: such chains are for live mode only, the others for test.
    pub fn is_mainnet(self) -> bool {
        match self {
            Chain::Ethereum | Chain::Base => true,
            Chain::Sepolia | Chain::BaseSepolia | Chain::Anvil => false,
        }
    }

    /// The chain's canonical contract of `asset`, as Circle publishes them; `None` for the
    /// native coin and on anvil, where the test harness deploys its own (configured per run).
    pub fn token_contract(self, asset: Asset) -> Option<&'static str> {
        match (self, asset) {
            (_, Asset::Eth) | (Chain::Anvil, _) => None,
            (Chain::Ethereum, Asset::Usdc) => Some("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            (Chain::Ethereum, Asset::Eurc) => Some("0x1aBaEA1f7C830bD89Acc67eC4af516284b1bC33c"),
            (Chain::Base, Asset::Usdc) => Some("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
            (Chain::Base, Asset::Eurc) => Some("0x60a3E35Cc302bFA44Cb288Bc5a4F316Fdb1adb42"),
            (Chain::Sepolia, Asset::Usdc) => Some("0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238"),
            (Chain::Sepolia, Asset::Eurc) => Some("0x08210F9170F89Ab7658F0B5E3fF39b0E03C594D4"),
            (Chain::BaseSepolia, Asset::Usdc) => Some("0x036CbD53842c5426634e7929541eC2318f3dCF7e"),
            (Chain::BaseSepolia, Asset::Eurc) => Some("0x808456652fdb597867f38412077A9182bf77359F"),
        }
    }

    /// Blocks on top of a payment's block before it counts as paid, unless configured: deep
    /// enough that a reorg is unlikely, short enough that a customer does not wait minutes.
    pub fn default_confirmations(self) -> u32 {
        match self {
            Chain::Ethereum => 12,
            Chain::Base => 10,
            Chain::Sepolia | Chain::BaseSepolia => 3,
            Chain::Anvil => 2,
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Chain::ALL.into_iter().find(|c| c.name() == input)
    }

    /// The chain named `input`, if links of that mode may settle on it: mainnets in live mode,
    /// the others in test mode. One rule for a link's `chain` and an account's `default_chain`.
    pub fn parse_for_mode(input: &str, livemode: bool) -> Result<Self, ChainError> {
        match Chain::parse(input) {
            Some(chain) if chain.is_mainnet() == livemode => Ok(chain),
            Some(_) => Err(ChainError::ModeMismatch { livemode }),
            None => Err(ChainError::Unsupported),
        }
    }
}

/// Why a chain name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainError {
    /// No chain has that name.
    Unsupported,
    /// A chain of the other mode: real money and test money never share a chain.
    ModeMismatch { livemode: bool },
}

impl ChainError {
    pub fn code(self) -> &'static str {
        match self {
            ChainError::Unsupported => "chain_unsupported",
            ChainError::ModeMismatch { .. } => "chain_mode_mismatch",
        }
    }
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainError::Unsupported => {
                f.write_str("the chain is ethereum, base, sepolia, base-sepolia or anvil")
            }
            ChainError::ModeMismatch { livemode: true } => {
                f.write_str("in live mode the chain is ethereum or base")
            }
            ChainError::ModeMismatch { livemode: false } => {
                f.write_str("in test mode the chain is sepolia, base-sepolia or anvil")
            }
        }
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Chain {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Chain {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Chain::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown chain `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_parse_from_their_names_and_carry_eip155_ids() {
        for chain in Chain::ALL {
            assert_eq!(Chain::parse(chain.name()), Some(chain));
        }
        assert_eq!(Chain::Base.id(), 8453);
        assert_eq!(Chain::Anvil.id(), 31337);
        assert_eq!(Chain::parse("Base"), None);
        assert_eq!(Chain::parse("polygon"), None);
    }

    #[test]
    fn tokens_have_canonical_contracts_except_on_anvil() {
        assert_eq!(Chain::Base.token_contract(Asset::Eth), None);
        assert_eq!(Chain::Anvil.token_contract(Asset::Usdc), None);
        for chain in Chain::ALL.into_iter().filter(|c| *c != Chain::Anvil) {
            for asset in [Asset::Usdc, Asset::Eurc] {
                let address = chain.token_contract(asset).unwrap();
                assert_eq!(address.len(), 42, "{chain} {asset}");
                // Written EIP-55 checksummed, since they are shown and put in URIs as they are.
                let parsed = crate::hd::EvmAddress::parse(address).unwrap();
                assert_eq!(parsed.to_string(), address, "{chain} {asset}");
            }
        }
    }

    #[test]
    fn each_chain_has_a_display_name_without_its_id() {
        assert_eq!(Chain::BaseSepolia.display_name(), "Base Sepolia");
        assert_eq!(Chain::Anvil.display_name(), "Local test chain");
        for chain in Chain::ALL {
            let name = chain.display_name();
            assert_ne!(name, chain.name(), "{chain} is shown as its API name");
            assert!(!name.contains(&chain.id().to_string()), "{name}");
        }
    }

    #[test]
    fn mainnets_wait_for_more_confirmations_than_test_chains() {
        assert!(Chain::Ethereum.default_confirmations() > Chain::Sepolia.default_confirmations());
        assert!(Chain::Anvil.default_confirmations() >= 1);
    }

    #[test]
    fn a_chain_of_the_other_mode_is_refused_with_its_own_code() {
        assert_eq!(Chain::parse_for_mode("base", true), Ok(Chain::Base));
        assert_eq!(Chain::parse_for_mode("anvil", false), Ok(Chain::Anvil));
        let live_on_test = Chain::parse_for_mode("anvil", true).unwrap_err();
        assert_eq!(live_on_test.code(), "chain_mode_mismatch");
        assert!(live_on_test.to_string().contains("ethereum or base"));
        let test_on_live = Chain::parse_for_mode("base", false).unwrap_err();
        assert!(test_on_live.to_string().contains("base-sepolia"));
        assert_eq!(
            Chain::parse_for_mode("Base", true).map_err(ChainError::code),
            Err("chain_unsupported")
        );
    }

    #[test]
    fn only_ethereum_and_base_are_mainnets() {
        let mainnets: Vec<Chain> = Chain::ALL.into_iter().filter(|c| c.is_mainnet()).collect();
        assert_eq!(mainnets, [Chain::Ethereum, Chain::Base]);
    }
}
