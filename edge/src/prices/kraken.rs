//! Kraken's public ticker: `GET {base}/0/public/Ticker?pair=ETHUSD`, no key.
//! Answer: `{"error": [], "result": {"XETHZUSD": {"c": ["3012.55", "0.005"], ...}}}`, where `c`
//! is the last trade (price, lot volume) and the result key is Kraken's own name for the pair.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;
use shared::money::{Asset, Currency};

use super::{SourceError, plain_price};

pub const NAME: &str = "kraken";
pub const BASE_URL: &str = "https://api.kraken.com";

pub fn url(base: &str, asset: Asset, currency: Currency) -> String {
    format!(
        "{base}/0/public/Ticker?pair={}{}",
        asset.symbol(),
        currency.code()
    )
}

#[derive(Deserialize)]
struct Answer {
    error: Vec<String>,
    #[serde(default)]
    result: serde_json::Map<String, Value>,
}

pub fn parse(body: &str) -> Result<Decimal, SourceError> {
    let answer: Answer =
        serde_json::from_str(body).map_err(|e| SourceError::Malformed(e.to_string()))?;
    if !answer.error.is_empty() {
        return Err(SourceError::Upstream(answer.error.join("; ")));
    }
    // One pair was asked for, so exactly one entry must come back, whatever Kraken calls it.
    let mut entries = answer.result.into_iter();
    let (Some((_, ticker)), None) = (entries.next(), entries.next()) else {
        return Err(SourceError::Malformed(
            "expected exactly one pair in result".into(),
        ));
    };
    let last = ticker
        .get("c")
        .and_then(|c| c.get(0))
        .and_then(Value::as_str)
        .ok_or_else(|| SourceError::Malformed("no last trade price (c[0])".into()))?;
    plain_price(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = r#"{"error":[],"result":{"XETHZUSD":{
        "a":["3012.56000","1","1.000"],"b":["3012.55000","2","2.000"],
        "c":["3012.55000","0.00500000"],"v":["1520.1","3410.2"],"p":["3001.2","2998.4"],
        "t":[5120,11003],"l":["2950.00","2950.00"],"h":["3050.00","3061.10"],"o":"2990.01"}}}"#;

    #[test]
    fn the_url_asks_for_one_pair() {
        assert_eq!(
            url(BASE_URL, Asset::Eth, Currency::Usd),
            "https://api.kraken.com/0/public/Ticker?pair=ETHUSD"
        );
    }

    #[test]
    fn a_ticker_answer_gives_the_last_trade_price() {
        assert_eq!(parse(RECORDED), Ok("3012.55".parse().unwrap()));
    }

    #[test]
    fn kraken_errors_are_reported_as_upstream() {
        let body = r#"{"error":["EQuery:Unknown asset pair"]}"#;
        assert_eq!(
            parse(body),
            Err(SourceError::Upstream("EQuery:Unknown asset pair".into()))
        );
    }

    #[test]
    fn answers_with_no_pair_or_several_or_no_price_are_malformed() {
        for body in [
            r#"{"error":[],"result":{}}"#,
            r#"{"error":[],"result":{"A":{"c":["1","1"]},"B":{"c":["2","1"]}}}"#,
            r#"{"error":[],"result":{"XETHZUSD":{"a":["1","1","1"]}}}"#,
            "not json",
        ] {
            assert!(
                matches!(parse(body), Err(SourceError::Malformed(_))),
                "{body}"
            );
        }
    }
}
