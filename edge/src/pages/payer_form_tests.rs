//! The payer form's HTML: which fields, their attributes and codes, the pre-fills, the total.

use super::*;
use shared::money::Currency;
use shared::payer::{AdjustableQuantity, Collect, DropdownOption};

fn eur(text: &str) -> FiatAmount {
    FiatAmount::parse(text, Currency::Eur).unwrap()
}

fn form() -> PublicFormView {
    PublicFormView::default()
}

fn size() -> CustomField {
    CustomField {
        key: "size".into(),
        label: "Size".into(),
        kind: FieldType::Dropdown,
        optional: false,
        options: vec![
            DropdownOption {
                value: "s".into(),
                label: "Small".into(),
            },
            DropdownOption {
                value: "m".into(),
                label: "Medium".into(),
            },
        ],
        min_length: None,
        max_length: None,
        default: None,
    }
}

fn order_number() -> CustomField {
    CustomField {
        key: "order_no".into(),
        label: "Order number".into(),
        kind: FieldType::Numeric,
        optional: true,
        options: vec![],
        min_length: Some(4),
        max_length: Some(8),
        default: Some("0042".into()),
    }
}

/// Whether `tag` has the `required` attribute (messages say "is required." too).
fn requires(tag: &str) -> bool {
    tag.contains(" required ") || tag.contains(" required>")
}

/// The tag of the input or select named `name`, up to its `>`.
fn tag<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!(r#" name="{name}""#))
        .unwrap_or_else(|| panic!("no {name} in {html}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[test]
fn a_form_that_asks_nothing_renders_nothing() {
    assert_eq!(render(&form(), None, &Prefill::default()), None);
    let mut off = form();
    off.adjustable_quantity = AdjustableQuantity {
        enabled: false,
        minimum: 1,
        maximum: 5,
    };
    assert_eq!(render(&off, Some(eur("9.99")), &Prefill::default()), None);
}

#[test]
fn a_required_email_is_required_with_its_codes_and_autocomplete() {
    let mut f = form();
    f.collect.email = CollectMode::Required;
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(html.starts_with(r#"<template id="paylink-payer"><div class="payer">"#));
    assert!(html.ends_with(
        r#"<p id="payer-live" class="visually-hidden" role="status"></p></div></template>"#
    ));
    let email = tag(&html, "customer.email");
    assert!(requires(email), "{email}");
    for part in [
        r#"autocomplete="email""#,
        r#"inputmode="email""#,
        r#"maxlength="254""#,
        r#"data-missing="email_required""#,
        r#"data-mismatch="email_invalid""#,
        r#"data-long="email_too_long""#,
        r#"aria-describedby="payer-email-error""#,
    ] {
        assert!(email.contains(part), "{part} missing from {email}");
    }
    assert!(!html.contains("(optional)"));
}

#[test]
fn an_optional_phone_is_marked_and_carries_the_api_pattern() {
    let mut f = form();
    f.collect.phone = CollectMode::Optional;
    let html = render(&f, None, &Prefill::default()).unwrap();
    let phone = tag(&html, "customer.phone");
    assert!(!requires(phone), "{phone}");
    assert!(phone.contains(r#"type="tel""#) && phone.contains(r#"autocomplete="tel""#));
    assert!(phone.contains(&format!(
        r#"pattern="{}""#,
        crate::pages::shell::escape_html(m::PHONE_PATTERN)
    )));
    assert!(phone.contains(r#"data-mismatch="phone_invalid""#));
    assert!(html.contains(r#"Phone <span class="optional">(optional)</span>"#));
    assert!(phone.contains("payer-phone-hint payer-phone-error"));
}

#[test]
fn the_email_pattern_has_no_class_syntax_the_v_flag_refuses() {
    // Inside a class, the `v` flag reserves ( ) [ ] { } / - | and doubled punctuation.
    let classes: Vec<&str> = EMAIL_PATTERN
        .split('[')
        .skip(1)
        .map(|c| c.split(']').next().unwrap())
        .collect();
    assert_eq!(classes.len(), 4);
    for class in classes {
        assert!(
            !class.contains(['(', ')', '{', '}', '/', '-', '|']),
            "{class}"
        );
    }
}

#[test]
fn prefills_fill_the_email_and_name_and_a_quantity_in_range() {
    let mut f = form();
    f.collect.email = CollectMode::Optional;
    f.collect.name = CollectMode::Required;
    f.adjustable_quantity = AdjustableQuantity {
        enabled: true,
        minimum: 1,
        maximum: 5,
    };
    let prefill = Prefill {
        email: Some("ada@example.com".into()),
        name: Some("Ada \"<L>\"".into()),
        quantity: Some(3),
    };
    let html = render(&f, Some(eur("9.99")), &prefill).unwrap();
    assert!(tag(&html, "customer.email").contains(r#"value="ada@example.com""#));
    assert!(tag(&html, "customer.name").contains(r#"value="Ada &quot;&lt;L&gt;&quot;""#));
    assert!(tag(&html, "quantity").contains(r#"value="3""#));
    assert!(html.contains(">3 × EUR 9.99 = EUR 29.97</output>"));
    // Out of range: the form starts at the least quantity.
    let far = Prefill {
        quantity: Some(6),
        ..prefill
    };
    let html = render(&f, Some(eur("9.99")), &far).unwrap();
    assert!(tag(&html, "quantity").contains(r#"value="1""#));
    assert!(html.contains(">1 × EUR 9.99 = EUR 9.99</output>"));
}

#[test]
fn a_query_gives_the_prefills_and_ignores_a_quantity_that_is_no_number() {
    let query = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    };
    assert_eq!(
        Prefill::from_query(&query(&[
            ("prefilled_email", "a@b.example"),
            ("prefilled_name", " Ada "),
            ("quantity", "3")
        ])),
        Prefill {
            email: Some("a@b.example".into()),
            name: Some("Ada".into()),
            quantity: Some(3),
        }
    );
    assert_eq!(
        Prefill::from_query(&query(&[("quantity", "2.5"), ("prefilled_email", " ")])),
        Prefill::default()
    );
    assert_eq!(
        Prefill::from_query(&query(&[("quantity", "-1")])).quantity,
        None
    );
}

#[test]
fn the_quantity_has_its_bounds_codes_and_exact_total() {
    let mut f = form();
    f.adjustable_quantity = AdjustableQuantity {
        enabled: true,
        minimum: 2,
        maximum: 5,
    };
    let html = render(&f, Some(eur("9.99")), &Prefill::default()).unwrap();
    let q = tag(&html, "quantity");
    for part in [
        r#"type="number""#,
        r#"min="2""#,
        r#"max="5""#,
        r#"step="1""#,
        r#"data-under="quantity_below_minimum""#,
        r#"data-over="quantity_above_maximum""#,
        r#"value="2""#,
    ] {
        assert!(q.contains(part), "{part} missing from {q}");
    }
    assert!(html.contains(
        r#"data-unit="999" data-exponent="2" data-currency="EUR">2 × EUR 9.99 = EUR 19.98</output>"#
    ));
    assert!(html.contains(r#"<p class="field-help" id="payer-quantity-hint">From 2 to 5.</p>"#));
    // Without a fixed price there is no total to show.
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(!html.contains("<output"));
}

#[test]
fn totals_are_exact_in_minor_units_and_currencies_without_decimals_stay_whole() {
    assert_eq!(
        total_line(eur("0.10"), 3).as_deref(),
        Some("3 × EUR 0.10 = EUR 0.30")
    );
    let yen = FiatAmount::parse("1500", Currency::Jpy).unwrap();
    assert_eq!(
        total_line(yen, 7).as_deref(),
        Some("7 × JPY 1500 = JPY 10500")
    );
    let huge = FiatAmount::from_minor(FiatAmount::MAX_MINOR, Currency::Usd).unwrap();
    assert_eq!(total_line(huge, 2), None);
}

#[test]
fn a_dropdown_is_a_select_and_a_numeric_field_takes_digits() {
    let mut f = form();
    f.custom_fields = vec![size(), order_number()];
    let html = render(&f, None, &Prefill::default()).unwrap();
    let select = tag(&html, "custom_fields.size");
    assert!(select.starts_with("<select id=\"payer-custom-size\""));
    assert!(requires(select) && select.contains(r#"data-missing="custom_field_required""#));
    assert!(html.contains(r#"<option value="">Choose…</option><option value="s">Small</option><option value="m">Medium</option></select>"#));
    let number = tag(&html, "custom_fields.order_no");
    for part in [
        r#"id="payer-custom-order-no""#,
        r#"inputmode="numeric""#,
        r#"pattern="[0-9]*""#,
        r#"data-mismatch="custom_field_not_numeric""#,
        r#"minlength="4""#,
        r#"data-short="custom_field_too_short""#,
        r#"maxlength="8""#,
        r#"data-long="custom_field_too_long""#,
        r#"value="0042""#,
    ] {
        assert!(number.contains(part), "{part} missing from {number}");
    }
    assert!(!requires(number));
    assert!(html.contains(r#"Order number <span class="optional">(optional)</span>"#));
}

#[test]
fn a_dropdowns_default_is_selected() {
    let mut f = form();
    let mut field = size();
    field.default = Some("m".into());
    f.custom_fields = vec![field];
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(html.contains(r#"<option value="m" selected>Medium</option>"#));
}

#[test]
fn hostile_custom_labels_and_options_are_escaped() {
    let mut f = form();
    let mut field = size();
    field.label = "</template><script>alert(1)</script>".into();
    field.options[0].label = "<img src=x onerror=alert(1)>".into();
    field.options[0].value = "\" onfocus=\"alert(1)".into();
    f.custom_fields = vec![field];
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert_eq!(html.matches("</template>").count(), 1, "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(!html.contains("\" onfocus"), "{html}");
}

#[test]
fn a_required_billing_address_requires_its_needed_parts_with_billing_tokens() {
    let mut f = form();
    f.collect.billing_address = CollectMode::Required;
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(html.contains(r#"<fieldset class="payer-address" data-address="required"><legend>Billing address</legend>"#));
    for (name, token, required) in [
        ("line1", "billing address-line1", true),
        ("line2", "billing address-line2", false),
        ("city", "billing address-level2", true),
        ("postal_code", "billing postal-code", true),
        ("state", "billing address-level1", false),
        ("country", "billing country", true),
    ] {
        let t = tag(&html, &format!("customer.billing_address.{name}"));
        assert!(t.contains(&format!(r#"autocomplete="{token}""#)), "{t}");
        assert_eq!(requires(t), required, "{t}");
    }
    let postal = tag(&html, "customer.billing_address.postal_code");
    assert!(postal.contains(r#"data-not-needed-in="AE AG AO BS BZ FJ HK MO QA ZW""#));
    assert!(postal.contains(r#"data-missing="address_postal_code_required""#));
    // Billing offers every country.
    assert_eq!(
        html.matches("<option value=\"").count(),
        1 + country::CODES.len()
    );
}

#[test]
fn an_optional_shipping_address_offers_only_the_allowed_countries_and_requires_nothing_yet() {
    let mut f = form();
    f.collect = Collect {
        shipping_address: CollectMode::Optional,
        shipping_countries: vec!["DE".into(), "FR".into()],
        ..Collect::default()
    };
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(html.contains(r#"data-address="optional"><legend>Shipping address <span class="optional">(optional)</span></legend>"#));
    assert!(html.contains(r#"<option value="">Choose a country</option><option value="DE">DE</option><option value="FR">FR</option></select>"#));
    for part in ["line1", "city", "postal_code", "country"] {
        let t = tag(&html, &format!("customer.shipping_address.{part}"));
        assert!(!requires(t), "{t}");
    }
    assert!(tag(&html, "customer.shipping_address.line1").contains("data-needed"));
    assert!(
        tag(&html, "customer.shipping_address.city")
            .contains(r#"autocomplete="shipping address-level2""#)
    );
    // One country to ship to is chosen already.
    f.collect.shipping_countries = vec!["DE".into()];
    let html = render(&f, None, &Prefill::default()).unwrap();
    assert!(html.contains(r#"<option value="DE" selected>DE</option>"#));
}

#[test]
fn every_id_is_unique_and_every_description_points_at_an_element() {
    let mut f = form();
    f.collect = Collect {
        email: CollectMode::Required,
        name: CollectMode::Optional,
        phone: CollectMode::Optional,
        billing_address: CollectMode::Required,
        shipping_address: CollectMode::Optional,
        shipping_countries: vec![],
    };
    f.custom_fields = vec![size(), order_number()];
    f.adjustable_quantity = AdjustableQuantity {
        enabled: true,
        minimum: 1,
        maximum: 5,
    };
    let html = render(&f, Some(eur("9.99")), &Prefill::default()).unwrap();
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    for described in html.split("aria-describedby=\"").skip(1) {
        for id in described.split('"').next().unwrap().split(' ') {
            assert!(ids.contains(&id), "{id} is described but absent");
        }
    }
    for label in html.split("<label for=\"").skip(1) {
        let id = label.split('"').next().unwrap();
        assert!(ids.contains(&id), "a label for {id}, which is absent");
    }
}

#[test]
fn only_the_shipping_address_is_limited_to_the_shipping_countries() {
    let mut f = form();
    f.collect = Collect {
        billing_address: CollectMode::Required,
        shipping_address: CollectMode::Required,
        shipping_countries: vec!["DE".into()],
        ..Collect::default()
    };
    let html = render(&f, None, &Prefill::default()).unwrap();
    let billing = &html[..html.find("Shipping address").unwrap()];
    assert_eq!(
        billing.matches("<option value=\"").count(),
        1 + country::CODES.len()
    );
    let shipping = &html[html.find("Shipping address").unwrap()..];
    assert_eq!(shipping.matches("<option value=\"").count(), 2);
}
