use serde_json::json;

use crate::payer::fixtures::*;
use crate::payer::{PayerForm, check};

fn address_form(shipping: serde_json::Value) -> PayerForm {
    form_from(
        json!({"collect": {"billing_address": "required", "shipping_address": "optional", "shipping_countries": shipping}}),
    )
}

#[test]
fn an_address_needs_a_line_a_city_a_country_and_mostly_a_postal_code() {
    let form = address_form(json!(["DE", "FR"]));
    assert_eq!(
        failures(&form, json!({})),
        pairs(&[("customer.billing_address", "address_required")])
    );
    assert_eq!(
        failures(
            &form,
            json!({"customer": {"billing_address": {"line2": "Flat 3", "country": "Atlantis"}}})
        ),
        pairs(&[
            ("customer.billing_address.line1", "address_line_required"),
            ("customer.billing_address.city", "address_city_required"),
            ("customer.billing_address.country", "country_invalid"),
            (
                "customer.billing_address.postal_code",
                "address_postal_code_required"
            ),
        ])
    );
    let payer = check(&form, input(json!({"customer": {"billing_address": {"line1": "1 Queen's Rd", "city": "Hong Kong", "country": "hk"}}}))).unwrap();
    let billing = payer.customer.billing_address.unwrap();
    assert_eq!(
        (billing.country.as_str(), billing.postal_code),
        ("HK", None)
    );
    assert_eq!(payer.customer.shipping_address, None);
    let long = "x".repeat(201);
    assert_eq!(
        failures(
            &form,
            json!({"customer": {"billing_address": {"line1": long, "city": "Berlin", "postal_code": "10115", "country": "DE"}}})
        ),
        pairs(&[("customer.billing_address.line1", "address_too_long")])
    );
}

#[test]
fn a_shipping_address_must_be_in_an_allowed_country() {
    let to = |country: &str| {
        json!({"customer": {
        "billing_address": {"line1": "a", "city": "b", "postal_code": "1", "country": "DE"},
        "shipping_address": {"line1": "a", "city": "b", "postal_code": "1", "country": country}}})
    };
    let form = address_form(json!(["DE", "FR"]));
    assert!(check(&form, input(to("FR"))).is_ok());
    assert_eq!(
        failures(&form, to("US")),
        pairs(&[("customer.shipping_address.country", "country_not_allowed")])
    );
    assert!(check(&address_form(json!([])), input(to("US"))).is_ok());
    // A blank optional address is no address.
    let blank = json!({"customer": {"billing_address": {"line1": "a", "city": "b", "postal_code": "1", "country": "DE"},
        "shipping_address": {"line1": " ", "country": ""}}});
    assert_eq!(
        check(&form, input(blank))
            .unwrap()
            .customer
            .shipping_address,
        None
    );
}
