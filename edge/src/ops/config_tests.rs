//! Configuration rules: defaults, overrides, and a clear error for every malformed value.

use std::collections::HashMap;

use super::*;

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name: &str| map.get(name).cloned()
}

#[test]
fn prices_default_to_two_exchanges_that_must_both_answer() {
    let prices = prices(&vars(&[])).unwrap();
    let names: Vec<&str> = prices.sources.iter().map(Source::name).collect();
    assert_eq!(names, ["coinbase", "kraken"]);
    assert_eq!(prices.policy.min_sources, 2);
    assert_eq!(
        prices.sources[0],
        Source::Coinbase {
            base_url: "https://api.coinbase.com".into()
        }
    );
}

#[test]
fn exchange_urls_and_policy_can_be_overridden() {
    let prices = prices(&vars(&[
        ("COINBASE_API_URL", "http://127.0.0.1:9001"),
        ("PRICE_MIN_SOURCES", "1"),
        ("PRICE_MAX_SPREAD_BPS", "50"),
    ]))
    .unwrap();
    assert_eq!(
        prices.sources[0],
        Source::Coinbase {
            base_url: "http://127.0.0.1:9001".into()
        }
    );
    assert_eq!(prices.policy.min_sources, 1);
    assert_eq!(prices.policy.max_spread_bps, 50);
}

#[test]
fn the_fixed_source_needs_valid_prices() {
    let fixed = prices(&vars(&[
        ("PRICE_SOURCES", "fixed"),
        ("PRICES_FIXED", "ETH/USD=3000"),
    ]))
    .unwrap();
    assert_eq!(fixed.policy.min_sources, 1);
    assert!(prices(&vars(&[("PRICE_SOURCES", "fixed")])).is_err());
    assert!(
        prices(&vars(&[
            ("PRICE_SOURCES", "fixed"),
            ("PRICES_FIXED", "ETH=3000")
        ]))
        .is_err()
    );
}

#[test]
fn unknown_duplicate_or_missing_sources_are_refused() {
    for sources in ["binance", "kraken,kraken", " , "] {
        assert!(
            prices(&vars(&[("PRICE_SOURCES", sources)])).is_err(),
            "{sources}"
        );
    }
    let err = prices(&vars(&[("PRICE_MIN_SOURCES", "3")])).unwrap_err();
    assert!(err.contains("PRICE_MIN_SOURCES"), "{err}");
    assert!(prices(&vars(&[("PRICE_MAX_AGE_SECS", "soon")])).is_err());
}

#[test]
fn chains_read_their_rpc_url_confirmations_and_tolerance() {
    let config = chain(
        &vars(&[
            ("RPC_URL_BASE_SEPOLIA", "http://127.0.0.1:8545"),
            ("CONFIRMATIONS_BASE_SEPOLIA", "5"),
            ("TOLERANCE_BPS_BASE_SEPOLIA", "10"),
        ]),
        Chain::BaseSepolia,
    )
    .unwrap();
    assert_eq!(config.rpc_url.as_deref(), Some("http://127.0.0.1:8545"));
    assert_eq!((config.confirmations, config.tolerance_bps), (5, 10));
    let default = chain(&vars(&[]), Chain::Ethereum).unwrap();
    assert_eq!((default.rpc_url, default.confirmations), (None, 12));
}

#[test]
fn zero_confirmations_or_a_large_tolerance_are_refused() {
    assert!(chain(&vars(&[("CONFIRMATIONS_ANVIL", "0")]), Chain::Anvil).is_err());
    assert!(chain(&vars(&[("TOLERANCE_BPS_ANVIL", "101")]), Chain::Anvil).is_err());
}

#[test]
fn tokens_come_from_configuration_on_anvil_and_from_circle_elsewhere() {
    let anvil = chain(&vars(&[]), Chain::Anvil).unwrap();
    let lookup = vars(&[(
        "TOKEN_USDC_ANVIL",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    )]);
    assert_eq!(
        anvil.token(Asset::Usdc, &lookup),
        Ok(Some("0x5FbDB2315678afecb367f032d93F642f64180aa3".into()))
    );
    assert_eq!(anvil.token(Asset::Eurc, &lookup), Err(NoTokenContract));
    assert_eq!(anvil.token(Asset::Eth, &lookup), Ok(None));
    let base = chain(&vars(&[]), Chain::Base).unwrap();
    assert_eq!(
        base.token(Asset::Usdc, &vars(&[])),
        Ok(Some("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913".into()))
    );
}

#[test]
fn a_configured_token_is_checksummed_and_a_malformed_one_refused() {
    let anvil = chain(&vars(&[]), Chain::Anvil).unwrap();
    let lower = vars(&[(
        "TOKEN_USDC_ANVIL",
        " 0x5fbdb2315678afecb367f032d93f642f64180aa3 ",
    )]);
    assert_eq!(
        anvil.token(Asset::Usdc, &lower),
        Ok(Some("0x5FbDB2315678afecb367f032d93F642f64180aa3".into()))
    );
    let wrong = vars(&[(
        "TOKEN_USDC_ANVIL",
        "0x5FbDB2315678afecb367f032d93F642f64180aA3",
    )]);
    assert_eq!(anvil.token(Asset::Usdc, &wrong), Err(NoTokenContract));
    let short = vars(&[("TOKEN_USDC_ANVIL", "0x5fbdb2315678")]);
    assert_eq!(anvil.token(Asset::Usdc, &short), Err(NoTokenContract));
}

#[test]
fn timing_has_defaults_and_overrides() {
    assert_eq!(
        timing(&vars(&[])).unwrap(),
        Timing {
            grace_secs: 60,
            watch_secs: 86_400
        }
    );
    assert_eq!(
        timing(&vars(&[("LATE_GRACE_SECS", "5")]))
            .unwrap()
            .grace_secs,
        5
    );
}

#[test]
fn the_forwarder_factory_is_the_canonical_one_unless_configured() {
    let default = chain(&vars(&[]), Chain::Base).unwrap();
    assert_eq!(default.factory, shared::payout::CANONICAL_FACTORY);
    let other = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    let set = chain(&vars(&[("FORWARDER_FACTORY_BASE", other)]), Chain::Base).unwrap();
    assert_eq!(set.factory.to_string(), other);
    let bad = chain(&vars(&[("FORWARDER_FACTORY_BASE", "0x5fbd")]), Chain::Base);
    assert!(bad.unwrap_err().contains("FORWARDER_FACTORY_BASE"));
}
