//! Money: fiat currencies with their minor units, fiat amounts, and crypto assets.
//!
//! Amounts are integers of the smallest unit and cross JSON and D1 as decimal strings; nothing
//! here is ever an `f64`.

pub mod asset;
pub mod currency;
pub mod error;
pub mod fiat;

pub use asset::Asset;
pub use currency::Currency;
pub use error::MoneyError;
pub use fiat::FiatAmount;
