//! Tests of `CreateLinkRequest::parse`: one rule each, with the code it answers.

use super::*;
use serde_json::json;

const NOW: i64 = 1_800_000_000;

fn eth_only(_: Chain) -> Vec<Asset> {
    vec![Asset::Eth]
}

/// No account default: every request below names its chain and assets (the defaults have
/// their own tests in `defaults.rs`).
const NO_DEFAULTS: LinkDefaults<'static> = LinkDefaults {
    chain: None,
    assets: &eth_only,
};

fn request(overrides: serde_json::Value) -> CreateLinkRequest {
    let mut body = json!({
        "title": "Coffee beans", "type": "fixed", "amount": "12.50", "currency": "USD",
        "assets": ["ETH", "USDC"], "chain": "anvil",
    });
    for (key, value) in overrides.as_object().unwrap() {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(key);
        } else {
            body[key] = value.clone();
        }
    }
    serde_json::from_value(body).unwrap()
}

fn codes(overrides: serde_json::Value) -> Vec<(String, String)> {
    let errors = request(overrides)
        .parse(false, NOW, &NO_DEFAULTS)
        .unwrap_err();
    errors.into_iter().map(|e| (e.param, e.code)).collect()
}

fn pair(param: &str, code: &str) -> (String, String) {
    (param.to_owned(), code.to_owned())
}

#[test]
fn a_fixed_link_parses_with_its_price_in_minor_units() {
    let link = request(json!({})).parse(false, NOW, &NO_DEFAULTS).unwrap();
    assert_eq!(
        link.pricing,
        Pricing::Fixed(FiatAmount::parse("12.50", Currency::Usd).unwrap())
    );
    assert_eq!(link.assets, [Asset::Eth, Asset::Usdc]);
    assert!(link.active);
    assert_eq!(link.slug, None);
}

#[test]
fn a_custom_link_parses_its_bounds() {
    let link = request(json!({"type": "custom", "amount": null,
        "custom_amount": {"minimum": "5", "maximum": "500", "preset": "25"}}))
    .parse(false, NOW, &NO_DEFAULTS)
    .unwrap();
    let Pricing::Custom(bounds) = link.pricing else {
        panic!("custom expected")
    };
    assert_eq!(bounds.preset.map(FiatAmount::minor), Some(2500));
}

#[test]
fn fixed_links_need_a_positive_amount_and_no_custom_bounds() {
    assert_eq!(
        codes(json!({"amount": null})),
        [pair("amount", "amount_required")]
    );
    assert_eq!(
        codes(json!({"amount": "0"})),
        [pair("amount", "amount_not_positive")]
    );
    assert_eq!(
        codes(json!({"amount": "1.234"})),
        [pair("amount", "amount_too_many_decimals")]
    );
    assert_eq!(
        codes(json!({"amount": "-5"})),
        [pair("amount", "amount_invalid")]
    );
    assert_eq!(
        codes(json!({"custom_amount": {"minimum": "1"}})),
        [pair("custom_amount", "custom_amount_not_allowed")]
    );
}

#[test]
fn custom_links_take_no_amount_and_coherent_bounds() {
    let custom = |extra: serde_json::Value| {
        let mut o = json!({"type": "custom", "amount": null});
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        codes(o)
    };
    assert_eq!(
        custom(json!({"amount": "5"})),
        [pair("amount", "amount_not_allowed")]
    );
    assert_eq!(
        custom(json!({"custom_amount": {"minimum": "10", "maximum": "5"}})),
        [pair("custom_amount.minimum", "custom_amount_range_invalid")]
    );
    assert_eq!(
        custom(json!({"custom_amount": {"maximum": "5", "preset": "6"}})),
        [pair(
            "custom_amount.preset",
            "custom_amount_preset_out_of_range"
        )]
    );
    assert_eq!(
        custom(json!({"custom_amount": {"minimum": "1.001"}})),
        [pair("custom_amount.minimum", "amount_too_many_decimals")]
    );
}

#[test]
fn currency_type_and_jpy_decimals_are_checked() {
    assert_eq!(
        codes(json!({"currency": "usd"})),
        [pair("currency", "currency_invalid")]
    );
    assert_eq!(
        codes(json!({"currency": "XAU"})),
        [pair("currency", "currency_unsupported")]
    );
    assert_eq!(
        codes(json!({"type": "subscription"})),
        [pair("type", "type_invalid")]
    );
    assert_eq!(
        codes(json!({"currency": "JPY", "amount": "1.5"})),
        [pair("amount", "amount_too_many_decimals")]
    );
}

#[test]
fn assets_must_be_known_distinct_and_present() {
    assert_eq!(
        codes(json!({"assets": []})),
        [pair("assets", "assets_required")]
    );
    assert_eq!(
        codes(json!({"assets": ["ETH", "BTC"]})),
        [pair("assets[1]", "asset_unsupported")]
    );
    assert_eq!(
        codes(json!({"assets": ["ETH", "ETH"]})),
        [pair("assets[1]", "assets_duplicate")]
    );
}

#[test]
fn the_chain_must_exist_and_match_the_mode() {
    assert_eq!(
        codes(json!({"chain": "polygon"})),
        [pair("chain", "chain_unsupported")]
    );
    assert_eq!(
        codes(json!({"chain": "base"})),
        [pair("chain", "chain_mode_mismatch")]
    );
    let live = request(json!({"chain": "anvil"}))
        .parse(true, NOW, &NO_DEFAULTS)
        .unwrap_err();
    assert_eq!(live[0].code, "chain_mode_mismatch");
    assert!(
        request(json!({"chain": "base"}))
            .parse(true, NOW, &NO_DEFAULTS)
            .is_ok()
    );
}

#[test]
fn texts_limits_urls_and_metadata_are_bounded() {
    assert_eq!(
        codes(json!({"title": "  "})),
        [pair("title", "title_invalid")]
    );
    assert_eq!(
        codes(json!({"title": "x".repeat(101)})),
        [pair("title", "title_invalid")]
    );
    assert_eq!(
        codes(json!({"description": "x".repeat(501)})),
        [pair("description", "description_too_long")]
    );
    assert_eq!(
        codes(json!({"max_payments": 0})),
        [pair("max_payments", "max_payments_invalid")]
    );
    assert_eq!(
        codes(json!({"expires_at": NOW})),
        [pair("expires_at", "expires_at_in_past")]
    );
    assert_eq!(
        codes(json!({"success_url": "http://shop.example/"})),
        [pair("success_url", "url_not_https")]
    );
    assert_eq!(
        codes(json!({"slug": "Bad Slug"})),
        [pair("slug", "slug_invalid_character")]
    );
    assert_eq!(
        codes(json!({"metadata": {"k": "v".repeat(501)}})),
        [pair("metadata[k]", "metadata_value_too_long")]
    );
}

#[test]
fn every_failing_field_is_reported_at_once() {
    let all = codes(json!({"title": "", "currency": "usd", "assets": [], "chain": "mars"}));
    let params: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(params, ["title", "currency", "assets", "chain"]);
}

#[test]
fn timestamps_past_the_year_9999_or_before_1970_are_out_of_range() {
    for at in [
        253_402_300_800_i64,
        9_007_199_254_740_992,
        i64::MAX,
        -1,
        i64::MIN,
    ] {
        assert_eq!(
            codes(json!({ "expires_at": at })),
            [pair("expires_at", "expires_at_out_of_range")],
            "{at}"
        );
    }
    let last = request(json!({"expires_at": 253_402_300_799_i64}))
        .parse(false, NOW, &NO_DEFAULTS)
        .unwrap();
    assert_eq!(last.expires_at, Some(253_402_300_799));
}

#[test]
fn max_payments_is_at_most_a_billion() {
    assert!(
        request(json!({"max_payments": 1_000_000_000}))
            .parse(false, NOW, &NO_DEFAULTS)
            .is_ok()
    );
    assert_eq!(
        codes(json!({"max_payments": 1_000_000_001})),
        [pair("max_payments", "max_payments_invalid")]
    );
}

#[test]
fn control_characters_are_refused_in_every_text_field_by_name() {
    for field in ["title", "description", "inactive_message"] {
        assert_eq!(
            codes(json!({ field: "a\u{0}b" })),
            [pair(field, "control_character")],
            "{field}"
        );
    }
    assert_eq!(
        codes(json!({"title": "two\nlines"})),
        [pair("title", "control_character")]
    );
    assert_eq!(
        codes(json!({"metadata": {"k\u{1b}": "v"}})),
        [pair("metadata[k\u{1b}]", "control_character")]
    );
    assert_eq!(
        codes(json!({"metadata": {"k": "v\u{0}"}})),
        [pair("metadata[k]", "control_character")]
    );
}

#[test]
fn paragraphs_keep_their_line_breaks() {
    let link = request(json!({
        "description": "Line one\nline two\ttabbed", "metadata": {"note": "a\r\nb"},
        "inactive_message": "Back\nsoon",
    }))
    .parse(false, NOW, &NO_DEFAULTS)
    .unwrap();
    assert_eq!(
        link.description.as_deref(),
        Some("Line one\nline two\ttabbed")
    );
    assert_eq!(link.metadata.get("note"), Some("a\r\nb"));
}

proptest::proptest! {
    /// Whatever the parser accepts fits the table's columns and their CHECKs, and reads back:
    /// texts within their lengths and free of NUL, numbers within their documented ranges.
    #[test]
    fn whatever_parses_fits_the_stored_ranges(
        title in "(?s).{0,5}",
        description in proptest::option::of("(?s).{0,6}"),
        expires_at in proptest::option::of(proptest::num::i64::ANY),
        max_payments in proptest::option::of(proptest::num::u32::ANY),
        key in "[\\x00-\\x7f]{0,3}",
    ) {
        let body = json!({
            "title": title, "description": description, "expires_at": expires_at,
            "max_payments": max_payments, "metadata": { key: "v" },
        });
        if let Ok(link) = request(body).parse(false, NOW, &NO_DEFAULTS) {
            let count = link.title.chars().count();
            proptest::prop_assert!((1..=100).contains(&count));
            proptest::prop_assert!(!link.title.contains('\0'));
            proptest::prop_assert!(link.description.iter().all(|d| !d.contains('\0')));
            proptest::prop_assert!(link.expires_at.is_none_or(|t| t > NOW && t <= crate::bounds::MAX_TIMESTAMP));
            proptest::prop_assert!(link.max_payments.is_none_or(|n| (1..=crate::bounds::MAX_PAYMENTS).contains(&n)));
            proptest::prop_assert!(link.metadata.iter().all(|(k, v)| !k.is_empty() && !k.contains('\0') && !v.contains('\0')));
        }
    }
}

#[test]
fn a_list_of_assets_longer_than_the_assets_there_are_is_refused_once() {
    let many = vec!["ETH"; 5000];
    assert_eq!(
        codes(json!({ "assets": many })),
        [pair("assets", "assets_too_many")]
    );
    assert!(
        request(json!({"assets": ["ETH", "USDC", "EURC"]}))
            .parse(false, NOW, &NO_DEFAULTS)
            .is_ok()
    );
}
