//! The create-session request against fixed and custom links: every rule and its refusal.

use super::*;
use crate::link::pricing::CustomBounds;
use crate::money::Currency;

fn usd(text: &str) -> FiatAmount {
    FiatAmount::parse(text, Currency::Usd).unwrap()
}

fn fixed() -> Pricing {
    Pricing::Fixed(usd("12.50"))
}

fn custom() -> Pricing {
    Pricing::Custom(
        CustomBounds::new(Currency::Usd, Some(usd("5")), Some(usd("500")), None).unwrap(),
    )
}

fn request(asset: &str, amount: Option<&str>) -> CreateSessionRequest {
    CreateSessionRequest {
        asset: Some(asset.into()),
        amount: amount.map(str::to_owned),
        client_reference_id: None,
        customer_email: None,
    }
}

fn codes(result: Result<SessionOrder, Vec<FieldError>>) -> Vec<(String, String)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.param, e.code))
        .collect()
}

const BOTH: [Asset; 2] = [Asset::Eth, Asset::Usdc];

#[test]
fn a_fixed_link_charges_its_price_in_the_chosen_asset() {
    let order = request("USDC", None).parse(&fixed(), &BOTH).unwrap();
    assert_eq!(
        order,
        SessionOrder {
            asset: Some(Asset::Usdc),
            fiat: usd("12.50"),
            client_reference_id: None,
            customer_email: None,
        }
    );
}

#[test]
fn a_fixed_link_refuses_an_amount() {
    assert_eq!(
        codes(request("ETH", Some("3")).parse(&fixed(), &BOTH)),
        [("amount".into(), "amount_not_allowed".into())]
    );
}

#[test]
fn a_custom_link_charges_the_amount_within_its_bounds() {
    let order = request("ETH", Some("5")).parse(&custom(), &BOTH).unwrap();
    assert_eq!(order.fiat, usd("5"));
    let order = request("ETH", Some(" 500.00 "))
        .parse(&custom(), &BOTH)
        .unwrap();
    assert_eq!(order.fiat, usd("500"));
}

#[test]
fn a_custom_amount_is_required_and_checked_like_any_amount() {
    let cases = [
        (None, "amount_required"),
        (Some("4.99"), "amount_below_minimum"),
        (Some("500.01"), "amount_above_maximum"),
        (Some("0"), "amount_not_positive"),
        (Some("1.234"), "amount_too_many_decimals"),
        (Some("-5"), "amount_invalid"),
        (Some("1e3"), "amount_invalid"),
        (Some(""), "amount_invalid"),
    ];
    for (amount, code) in cases {
        assert_eq!(
            codes(request("ETH", amount).parse(&custom(), &BOTH)),
            [("amount".into(), code.into())],
            "{amount:?}"
        );
    }
}

#[test]
fn the_asset_must_be_one_the_link_accepts() {
    assert_eq!(
        codes(request("EURC", None).parse(&fixed(), &BOTH)),
        [("asset".into(), "asset_not_accepted".into())]
    );
    assert_eq!(
        codes(request("eth", None).parse(&fixed(), &BOTH)),
        [("asset".into(), "asset_unsupported".into())]
    );
}

#[test]
fn every_failing_field_is_listed_at_once() {
    let params: Vec<String> = codes(request("DOGE", Some("1")).parse(&custom(), &BOTH))
        .into_iter()
        .map(|(param, _)| param)
        .collect();
    assert_eq!(params, ["asset", "amount"]);
}

#[test]
fn unknown_fields_are_refused() {
    let parsed = serde_json::from_str::<CreateSessionRequest>(r#"{"asset":"ETH","amonut":"5"}"#);
    assert!(parsed.is_err());
}

#[test]
fn a_session_opens_without_an_asset_and_quotes_later() {
    let order = CreateSessionRequest {
        asset: None,
        ..request("ETH", None)
    }
    .parse(&fixed(), &BOTH)
    .unwrap();
    assert_eq!((order.asset, order.fiat), (None, usd("12.50")));
    assert_eq!(
        QuoteRequest {
            asset: "USDC".into()
        }
        .parse(&BOTH),
        Ok(Asset::Usdc)
    );
    let refused = QuoteRequest {
        asset: "EURC".into(),
    }
    .parse(&BOTH)
    .unwrap_err();
    assert_eq!(refused[0].code, "asset_not_accepted");
}

#[test]
fn the_reference_and_email_from_the_link_url_are_checked_with_the_rest() {
    let order = CreateSessionRequest {
        client_reference_id: Some(" A-1001 ".into()),
        customer_email: Some("ada@example.com".into()),
        ..request("ETH", None)
    }
    .parse(&fixed(), &BOTH)
    .unwrap();
    assert_eq!(order.client_reference_id.as_deref(), Some("A-1001"));
    assert_eq!(order.customer_email.as_deref(), Some("ada@example.com"));
    let refused = CreateSessionRequest {
        client_reference_id: Some("x".repeat(201)),
        customer_email: Some("not an email".into()),
        ..request("ETH", None)
    }
    .parse(&fixed(), &BOTH);
    assert_eq!(
        codes(refused),
        [
            (
                "client_reference_id".into(),
                "client_reference_id_too_long".into()
            ),
            ("customer_email".into(), "email_invalid".into())
        ]
    );
}
