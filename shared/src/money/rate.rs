//! `Rate`: the price of one whole unit of an asset in a fiat currency, an exact positive decimal.

use core::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::decimal::split;
use crate::money::{Asset, Currency, MoneyError};

/// "1 ETH costs 3000.25 USD": the asset and currency it prices, and a price above zero.
/// The price is a [`Decimal`] (up to 28 decimals), never a float. In JSON it is
/// `{"asset": "ETH", "currency": "USD", "price": "3000.25"}`, the price a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RateWire", into = "RateWire")]
pub struct Rate {
    asset: Asset,
    currency: Currency,
    price: Decimal,
}

impl Rate {
    /// A rate at `price`, which must be above zero ([`MoneyError::RateNotPositive`]).
    pub fn new(asset: Asset, currency: Currency, price: Decimal) -> Result<Self, MoneyError> {
        if price.is_zero() || price.is_sign_negative() {
            return Err(MoneyError::RateNotPositive);
        }
        Ok(Self {
            asset,
            currency,
            price,
        })
    }

    /// Parses the price from a decimal string such as `"3000.25"`, in the grammar all amounts
    /// share (see [`crate::money`]), with at most 28 decimals and 28 or so significant digits
    /// (what a [`Decimal`] holds exactly); otherwise [`MoneyError::RateInvalid`]. A zero price
    /// is [`MoneyError::RateNotPositive`]; a negative one is outside the grammar.
    pub fn parse(asset: Asset, currency: Currency, text: &str) -> Result<Self, MoneyError> {
        // Decimal's own parser also takes signs and `_` separators: the shared grammar first.
        split(text).map_err(|_| MoneyError::RateInvalid)?;
        let price = Decimal::from_str_exact(text).map_err(|_| MoneyError::RateInvalid)?;
        Self::new(asset, currency, price)
    }

    /// The asset one unit of which this rate prices.
    pub fn asset(&self) -> Asset {
        self.asset
    }

    /// The currency the price is in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The price of one whole unit of [`Self::asset`], always above zero.
    pub fn price(&self) -> Decimal {
        self.price
    }
}

/// The price as a decimal string, as given: `3000.25`.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.price, f)
    }
}

/// The JSON shape of a [`Rate`]; deserializing goes through [`Rate::parse`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateWire {
    asset: Asset,
    currency: Currency,
    price: String,
}

impl From<Rate> for RateWire {
    fn from(rate: Rate) -> Self {
        Self {
            asset: rate.asset,
            currency: rate.currency,
            price: rate.price.to_string(),
        }
    }
}

impl TryFrom<RateWire> for Rate {
    type Error = MoneyError;

    fn try_from(wire: RateWire) -> Result<Self, MoneyError> {
        Rate::parse(wire.asset, wire.currency, &wire.price)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eth_usd(text: &str) -> Result<Rate, MoneyError> {
        Rate::parse(Asset::Eth, Currency::Usd, text)
    }

    #[test]
    fn decimal_strings_become_exact_prices() {
        let rate = eth_usd("3000.25").unwrap();
        assert_eq!(rate.price(), Decimal::new(300_025, 2));
        assert_eq!((rate.asset(), rate.currency()), (Asset::Eth, Currency::Usd));
        assert_eq!(rate.to_string(), "3000.25");
        assert_eq!(eth_usd("1").unwrap().price(), Decimal::ONE);
        let smallest = "0.0000000000000000000000000001";
        assert_eq!(eth_usd(smallest).unwrap().price(), Decimal::new(1, 28));
    }

    #[test]
    fn zero_prices_are_not_positive() {
        for zero in ["0", "0.0", "000.000"] {
            assert_eq!(eth_usd(zero), Err(MoneyError::RateNotPositive), "{zero}");
        }
    }

    #[test]
    fn negative_or_zero_decimals_are_not_positive() {
        let new = |price| Rate::new(Asset::Usdc, Currency::Eur, price);
        assert_eq!(new(Decimal::new(-5, 1)), Err(MoneyError::RateNotPositive));
        assert_eq!(new(Decimal::ZERO), Err(MoneyError::RateNotPositive));
        assert_eq!(new(Decimal::NEGATIVE_ONE), Err(MoneyError::RateNotPositive));
        assert!(new(Decimal::new(1, 28)).is_ok());
    }

    #[test]
    fn strings_outside_the_grammar_are_invalid() {
        for bad in [
            "", "-1", "+1", "-0", "1e3", " 1", "1 ", "1_000", "1.", ".5", "1,5", "NaN", "inf",
        ] {
            assert_eq!(eth_usd(bad), Err(MoneyError::RateInvalid), "{bad:?}");
        }
    }

    #[test]
    fn prices_a_decimal_cannot_hold_exactly_are_invalid() {
        let too_fine = "0.00000000000000000000000000001"; // 29 decimals
        let too_big = "99999999999999999999999999999999"; // past 2^96
        for bad in [too_fine, too_big] {
            assert_eq!(eth_usd(bad), Err(MoneyError::RateInvalid), "{bad}");
        }
    }

    #[test]
    fn json_carries_the_price_as_a_string() {
        let rate = eth_usd("3000.25").unwrap();
        let json = serde_json::to_string(&rate).unwrap();
        assert_eq!(
            json,
            r#"{"asset":"ETH","currency":"USD","price":"3000.25"}"#
        );
        assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate);
    }

    #[test]
    fn json_prices_as_numbers_zero_or_unknown_fields_are_refused() {
        for bad in [
            r#"{"asset":"ETH","currency":"USD","price":3000.25}"#,
            r#"{"asset":"ETH","currency":"USD","price":"0"}"#,
            r#"{"asset":"ETH","currency":"USD","price":"-1"}"#,
            r#"{"asset":"ETH","currency":"USD","price":"1","at":0}"#,
            r#"{"asset":"ETH","price":"1"}"#,
        ] {
            assert!(serde_json::from_str::<Rate>(bad).is_err(), "{bad}");
        }
    }
}
