//! `Currency`: the fiat currencies links can be priced in, each with its minor-unit exponent.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::MoneyError;

/// A supported ISO 4217 currency. Closed: a new one is added here, with its exponent.
/// In JSON it is its upper-case code, `"USD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    Aud,
    Brl,
    Cad,
    Chf,
    Eur,
    Gbp,
    Inr,
    Jpy,
    Krw,
    Ngn,
    Usd,
}

impl Currency {
    /// Every supported currency, in code order.
    pub const ALL: [Currency; 11] = [
        Currency::Aud,
        Currency::Brl,
        Currency::Cad,
        Currency::Chf,
        Currency::Eur,
        Currency::Gbp,
        Currency::Inr,
        Currency::Jpy,
        Currency::Krw,
        Currency::Ngn,
        Currency::Usd,
    ];

    /// The upper-case ISO 4217 code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Aud => "AUD",
            Currency::Brl => "BRL",
            Currency::Cad => "CAD",
            Currency::Chf => "CHF",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Inr => "INR",
            Currency::Jpy => "JPY",
            Currency::Krw => "KRW",
            Currency::Ngn => "NGN",
            Currency::Usd => "USD",
        }
    }

    /// Decimal places of the minor unit (ISO 4217): 2 for USD cents, 0 for JPY and KRW.
    pub fn exponent(self) -> u32 {
        match self {
            Currency::Jpy | Currency::Krw => 0,
            Currency::Aud
            | Currency::Brl
            | Currency::Cad
            | Currency::Chf
            | Currency::Eur
            | Currency::Gbp
            | Currency::Inr
            | Currency::Ngn
            | Currency::Usd => 2,
        }
    }

    /// Reads an upper-case ISO 4217 code. Anything that is not three ASCII upper-case letters
    /// (`"usd"`, `"US"`) is [`MoneyError::CurrencyInvalid`]; a well-formed code outside the list
    /// (`"XAU"`) is [`MoneyError::CurrencyUnsupported`].
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        if input.len() != 3 || !input.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(MoneyError::CurrencyInvalid);
        }
        Currency::ALL
            .into_iter()
            .find(|c| c.code() == input)
            .ok_or(MoneyError::CurrencyUnsupported)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_parses_from_its_code() {
        for currency in Currency::ALL {
            assert_eq!(Currency::parse(currency.code()), Ok(currency));
        }
    }

    #[test]
    fn exponents_follow_iso_4217() {
        assert_eq!(Currency::Usd.exponent(), 2);
        assert_eq!(Currency::Ngn.exponent(), 2);
        assert_eq!(Currency::Jpy.exponent(), 0);
        assert_eq!(Currency::Krw.exponent(), 0);
    }

    #[test]
    fn lower_case_and_malformed_codes_are_invalid() {
        for bad in ["usd", "Usd", "US", "USDT", "", "U5D"] {
            assert_eq!(
                Currency::parse(bad),
                Err(MoneyError::CurrencyInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn well_formed_but_unpriced_codes_are_unsupported() {
        assert_eq!(Currency::parse("XAU"), Err(MoneyError::CurrencyUnsupported));
        assert_eq!(Currency::parse("ZZZ"), Err(MoneyError::CurrencyUnsupported));
    }

    #[test]
    fn json_carries_the_code_and_refuses_other_spellings() {
        assert_eq!(serde_json::to_string(&Currency::Ngn).unwrap(), r#""NGN""#);
        assert_eq!(
            serde_json::from_str::<Currency>(r#""EUR""#).unwrap(),
            Currency::Eur
        );
        for bad in [r#""eur""#, r#""XAU""#, "978", "null"] {
            assert!(serde_json::from_str::<Currency>(bad).is_err(), "{bad}");
        }
    }
}
