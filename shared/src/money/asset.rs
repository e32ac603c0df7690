//! `Asset`: the crypto assets a link can accept, each with its on-chain decimals.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::MoneyError;

/// A crypto asset a link accepts. Closed: a new one is added here with its decimals. In JSON it
/// is its symbol, `"USDC"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Asset {
    /// Ether, the native coin: 18 decimals (wei).
    Eth,
    /// Circle's USD coin, an ERC-20 with 6 decimals.
    Usdc,
    /// Circle's euro coin, an ERC-20 with 6 decimals.
    Eurc,
}

impl Asset {
    /// Every supported asset.
    pub const ALL: [Asset; 3] = [Asset::Eth, Asset::Usdc, Asset::Eurc];

    /// The ticker symbol, upper case: `"ETH"`, `"USDC"`, `"EURC"`.
    pub fn symbol(self) -> &'static str {
        match self {
            Asset::Eth => "ETH",
            Asset::Usdc => "USDC",
            Asset::Eurc => "EURC",
        }
    }

    /// Decimals of the base unit: amounts on chain are integers of 10^-decimals.
    pub fn decimals(self) -> u32 {
        match self {
            Asset::Eth => 18,
            Asset::Usdc | Asset::Eurc => 6,
        }
    }

    /// Decimals a customer reads amounts at: ether to 6 (a millionth is a fraction of a cent),
    /// the stablecoins to 2, like the currencies they track.
    pub fn shown_decimals(self) -> u32 {
        match self {
            Asset::Eth => 6,
            Asset::Usdc | Asset::Eurc => 2,
        }
    }

    /// Whether payments arrive as the chain's native coin rather than an ERC-20 transfer.
    pub fn is_native(self) -> bool {
        match self {
            Asset::Eth => true,
            Asset::Usdc | Asset::Eurc => false,
        }
    }

    /// Reads the exact upper-case symbol; anything else (`"eth"`, `"USDT"`) is
    /// [`MoneyError::AssetUnsupported`].
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        Asset::ALL
            .into_iter()
            .find(|a| a.symbol() == input)
            .ok_or(MoneyError::AssetUnsupported)
    }
}

impl fmt::Display for Asset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl Serialize for Asset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.symbol())
    }
}

impl<'de> Deserialize<'de> for Asset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let symbol = String::deserialize(deserializer)?;
        Asset::parse(&symbol).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_know_their_decimals_and_kind() {
        assert_eq!((Asset::Eth.decimals(), Asset::Eth.is_native()), (18, true));
        assert_eq!(
            (Asset::Usdc.decimals(), Asset::Usdc.is_native()),
            (6, false)
        );
        assert_eq!(
            (Asset::Eurc.decimals(), Asset::Eurc.is_native()),
            (6, false)
        );
    }

    #[test]
    fn assets_parse_from_their_exact_symbol_only() {
        for asset in Asset::ALL {
            assert_eq!(Asset::parse(asset.symbol()), Ok(asset));
        }
        for bad in ["eth", "USDT", "BTC", ""] {
            assert_eq!(
                Asset::parse(bad),
                Err(MoneyError::AssetUnsupported),
                "{bad}"
            );
        }
    }

    #[test]
    fn json_carries_the_symbol_and_refuses_other_spellings() {
        assert_eq!(serde_json::to_string(&Asset::Eurc).unwrap(), r#""EURC""#);
        assert_eq!(
            serde_json::from_str::<Asset>(r#""ETH""#).unwrap(),
            Asset::Eth
        );
        assert!(serde_json::from_str::<Asset>(r#""usdc""#).is_err());
    }
}
