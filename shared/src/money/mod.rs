//! Money: fiat currencies and amounts, crypto assets and amounts, rates, and conversion.
//!
//! Amounts are integers of the smallest unit (minor units of a currency, base units of an
//! asset) and cross JSON and D1 as decimal strings; nothing here is ever an `f64`. Amounts
//! change unit in one place, [`convert`], with the rounding rule stated there: the merchant is
//! never short.
//!
//! Every amount and rate is read in one grammar: ASCII digits, optionally a dot and more
//! digits (`"12"`, `"12.5"`, `"007.50"`). No sign, exponent, whitespace, digit separators,
//! leading dot (`".5"`) or trailing dot (`"1."`), and no more decimals than the unit has, not
//! even zeros (`"1.500"` USD is refused): each value has one spelling that reads the same in
//! every client.

pub mod asset;
pub mod convert;
pub mod crypto;
pub mod currency;
mod decimal;
pub mod error;
pub mod fiat;
pub mod rate;

pub use asset::Asset;
pub use convert::{crypto_to_fiat, fiat_to_crypto};
pub use crypto::CryptoAmount;
pub use currency::Currency;
pub use error::MoneyError;
pub use fiat::FiatAmount;
pub use rate::Rate;
