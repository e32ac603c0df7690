//! The merchant's checkout request: defaults from a link or the deployment, and every rule's code.

use super::*;
use crate::bounds::MAX_TIMESTAMP;
use crate::link::CustomBounds;

const NOW: i64 = 1_000_000;

fn offered(chain: Chain) -> Vec<Asset> {
    match chain {
        Chain::Anvil => vec![Asset::Eth, Asset::Usdc],
        _ => vec![Asset::Eth],
    }
}

pub(super) fn offer(default_chain: Option<Chain>) -> Offer<'static> {
    Offer {
        livemode: false,
        now: NOW,
        default_chain,
        assets_on: &offered,
    }
}

pub(super) fn eur(text: &str) -> FiatAmount {
    FiatAmount::parse(text, Currency::Eur).unwrap()
}

pub(super) fn template(pricing: Pricing) -> LinkTemplate {
    LinkTemplate {
        id: "pl_1".into(),
        pricing,
        assets: vec![Asset::Usdc],
        chain: Chain::Sepolia,
        title: "Beans".into(),
        description: Some("Whole".into()),
        success_url: Some("https://shop.example/ok".into()),
        cancel_url: Some("https://shop.example/back".into()),
        form: PayerForm::default(),
    }
}

pub(super) fn order() -> CreateCheckoutRequest {
    CreateCheckoutRequest {
        amount: Some("42.00".into()),
        currency: Some("EUR".into()),
        client_reference_id: Some("A-1001".into()),
        ..Default::default()
    }
}

fn codes(result: Result<NewCheckout, Vec<FieldError>>) -> Vec<(String, String)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.param, e.code))
        .collect()
}

fn one(param: &str, code: &str) -> Vec<(String, String)> {
    vec![(param.into(), code.into())]
}

#[test]
fn an_order_with_its_own_amount_takes_the_default_chain_and_every_asset_it_offers() {
    let new = order().parse(None, &offer(Some(Chain::Anvil))).unwrap();
    assert_eq!(new.fiat, eur("42.00"));
    assert_eq!(
        (new.chain, new.assets),
        (Chain::Anvil, vec![Asset::Eth, Asset::Usdc])
    );
    assert_eq!(new.client_reference_id.as_deref(), Some("A-1001"));
    assert_eq!(new.expires_at, NOW + DEFAULT_LIFETIME_SECS);
    assert_eq!((new.link_id, new.title), (None, None));
}

#[test]
fn the_currency_defaults_to_usd() {
    let request = CreateCheckoutRequest {
        currency: None,
        ..order()
    };
    let new = request.parse(None, &offer(Some(Chain::Anvil))).unwrap();
    assert_eq!(new.fiat.currency(), Currency::Usd);
}

#[test]
fn a_link_lends_its_price_assets_chain_texts_and_redirects() {
    let link = template(Pricing::Fixed(eur("9.99")));
    let request = CreateCheckoutRequest {
        payment_link: Some("pl_1".into()),
        ..Default::default()
    };
    let new = request.parse(Some(&link), &offer(None)).unwrap();
    assert_eq!(new.link_id.as_deref(), Some("pl_1"));
    assert_eq!((new.fiat, new.chain), (eur("9.99"), Chain::Sepolia));
    assert_eq!(new.assets, [Asset::Usdc]);
    assert_eq!(new.title.as_deref(), Some("Beans"));
    assert_eq!(new.description.as_deref(), Some("Whole"));
    assert_eq!(new.cancel_url.as_deref(), Some("https://shop.example/back"));
}

#[test]
fn every_field_a_link_lends_can_be_overridden() {
    let link = template(Pricing::Fixed(eur("9.99")));
    let request = CreateCheckoutRequest {
        payment_link: Some("pl_1".into()),
        amount: Some("20".into()),
        assets: Some(vec!["ETH".into()]),
        chain: Some("anvil".into()),
        title: Some("Order A-1001".into()),
        cancel_url: Some("https://shop.example/cart".into()),
        ..Default::default()
    };
    let new = request.parse(Some(&link), &offer(None)).unwrap();
    assert_eq!((new.fiat, new.chain), (eur("20"), Chain::Anvil));
    assert_eq!(new.assets, [Asset::Eth]);
    assert_eq!(new.title.as_deref(), Some("Order A-1001"));
    assert_eq!(new.cancel_url.as_deref(), Some("https://shop.example/cart"));
    assert_eq!(new.success_url.as_deref(), Some("https://shop.example/ok"));
}

#[test]
fn an_amount_is_required_unless_a_fixed_link_gives_one_in_the_same_currency() {
    let none = CreateCheckoutRequest::default().parse(None, &offer(Some(Chain::Anvil)));
    assert_eq!(codes(none), one("amount", "amount_required"));
    let bounds = CustomBounds::new(Currency::Eur, None, None, None).unwrap();
    let custom = template(Pricing::Custom(bounds));
    let from_custom = CreateCheckoutRequest::default().parse(Some(&custom), &offer(None));
    assert_eq!(codes(from_custom), one("amount", "amount_required"));
    let fixed = template(Pricing::Fixed(eur("9.99")));
    let other_currency = CreateCheckoutRequest {
        currency: Some("USD".into()),
        ..Default::default()
    };
    assert_eq!(
        codes(other_currency.parse(Some(&fixed), &offer(None))),
        one("amount", "amount_required")
    );
}

#[test]
fn amounts_and_currencies_are_checked_like_a_links() {
    let cases = [
        (Some("0"), Some("EUR"), ("amount", "amount_not_positive")),
        (
            Some("1.234"),
            Some("EUR"),
            ("amount", "amount_too_many_decimals"),
        ),
        (Some("-1"), Some("EUR"), ("amount", "amount_invalid")),
        (Some("1"), Some("XYZ"), ("currency", "currency_unsupported")),
    ];
    for (amount, currency, (param, code)) in cases {
        let request = CreateCheckoutRequest {
            amount: amount.map(str::to_owned),
            currency: currency.map(str::to_owned),
            ..Default::default()
        };
        assert_eq!(
            codes(request.parse(None, &offer(Some(Chain::Anvil)))),
            one(param, code),
            "{amount:?} {currency:?}"
        );
    }
}

#[test]
fn without_a_chain_or_a_default_the_chain_is_required() {
    assert_eq!(
        codes(order().parse(None, &offer(None))),
        one("chain", "chain_required")
    );
    let live = CreateCheckoutRequest {
        chain: Some("anvil".into()),
        ..order()
    };
    let in_live = Offer {
        livemode: true,
        ..offer(None)
    };
    assert_eq!(
        codes(live.parse(None, &in_live)),
        one("chain", "chain_mode_mismatch")
    );
    let unknown = CreateCheckoutRequest {
        chain: Some("solana".into()),
        ..order()
    };
    assert_eq!(
        codes(unknown.parse(None, &offer(None))),
        one("chain", "chain_unsupported")
    );
}

#[test]
fn assets_must_be_offered_on_the_chain_and_listed_once() {
    let cases: [(&[&str], &str, &str); 4] = [
        (&[], "assets", "assets_required"),
        (&["ETH", "ETH"], "assets[1]", "assets_duplicate"),
        (&["EURC"], "assets[0]", "asset_unavailable"),
        (&["DOGE"], "assets[0]", "asset_unsupported"),
    ];
    for (list, param, code) in cases {
        let request = CreateCheckoutRequest {
            assets: Some(list.iter().map(|s| s.to_string()).collect()),
            ..order()
        };
        assert_eq!(
            codes(request.parse(None, &offer(Some(Chain::Anvil)))),
            one(param, code),
            "{list:?}"
        );
    }
}

#[test]
fn the_expiry_is_a_minute_to_thirty_days_ahead() {
    let at = |expires_at: i64| CreateCheckoutRequest {
        expires_at: Some(expires_at),
        ..order()
    };
    let ok = at(NOW + MAX_LIFETIME_SECS).parse(None, &offer(Some(Chain::Anvil)));
    assert_eq!(ok.unwrap().expires_at, NOW + MAX_LIFETIME_SECS);
    let cases = [
        (NOW, "expires_at_in_past"),
        (NOW + 59, "expires_at_too_soon"),
        (NOW + MAX_LIFETIME_SECS + 1, "expires_at_too_far"),
        (MAX_TIMESTAMP + 1, "expires_at_out_of_range"),
    ];
    for (expires_at, code) in cases {
        assert_eq!(
            codes(at(expires_at).parse(None, &offer(Some(Chain::Anvil)))),
            one("expires_at", code),
            "{expires_at}"
        );
    }
}

#[test]
fn texts_references_emails_redirects_and_metadata_have_their_own_codes() {
    let request = CreateCheckoutRequest {
        title: Some("x".repeat(101)),
        description: Some("a\u{7}b".into()),
        client_reference_id: Some("r".repeat(201)),
        customer_email: Some("nope".into()),
        success_url: Some("ftp://shop.example".into()),
        metadata: Some(BTreeMap::from([(String::new(), "v".into())])),
        ..order()
    };
    let found = codes(request.parse(None, &offer(Some(Chain::Anvil))));
    let params: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        params,
        [
            "title",
            "description",
            "success_url",
            "client_reference_id",
            "customer_email",
            "metadata[]"
        ],
        "{found:?}"
    );
    assert_eq!(found[0].1, "title_too_long");
    assert_eq!(found[1].1, "control_character");
}

#[test]
fn unknown_fields_are_refused() {
    let parsed = serde_json::from_str::<CreateCheckoutRequest>(r#"{"amount":"1","ammount":"2"}"#);
    assert!(parsed.is_err());
}

#[path = "create_form_tests.rs"]
mod form;
