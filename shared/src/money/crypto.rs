//! `CryptoAmount`: an amount of an asset, held as an integer of its on-chain base units.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::money::decimal::{format_units, parse_integer, parse_units};
use crate::money::{Asset, MoneyError};

/// An amount such as 0.005 ETH, held as 5_000_000_000_000_000 wei: exactly what goes on chain.
/// Every `u128` of base units is valid. In JSON it is
/// `{"asset": "ETH", "base_units": "5000000000000000"}`: base units as an integer string, since
/// they pass 2^53 (a JSON number would lose them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CryptoWire", into = "CryptoWire")]
pub struct CryptoAmount {
    base_units: u128,
    asset: Asset,
}

impl CryptoAmount {
    /// `base_units` of 10^-decimals of `asset` (wei for ETH, 10^-6 for USDC and EURC).
    pub fn from_base_units(base_units: u128, asset: Asset) -> Self {
        Self { base_units, asset }
    }

    /// Parses a base-unit integer string such as `"5000000000000000"`: digits only, no dot.
    /// Past `u128::MAX` is [`MoneyError::AmountTooLarge`].
    pub fn parse_base_units(text: &str, asset: Asset) -> Result<Self, MoneyError> {
        Ok(Self::from_base_units(parse_integer(text)?, asset))
    }

    /// Parses a whole-unit decimal string such as `"0.005"` (ETH) with at most the asset's
    /// decimals, in the grammar all amounts share (see [`crate::money`]).
    pub fn parse(text: &str, asset: Asset) -> Result<Self, MoneyError> {
        Ok(Self::from_base_units(
            parse_units(text, asset.decimals())?,
            asset,
        ))
    }

    pub fn base_units(self) -> u128 {
        self.base_units
    }

    pub fn asset(self) -> Asset {
        self.asset
    }

    pub fn is_zero(self) -> bool {
        self.base_units == 0
    }

    /// Whole units rounded **up** to the asset's [`Asset::shown_decimals`], for reading:
    /// 0.004166666666666667 ETH reads `0.004167`, 26.630435 USDC `26.64`, 12.5 USDC `12.50`.
    /// Never less than the amount, so a customer who types what is shown does not underpay;
    /// wallets and QR codes get the exact base units. Trailing zeros past two decimals go.
    pub fn to_shown_string(self) -> String {
        let decimals = self.asset.decimals();
        let shown = self.asset.shown_decimals().min(decimals);
        let step = 10u128.pow(decimals - shown);
        let mut text = format_units(self.base_units.div_ceil(step), shown, false);
        let keep = text.len() - shown as usize + 2;
        while text.len() > keep && text.ends_with('0') {
            text.pop();
        }
        text
    }

    /// The base units as an integer string, e.g. `"5000000000000000"` for 0.005 ETH.
    pub fn to_base_units_string(self) -> String {
        self.base_units.to_string()
    }
}

/// Whole units with trailing zeros trimmed: `0.005` (ETH), `12.5` (USDC), `3`, `0`.
impl fmt::Display for CryptoAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_units(self.base_units, self.asset.decimals(), true))
    }
}

/// The JSON shape of a [`CryptoAmount`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CryptoWire {
    asset: Asset,
    base_units: String,
}

impl From<CryptoAmount> for CryptoWire {
    fn from(amount: CryptoAmount) -> Self {
        Self {
            asset: amount.asset,
            base_units: amount.to_base_units_string(),
        }
    }
}

impl TryFrom<CryptoWire> for CryptoAmount {
    type Error = MoneyError;

    fn try_from(wire: CryptoWire) -> Result<Self, MoneyError> {
        CryptoAmount::parse_base_units(&wire.base_units, wire.asset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(units: u128, asset: Asset) -> String {
        CryptoAmount::from_base_units(units, asset).to_shown_string()
    }

    #[test]
    fn ether_is_shown_to_six_decimals_rounded_up() {
        assert_eq!(shown(4_166_666_666_666_667, Asset::Eth), "0.004167");
        assert_eq!(shown(4_166_000_000_000_000, Asset::Eth), "0.004166");
        assert_eq!(shown(1, Asset::Eth), "0.000001");
        assert_eq!(shown(2_000_000_000_000_000_000, Asset::Eth), "2.00");
        assert_eq!(shown(1_500_000_000_000_000_000, Asset::Eth), "1.50");
    }

    #[test]
    fn stablecoins_are_shown_to_cents_rounded_up() {
        assert_eq!(shown(26_630_435, Asset::Usdc), "26.64");
        assert_eq!(shown(12_500_000, Asset::Eurc), "12.50");
        assert_eq!(shown(12_000_001, Asset::Usdc), "12.01");
        assert_eq!(shown(0, Asset::Usdc), "0.00");
    }

    #[test]
    fn a_shown_amount_is_never_rounded_down() {
        // 0.0041669 ETH would read 0.004166 if rounded to nearest below half, 0.004167 up.
        assert_ne!(shown(4_166_100_000_000_000, Asset::Eth), "0.004166");
        assert_ne!(shown(26_630_001, Asset::Usdc), "26.63");
    }

    proptest! {
        #[test]
        fn paying_the_shown_amount_never_underpays(units in 0u128..u128::MAX / 10, eth in any::<bool>()) {
            let asset = if eth { Asset::Eth } else { Asset::Usdc };
            let text = shown(units, asset);
            let back = CryptoAmount::parse(&text, asset).unwrap().base_units();
            let step = 10u128.pow(asset.decimals() - asset.shown_decimals());
            prop_assert!(back >= units);
            prop_assert!(back - units < step);
        }
    }

    fn eth(text: &str) -> Result<CryptoAmount, MoneyError> {
        CryptoAmount::parse(text, Asset::Eth)
    }

    #[test]
    fn whole_units_print_with_trailing_zeros_trimmed() {
        let amount = CryptoAmount::from_base_units(5_000_000_000_000_000, Asset::Eth);
        assert_eq!(amount.to_string(), "0.005");
        let usdc = |units| CryptoAmount::from_base_units(units, Asset::Usdc).to_string();
        assert_eq!(usdc(12_500_000), "12.5");
        assert_eq!(usdc(3_000_000), "3");
        assert_eq!(usdc(1), "0.000001");
        assert_eq!(usdc(0), "0");
    }

    #[test]
    fn base_units_print_as_an_integer_string() {
        let amount = CryptoAmount::from_base_units(5_000_000_000_000_000, Asset::Eth);
        assert_eq!(amount.to_base_units_string(), "5000000000000000");
        let max = CryptoAmount::from_base_units(u128::MAX, Asset::Eth);
        assert_eq!(max.to_base_units_string(), u128::MAX.to_string());
    }

    #[test]
    fn base_unit_strings_parse_to_the_same_integer() {
        let amount = CryptoAmount::parse_base_units("5000000000000000", Asset::Eth).unwrap();
        assert_eq!(amount.base_units(), 5_000_000_000_000_000);
        assert_eq!(amount.asset(), Asset::Eth);
        assert!(
            CryptoAmount::parse_base_units("0", Asset::Usdc)
                .unwrap()
                .is_zero()
        );
    }

    #[test]
    fn base_unit_strings_with_a_dot_sign_or_spaces_are_invalid() {
        for bad in ["", "1.0", "0.5", "-1", "+1", "1e18", " 1", "0x10", "1_000"] {
            assert_eq!(
                CryptoAmount::parse_base_units(bad, Asset::Eth),
                Err(MoneyError::AmountInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base_units_past_u128_are_too_large() {
        let past = format!("{}0", u128::MAX);
        assert_eq!(
            CryptoAmount::parse_base_units(&past, Asset::Eth),
            Err(MoneyError::AmountTooLarge)
        );
    }

    #[test]
    fn whole_unit_strings_parse_up_to_the_asset_decimals() {
        assert_eq!(eth("0.005").unwrap().base_units(), 5_000_000_000_000_000);
        assert_eq!(eth("1").unwrap().base_units(), 1_000_000_000_000_000_000);
        assert_eq!(eth("0.000000000000000001").unwrap().base_units(), 1);
        assert_eq!(
            CryptoAmount::parse("12.5", Asset::Usdc)
                .unwrap()
                .base_units(),
            12_500_000
        );
    }

    #[test]
    fn whole_unit_strings_finer_than_the_base_unit_are_refused() {
        assert_eq!(
            eth("0.0000000000000000001"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            CryptoAmount::parse("0.0000001", Asset::Usdc),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn whole_unit_strings_outside_the_grammar_are_invalid() {
        for bad in ["", "1.", ".5", "-0.1", "1e-3", "0,5"] {
            assert_eq!(eth(bad), Err(MoneyError::AmountInvalid), "{bad:?}");
        }
    }

    #[test]
    fn json_carries_base_units_as_a_string_beside_the_asset() {
        let amount = CryptoAmount::from_base_units(12_500_000, Asset::Usdc);
        let json = serde_json::to_string(&amount).unwrap();
        assert_eq!(json, r#"{"asset":"USDC","base_units":"12500000"}"#);
        assert_eq!(serde_json::from_str::<CryptoAmount>(&json).unwrap(), amount);
    }

    #[test]
    fn json_base_units_as_numbers_or_decimals_are_refused() {
        for bad in [
            r#"{"asset":"USDC","base_units":12500000}"#,
            r#"{"asset":"USDC","base_units":"12.5"}"#,
            r#"{"asset":"USDT","base_units":"1"}"#,
            r#"{"asset":"USDC","base_units":"1","amount":"1"}"#,
        ] {
            assert!(serde_json::from_str::<CryptoAmount>(bad).is_err(), "{bad}");
        }
    }

    fn any_asset() -> impl Strategy<Value = Asset> {
        prop::sample::select(Asset::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn whole_units_print_then_parse_to_the_same_amount(units: u128, asset in any_asset()) {
            let amount = CryptoAmount::from_base_units(units, asset);
            prop_assert_eq!(CryptoAmount::parse(&amount.to_string(), asset), Ok(amount));
        }

        #[test]
        fn base_units_print_then_parse_to_the_same_amount(units: u128, asset in any_asset()) {
            let amount = CryptoAmount::from_base_units(units, asset);
            let text = amount.to_base_units_string();
            prop_assert_eq!(CryptoAmount::parse_base_units(&text, asset), Ok(amount));
        }
    }
}
