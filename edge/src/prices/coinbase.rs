//! Coinbase's public spot price: `GET {base}/v2/prices/ETH-USD/spot`, no key.
//! Answer: `{"data": {"amount": "3012.55", "base": "ETH", "currency": "USD"}}`.

use rust_decimal::Decimal;
use serde::Deserialize;
use shared::money::{Asset, Currency};

use super::{SourceError, plain_price};

pub const NAME: &str = "coinbase";
pub const BASE_URL: &str = "https://api.coinbase.com";

pub fn url(base: &str, asset: Asset, currency: Currency) -> String {
    format!(
        "{base}/v2/prices/{}-{}/spot",
        asset.symbol(),
        currency.code()
    )
}

#[derive(Deserialize)]
struct Answer {
    data: Spot,
}

#[derive(Deserialize)]
struct Spot {
    amount: String,
    base: String,
    currency: String,
}

pub fn parse(body: &str, asset: Asset, currency: Currency) -> Result<Decimal, SourceError> {
    let answer: Answer =
        serde_json::from_str(body).map_err(|e| SourceError::Malformed(e.to_string()))?;
    let spot = answer.data;
    if spot.base != asset.symbol() || spot.currency != currency.code() {
        return Err(SourceError::WrongPair(format!(
            "{}-{}",
            spot.base, spot.currency
        )));
    }
    plain_price(&spot.amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = r#"{"data":{"amount":"3012.55","base":"ETH","currency":"USD"}}"#;

    #[test]
    fn the_url_names_the_pair() {
        assert_eq!(
            url(BASE_URL, Asset::Usdc, Currency::Eur),
            "https://api.coinbase.com/v2/prices/USDC-EUR/spot"
        );
    }

    #[test]
    fn a_spot_answer_gives_its_amount() {
        assert_eq!(
            parse(RECORDED, Asset::Eth, Currency::Usd),
            Ok("3012.55".parse().unwrap())
        );
    }

    #[test]
    fn an_answer_for_another_pair_is_refused() {
        assert_eq!(
            parse(RECORDED, Asset::Eth, Currency::Eur),
            Err(SourceError::WrongPair("ETH-USD".into()))
        );
    }

    #[test]
    fn errors_and_odd_amounts_are_refused() {
        let error = r#"{"errors":[{"id":"not_found","message":"Invalid currency"}]}"#;
        assert!(matches!(
            parse(error, Asset::Eth, Currency::Usd),
            Err(SourceError::Malformed(_))
        ));
        for amount in ["-1", "0", "1e3", "", "abc"] {
            let body =
                format!(r#"{{"data":{{"amount":"{amount}","base":"ETH","currency":"USD"}}}}"#);
            assert!(parse(&body, Asset::Eth, Currency::Usd).is_err(), "{amount}");
        }
    }
}
