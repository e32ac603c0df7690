//! `MoneyError`: why a currency, amount or asset was refused, with a stable code each.

use core::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not three upper-case letters.
    CurrencyInvalid,
    /// A well-formed ISO 4217 code we do not price.
    CurrencyUnsupported,
    /// Not a plain decimal number (sign, exponent, spaces, empty, stray dot).
    AmountInvalid,
    /// More decimals than the currency has minor units (e.g. 1.234 USD, 1.5 JPY).
    TooManyDecimals,
    /// Larger than [`crate::money::FiatAmount::MAX_MINOR`].
    AmountTooLarge,
    /// Not ETH, USDC or EURC.
    AssetUnsupported,
}

impl MoneyError {
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::CurrencyInvalid => "currency_invalid",
            MoneyError::CurrencyUnsupported => "currency_unsupported",
            MoneyError::AmountInvalid => "amount_invalid",
            MoneyError::TooManyDecimals => "amount_too_many_decimals",
            MoneyError::AmountTooLarge => "amount_too_large",
            MoneyError::AssetUnsupported => "asset_unsupported",
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
        })
    }
}

impl std::error::Error for MoneyError {}
