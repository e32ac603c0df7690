//! Price sources: exchange adapters, a fixed source for development, and the policy that turns
//! their answers into one rate or refuses to quote.
//!
//! Everything here is pure (URLs to ask, bodies to parse, numbers to combine); the worker does
//! the fetching, so each adapter is tested against recorded responses without a network.

pub mod aggregate;
pub mod coinbase;
pub mod fixed;
pub mod kraken;

#[cfg(target_arch = "wasm32")]
pub mod feed;

use core::fmt;

/// Why one source gave no usable price. Logged; never shown to a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// Not the JSON shape the source documents.
    Malformed(String),
    /// A price for another pair than the one asked for.
    WrongPair(String),
    /// The source answered with its own error.
    Upstream(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Malformed(why) => write!(f, "malformed answer: {why}"),
            SourceError::WrongPair(pair) => write!(f, "answered for another pair: {pair}"),
            SourceError::Upstream(message) => write!(f, "source error: {message}"),
        }
    }
}

/// A price as a plain positive decimal string ("3012.55"): no sign, exponent or spaces.
fn plain_price(text: &str) -> Result<rust_decimal::Decimal, SourceError> {
    let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let price: Option<rust_decimal::Decimal> = plain.then(|| text.parse().ok()).flatten();
    price
        .filter(|p| p.is_sign_positive() && !p.is_zero())
        .ok_or_else(|| SourceError::Malformed(format!("price {text:?}")))
}
