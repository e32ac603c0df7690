//! `Chain`: the EVM networks links settle on. Live mode uses mainnets; test mode the rest.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

    pub fn parse(input: &str) -> Option<Self> {
        Chain::ALL.into_iter().find(|c| c.name() == input)
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
    fn only_ethereum_and_base_are_mainnets() {
        let mainnets: Vec<Chain> = Chain::ALL.into_iter().filter(|c| c.is_mainnet()).collect();
        assert_eq!(mainnets, [Chain::Ethereum, Chain::Base]);
    }
}
