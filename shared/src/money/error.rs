//! `MoneyError`: why money input was refused, with a stable code for each reason.

use core::fmt;

/// Every way money input can be refused. Each variant has a stable snake_case [`code`] that
/// clients match on (the edge answers them as 400s), so codes are never renamed.
///
/// [`code`]: MoneyError::code
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not three upper-case letters.
    CurrencyInvalid,
    /// A well-formed ISO 4217 code we do not price.
    CurrencyUnsupported,
    /// Not a plain decimal number (sign, exponent, spaces, empty, stray dot).
    AmountInvalid,
    /// More decimals than the currency or asset has (e.g. 1.234 USD, 1.5 JPY, 0.0000001 USDC).
    TooManyDecimals,
    /// Larger than the largest amount held: [`crate::money::FiatAmount::MAX_MINOR`] minor
    /// units, or `u128::MAX` base units of an asset.
    AmountTooLarge,
    /// Not ETH, USDC or EURC.
    AssetUnsupported,
    /// A rate that is not a plain decimal string with at most 28 decimals.
    RateInvalid,
    /// A rate of zero or below: no asset is free.
    RateNotPositive,
    /// The rate prices another asset, or in another currency, than the conversion asked for.
    RateMismatch,
    /// The converted amount does not fit the target type (only at absurd rates).
    ConversionOverflow,
}

impl MoneyError {
    /// The stable machine-readable code, e.g. `amount_too_many_decimals`.
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::CurrencyInvalid => "currency_invalid",
            MoneyError::CurrencyUnsupported => "currency_unsupported",
            MoneyError::AmountInvalid => "amount_invalid",
            MoneyError::TooManyDecimals => "amount_too_many_decimals",
            MoneyError::AmountTooLarge => "amount_too_large",
            MoneyError::AssetUnsupported => "asset_unsupported",
            MoneyError::RateInvalid => "rate_invalid",
            MoneyError::RateNotPositive => "rate_not_positive",
            MoneyError::RateMismatch => "rate_mismatch",
            MoneyError::ConversionOverflow => "conversion_overflow",
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::CurrencyInvalid => "a currency is a three-letter upper-case ISO 4217 code",
            MoneyError::CurrencyUnsupported => "this currency is not supported",
            MoneyError::AmountInvalid => {
                "an amount is a decimal string such as \"12\" or \"12.50\""
            }
            MoneyError::TooManyDecimals => "the amount has more decimals than the currency allows",
            MoneyError::AmountTooLarge => "the amount is too large",
            MoneyError::AssetUnsupported => "the asset is ETH, USDC or EURC",
            MoneyError::RateInvalid => {
                "a rate is a decimal string such as \"3000.25\" with at most 28 decimals"
            }
            MoneyError::RateNotPositive => "a rate is above zero",
            MoneyError::RateMismatch => "the rate is for another asset or currency",
            MoneyError::ConversionOverflow => "the converted amount is too large",
        })
    }
}

impl std::error::Error for MoneyError {}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [MoneyError; 10] = [
        MoneyError::CurrencyInvalid,
        MoneyError::CurrencyUnsupported,
        MoneyError::AmountInvalid,
        MoneyError::TooManyDecimals,
        MoneyError::AmountTooLarge,
        MoneyError::AssetUnsupported,
        MoneyError::RateInvalid,
        MoneyError::RateNotPositive,
        MoneyError::RateMismatch,
        MoneyError::ConversionOverflow,
    ];

    #[test]
    fn codes_are_distinct_snake_case() {
        for (i, error) in ALL.iter().enumerate() {
            let code = error.code();
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
            assert!(
                ALL[i + 1..].iter().all(|other| other.code() != code),
                "{code}"
            );
        }
    }

    #[test]
    fn published_codes_do_not_change() {
        // Clients and the e2e suite match on these strings.
        assert_eq!(
            MoneyError::TooManyDecimals.code(),
            "amount_too_many_decimals"
        );
        assert_eq!(MoneyError::AmountInvalid.code(), "amount_invalid");
        assert_eq!(MoneyError::CurrencyInvalid.code(), "currency_invalid");
    }

    #[test]
    fn every_error_has_a_sentence_for_people() {
        for error in ALL {
            assert!(!error.to_string().is_empty());
            assert_ne!(error.to_string(), error.code());
        }
    }
}
