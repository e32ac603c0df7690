//! `FiatAmount`: a non-negative amount of a currency, held as an integer of minor units.

use core::fmt;

use crate::money::{Currency, MoneyError};

/// An amount such as 12.50 USD, held as 1250 minor units. Parsed only from decimal strings with
/// at most the currency's decimals, so every value is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiatAmount {
    minor: u64,
    currency: Currency,
}

impl FiatAmount {
    /// 10^15 minor units (ten trillion dollars): far above any payment, and exact as a JS number.
    pub const MAX_MINOR: u64 = 1_000_000_000_000_000;

    pub fn from_minor(minor: u64, currency: Currency) -> Result<Self, MoneyError> {
        if minor > Self::MAX_MINOR {
            return Err(MoneyError::AmountTooLarge);
        }
        Ok(Self { minor, currency })
    }

    /// Parses `"12"`, `"12.5"` or `"12.50"`. No sign, exponent, spaces, leading or trailing dot,
    /// and no more decimals than the currency has (`"1.234"` USD, `"1.5"` JPY are refused).
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (text, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
            return Err(MoneyError::AmountInvalid);
        }
        let exponent = currency.exponent() as usize;
        let fraction = fraction.unwrap_or("");
        if fraction.len() > exponent {
            return Err(MoneyError::TooManyDecimals);
        }
        let scale = 10u64.pow(currency.exponent());
        let whole: u64 = whole.parse().map_err(|_| MoneyError::AmountTooLarge)?;
        let padded = format!("{fraction:0<exponent$}");
        let fraction: u64 = if padded.is_empty() {
            0
        } else {
            padded.parse().map_err(|_| MoneyError::AmountInvalid)?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|m| m.checked_add(fraction))
            .ok_or(MoneyError::AmountTooLarge)?;
        Self::from_minor(minor, currency)
    }

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
        let exponent = self.currency.exponent();
        if exponent == 0 {
            return write!(f, "{}", self.minor);
        }
        let scale = 10u64.pow(exponent);
        let width = exponent as usize;
        write!(f, "{}.{:0width$}", self.minor / scale, self.minor % scale)
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn printing_then_parsing_gives_the_same_amount(minor in 0..=FiatAmount::MAX_MINOR, pick in 0usize..11) {
            let currency = Currency::ALL[pick];
            let amount = FiatAmount::from_minor(minor, currency).unwrap();
            prop_assert_eq!(FiatAmount::parse(&amount.to_string(), currency), Ok(amount));
        }
    }
}
