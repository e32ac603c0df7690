//! The fixed source for local development and tests: prices from configuration, e.g.
//! `PRICES_FIXED = "ETH/USD=3000.00, USDC/USD=1, EURC/EUR=1"`.

use rust_decimal::Decimal;
use shared::money::{Asset, Currency};

use super::{SourceError, plain_price};

pub const NAME: &str = "fixed";

/// Every configured price; a malformed entry fails the whole configuration, loudly.
pub fn parse(config: &str) -> Result<Vec<(Asset, Currency, Decimal)>, SourceError> {
    config
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let bad = || {
                SourceError::Malformed(format!("fixed price {entry:?}: want ASSET/CURRENCY=PRICE"))
            };
            let (pair, price) = entry.split_once('=').ok_or_else(bad)?;
            let (asset, currency) = pair.split_once('/').ok_or_else(bad)?;
            let asset = Asset::parse(asset.trim()).map_err(|_| bad())?;
            let currency = Currency::parse(currency.trim()).map_err(|_| bad())?;
            Ok((asset, currency, plain_price(price.trim())?))
        })
        .collect()
}

/// The configured price of `asset` in `currency`, if any.
pub fn price(
    config: &[(Asset, Currency, Decimal)],
    asset: Asset,
    currency: Currency,
) -> Option<Decimal> {
    config
        .iter()
        .find(|(a, c, _)| *a == asset && *c == currency)
        .map(|(_, _, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_prices_are_found_by_pair() {
        let config = parse("ETH/USD=3000.00, USDC/USD=1 ,EURC/EUR=1").unwrap();
        assert_eq!(
            price(&config, Asset::Eth, Currency::Usd),
            Some("3000".parse().unwrap())
        );
        assert_eq!(price(&config, Asset::Eth, Currency::Eur), None);
    }

    #[test]
    fn malformed_entries_fail_the_configuration() {
        for bad in [
            "ETH/USD",
            "ETH=3000",
            "BTC/USD=1",
            "ETH/usd=1",
            "ETH/USD=-1",
            "ETH/USD=abc",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("").unwrap(), vec![]);
    }
}
