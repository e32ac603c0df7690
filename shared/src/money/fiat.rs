//! `FiatAmount`: a non-negative amount of a currency, held as an integer of minor units.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::money::decimal::{format_units, parse_units};
use crate::money::{Currency, MoneyError};

/// An amount such as 12.50 USD, held as 1250 minor units. Invariant: `minor ≤ MAX_MINOR`.
/// Parsed only from decimal strings with at most the currency's decimals, so every value is
/// exact. In JSON it is `{"amount": "12.50", "currency": "USD"}`: the amount is a string, since
/// a JSON number would be read as a float by some client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "FiatWire", into = "FiatWire")]
pub struct FiatAmount {
    minor: u64,
    currency: Currency,
}

impl FiatAmount {
    /// 10^15 minor units (ten trillion dollars): far above any payment, and exact as a JS number.
    pub const MAX_MINOR: u64 = 1_000_000_000_000_000;

    /// An amount of `minor` units (cents for USD, yen for JPY); above [`Self::MAX_MINOR`] is
    /// [`MoneyError::AmountTooLarge`].
    pub fn from_minor(minor: u64, currency: Currency) -> Result<Self, MoneyError> {
        if minor > Self::MAX_MINOR {
            return Err(MoneyError::AmountTooLarge);
        }
        Ok(Self { minor, currency })
    }

    /// Parses `"12"`, `"12.5"` or `"12.50"`. No sign, exponent, spaces, leading or trailing dot,
    /// and no more decimals than the currency has (`"1.234"` USD, `"1.5"` JPY are refused).
    /// This is the grammar all amounts share (see [`crate::money`]).
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let minor = parse_units(text, currency.exponent())?;
        let minor = u64::try_from(minor).map_err(|_| MoneyError::AmountTooLarge)?;
        Self::from_minor(minor, currency)
    }

    /// The amount in minor units: 1250 for 12.50 USD.
    pub fn minor(self) -> u64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    pub fn is_zero(self) -> bool {
        self.minor == 0
    }
}

/// The canonical decimal string, with exactly the currency's decimals: `12.50`, `500` (JPY).
impl fmt::Display for FiatAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format_units(u128::from(self.minor), self.currency.exponent(), false);
        f.write_str(&text)
    }
}

/// The JSON shape of a [`FiatAmount`]; deserializing goes through [`FiatAmount::parse`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FiatWire {
    amount: String,
    currency: Currency,
}

impl From<FiatAmount> for FiatWire {
    fn from(amount: FiatAmount) -> Self {
        Self {
            amount: amount.to_string(),
            currency: amount.currency,
        }
    }
}

impl TryFrom<FiatWire> for FiatAmount {
    type Error = MoneyError;

    fn try_from(wire: FiatWire) -> Result<Self, MoneyError> {
        FiatAmount::parse(&wire.amount, wire.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn usd(text: &str) -> Result<FiatAmount, MoneyError> {
        FiatAmount::parse(text, Currency::Usd)
    }

    #[test]
    fn decimal_strings_become_minor_units() {
        assert_eq!(usd("12").unwrap().minor(), 1200);
        assert_eq!(usd("12.5").unwrap().minor(), 1250);
        assert_eq!(usd("12.50").unwrap().minor(), 1250);
        assert_eq!(usd("0.01").unwrap().minor(), 1);
        assert_eq!(usd("0").unwrap().minor(), 0);
        assert_eq!(
            FiatAmount::parse("500", Currency::Jpy).unwrap().minor(),
            500
        );
    }

    #[test]
    fn amounts_print_with_exactly_the_currency_decimals() {
        assert_eq!(usd("12.5").unwrap().to_string(), "12.50");
        assert_eq!(usd("7").unwrap().to_string(), "7.00");
        assert_eq!(
            FiatAmount::parse("500", Currency::Jpy).unwrap().to_string(),
            "500"
        );
    }

    #[test]
    fn more_decimals_than_the_currency_has_are_refused() {
        assert_eq!(usd("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(usd("1.500"), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            FiatAmount::parse("1.5", Currency::Jpy),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn anything_but_plain_digits_and_one_dot_is_invalid() {
        for bad in [
            "", "-1", "+1", "1e3", " 1", "1 ", "1.", ".5", "1.2.3", "1,50", "abc", "0x10", "١٢",
        ] {
            assert_eq!(usd(bad), Err(MoneyError::AmountInvalid), "{bad:?}");
        }
    }

    #[test]
    fn amounts_above_the_maximum_are_too_large() {
        assert!(usd("10000000000000.00").is_ok());
        assert_eq!(usd("10000000000000.01"), Err(MoneyError::AmountTooLarge));
        assert_eq!(
            usd("99999999999999999999999"),
            Err(MoneyError::AmountTooLarge)
        );
    }

    #[test]
    fn minor_units_above_the_maximum_are_too_large() {
        let max = FiatAmount::MAX_MINOR;
        assert!(FiatAmount::from_minor(max, Currency::Usd).is_ok());
        assert_eq!(
            FiatAmount::from_minor(max + 1, Currency::Usd),
            Err(MoneyError::AmountTooLarge)
        );
    }

    #[test]
    fn json_carries_the_amount_as_a_decimal_string_beside_its_currency() {
        let amount = usd("12.5").unwrap();
        let json = serde_json::to_string(&amount).unwrap();
        assert_eq!(json, r#"{"amount":"12.50","currency":"USD"}"#);
        assert_eq!(serde_json::from_str::<FiatAmount>(&json).unwrap(), amount);
    }

    #[test]
    fn json_amounts_as_numbers_or_off_grammar_strings_are_refused() {
        for bad in [
            r#"{"amount":12.5,"currency":"USD"}"#,
            r#"{"amount":"1.234","currency":"USD"}"#,
            r#"{"amount":"1.5","currency":"JPY"}"#,
            r#"{"amount":"12.50","currency":"usd"}"#,
            r#"{"amount":"12.50"}"#,
            r#"{"amount":"12.50","currency":"USD","extra":1}"#,
        ] {
            assert!(serde_json::from_str::<FiatAmount>(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn printing_then_parsing_gives_the_same_amount(minor in 0..=FiatAmount::MAX_MINOR, pick in 0..Currency::ALL.len()) {
            let currency = Currency::ALL[pick];
            let amount = FiatAmount::from_minor(minor, currency).unwrap();
            prop_assert_eq!(FiatAmount::parse(&amount.to_string(), currency), Ok(amount));
        }
    }
}
