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
        customer: None,
        custom_fields: None,
        quantity: None,
    }
}

fn plain() -> PayerForm {
    PayerForm::default()
}

fn quote(asset: &str) -> QuoteRequest {
    QuoteRequest {
        asset: asset.into(),
        customer: None,
        custom_fields: None,
        quantity: None,
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
    let order = request("USDC", None)
        .parse(&fixed(), &BOTH, &plain())
        .unwrap();
    assert_eq!(
        order,
        SessionOrder {
            asset: Some(Asset::Usdc),
            unit: usd("12.50"),
            fiat: usd("12.50"),
            client_reference_id: None,
            payer: Payer::default(),
        }
    );
}

#[test]
fn a_fixed_link_refuses_an_amount() {
    assert_eq!(
        codes(request("ETH", Some("3")).parse(&fixed(), &BOTH, &plain())),
        [("amount".into(), "amount_not_allowed".into())]
    );
}

#[test]
fn a_custom_link_charges_the_amount_within_its_bounds() {
    let order = request("ETH", Some("5"))
        .parse(&custom(), &BOTH, &plain())
        .unwrap();
    assert_eq!(order.fiat, usd("5"));
    let order = request("ETH", Some(" 500.00 "))
        .parse(&custom(), &BOTH, &plain())
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
            codes(request("ETH", amount).parse(&custom(), &BOTH, &plain())),
            [("amount".into(), code.into())],
            "{amount:?}"
        );
    }
}

#[test]
fn the_asset_must_be_one_the_link_accepts() {
    assert_eq!(
        codes(request("EURC", None).parse(&fixed(), &BOTH, &plain())),
        [("asset".into(), "asset_not_accepted".into())]
    );
    assert_eq!(
        codes(request("eth", None).parse(&fixed(), &BOTH, &plain())),
        [("asset".into(), "asset_unsupported".into())]
    );
}

#[test]
fn every_failing_field_is_listed_at_once() {
    let params: Vec<String> = codes(request("DOGE", Some("1")).parse(&custom(), &BOTH, &plain()))
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
    .parse(&fixed(), &BOTH, &plain())
    .unwrap();
    assert_eq!((order.asset, order.fiat), (None, usd("12.50")));
    assert_eq!(
        quote("USDC").parse(&BOTH, &plain(), &Payer::default()),
        Ok((Asset::Usdc, Payer::default()))
    );
    let refused = quote("EURC")
        .parse(&BOTH, &plain(), &Payer::default())
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
    .parse(&fixed(), &BOTH, &plain())
    .unwrap();
    assert_eq!(order.client_reference_id.as_deref(), Some("A-1001"));
    assert_eq!(
        order.payer.customer.email.as_deref(),
        Some("ada@example.com")
    );
    let refused = CreateSessionRequest {
        client_reference_id: Some("x".repeat(201)),
        customer_email: Some("not an email".into()),
        ..request("ETH", None)
    }
    .parse(&fixed(), &BOTH, &plain());
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

fn eur_form() -> (Pricing, PayerForm) {
    let price = FiatAmount::parse("9.99", Currency::Eur).unwrap();
    let form = crate::payer::FormRequest {
        collect: Some(serde_json::from_value(serde_json::json!({"email": "required"})).unwrap()),
        adjustable_quantity: Some(
            serde_json::from_value(serde_json::json!({"enabled": true, "maximum": 5})).unwrap(),
        ),
        ..Default::default()
    };
    let mut errors = Vec::new();
    let checked = form.parse(
        &mut errors,
        &crate::payer::FormContext {
            livemode: false,
            unit_price: crate::payer::request::UnitPrice::Fixed(price),
            success_url: None,
            base: &PayerForm::default(),
        },
    );
    assert!(errors.is_empty(), "{errors:?}");
    (Pricing::Fixed(price), checked.form)
}

#[test]
fn three_of_a_9_99_eur_link_charge_29_97_eur() {
    let (pricing, form) = eur_form();
    let order = CreateSessionRequest {
        quantity: Some(3),
        customer: Some(CustomerInput {
            email: Some("ada@example.com".into()),
            ..CustomerInput::default()
        }),
        ..request("ETH", None)
    }
    .parse(&pricing, &BOTH, &form)
    .unwrap();
    assert_eq!(order.fiat.to_string(), "29.97");
    assert_eq!(order.unit.to_string(), "9.99");
    assert_eq!(order.payer.quantity, 3);
}

#[test]
fn required_values_are_needed_only_when_a_quote_is_asked_for() {
    let (pricing, form) = eur_form();
    let without = CreateSessionRequest {
        asset: None,
        ..request("ETH", None)
    }
    .parse(&pricing, &BOTH, &form)
    .unwrap();
    assert_eq!(without.payer.quantity, 1);
    assert_eq!(
        codes(request("ETH", None).parse(&pricing, &BOTH, &form)),
        [("customer.email".into(), "email_required".into())]
    );
    // The URL's prefill is the email the quote needs.
    let prefilled = CreateSessionRequest {
        customer_email: Some("ada@example.com".into()),
        ..request("ETH", None)
    }
    .parse(&pricing, &BOTH, &form)
    .unwrap();
    assert_eq!(
        prefilled.payer.customer.email.as_deref(),
        Some("ada@example.com")
    );
}

#[test]
fn a_quote_checks_the_payer_over_what_the_session_holds() {
    let (_, form) = eur_form();
    let stored = Payer {
        customer: crate::payer::Customer {
            email: Some("ada@example.com".into()),
            ..Default::default()
        },
        ..Payer::default()
    };
    let (_, kept) = QuoteRequest {
        quantity: Some(2),
        ..quote("ETH")
    }
    .parse(&BOTH, &form, &stored)
    .unwrap();
    assert_eq!(kept.customer.email.as_deref(), Some("ada@example.com"));
    assert_eq!(kept.quantity, 2);
    let refused = QuoteRequest {
        quantity: Some(6),
        ..quote("DOGE")
    }
    .parse(&BOTH, &form, &Payer::default())
    .unwrap_err();
    let found: Vec<_> = refused
        .iter()
        .map(|e| (e.param.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("asset", "asset_unsupported"),
            ("customer.email", "email_required"),
            ("quantity", "quantity_above_maximum"),
        ]
    );
}

#[test]
fn a_custom_amount_takes_no_quantity() {
    assert_eq!(
        codes(
            CreateSessionRequest {
                quantity: Some(2),
                ..request("ETH", Some("10"))
            }
            .parse(&custom(), &BOTH, &plain())
        ),
        [("quantity".into(), "quantity_not_adjustable".into())]
    );
}
