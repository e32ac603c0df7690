use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::payer::fixtures::*;

fn good() -> serde_json::Value {
    json!({"customer": {"email": " ada@example.com ", "phone": "+49 (30) 123-4567"},
           "custom_fields": {"size": "m", "member_no": "0042"}, "quantity": 3})
}

#[test]
fn valid_input_is_kept_trimmed_with_answers_in_the_form_order() {
    let payer = check(&form(), input(good())).unwrap();
    assert_eq!(payer.customer.email.as_deref(), Some("ada@example.com"));
    assert_eq!(payer.customer.phone.as_deref(), Some("+49 (30) 123-4567"));
    assert_eq!(payer.quantity, 3);
    let answers: Vec<_> = payer
        .custom_fields
        .iter()
        .map(|v| (v.key.as_str(), v.label.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            ("size", "Size", "m"),
            ("member_no", "Member number", "0042")
        ]
    );
}

#[test]
fn every_missing_required_value_is_listed_at_once() {
    assert_eq!(
        failures(&form(), json!({})),
        pairs(&[
            ("customer.email", "email_required"),
            ("custom_fields.size", "custom_field_required"),
            ("custom_fields.member_no", "custom_field_required"),
        ])
    );
}

#[test]
fn each_bad_value_has_its_code_and_path() {
    assert_eq!(
        failures(
            &form(),
            json!({
                "customer": {"email": "ada", "phone": "12345", "name": "Ada"},
                "custom_fields": {"size": "xl", "member_no": "12a4", "colour": "red"},
                "quantity": 6,
            })
        ),
        pairs(&[
            ("customer.email", "email_invalid"),
            ("customer.name", "field_not_collected"),
            ("customer.phone", "phone_invalid"),
            ("custom_fields.size", "custom_field_unknown_option"),
            ("custom_fields.member_no", "custom_field_not_numeric"),
            ("custom_fields.colour", "custom_field_unknown"),
            ("quantity", "quantity_above_maximum"),
        ])
    );
    let mut short = good();
    short["custom_fields"]["member_no"] = json!("123");
    short["quantity"] = json!(0);
    assert_eq!(
        failures(&form(), short),
        pairs(&[
            ("custom_fields.member_no", "custom_field_too_short"),
            ("quantity", "quantity_below_minimum")
        ])
    );
    let mut long = good();
    long["custom_fields"]["member_no"] = json!("123456789");
    long["customer"]["email"] = json!(format!("{}@example.com", "a".repeat(250)));
    assert_eq!(
        failures(&form(), long),
        pairs(&[
            ("customer.email", "email_too_long"),
            ("custom_fields.member_no", "custom_field_too_long")
        ])
    );
}

#[test]
fn the_messages_are_the_catalog_sentences() {
    let errors = check(
        &form(),
        input(json!({"custom_fields": {"size": "s", "member_no": "1234"}})),
    )
    .unwrap_err();
    assert_eq!(errors[0].message, "Email is required.");
    let errors = check(
        &form(),
        input(json!({"customer": {"email": "ada@example.com"},
        "custom_fields": {"size": "s", "member_no": "x1234"}})),
    )
    .unwrap_err();
    assert_eq!(errors[0].message, "Member number takes digits only.");
}

#[test]
fn phone_numbers_have_7_to_15_digits_and_only_separators_beside_them() {
    for ok in [
        "1234567",
        "+1 (555) 010-9999",
        "030.123.4567",
        "+123456789012345",
    ] {
        assert!(phone_is_valid(ok), "{ok}");
    }
    for bad in [
        "123456",
        "+1234567890123456",
        "12345678a",
        "++1234567",
        "1234567+",
        "12 34 56 7x",
        "",
        "1234567 ext 2",
        "1-2-3-4-5-6-7-8-9-0-1-2-3-4-5-6",
    ] {
        assert!(!phone_is_valid(bad), "{bad}");
    }
}

#[test]
fn values_for_details_that_are_off_are_refused_and_a_quantity_is_refused_without_one() {
    let plain = PayerForm::default();
    assert_eq!(
        failures(
            &plain,
            json!({"customer": {"email": "a@b.co", "billing_address": {"line1": "x"}}, "quantity": 2})
        ),
        pairs(&[
            ("customer.email", "field_not_collected"),
            ("customer.billing_address", "field_not_collected"),
            ("quantity", "quantity_not_adjustable"),
        ])
    );
    let payer = check(
        &plain,
        input(json!({"quantity": 1, "customer": {"email": ""}})),
    )
    .unwrap();
    assert_eq!(payer, Payer::default());
}

#[test]
fn names_are_one_line_of_at_most_100_characters() {
    let form = form_from(json!({"collect": {"name": "required"}}));
    let name = |n: &str| json!({"customer": {"name": n}});
    assert!(check(&form, input(name(&"é".repeat(100)))).is_ok());
    assert_eq!(
        failures(&form, name(&"é".repeat(101))),
        pairs(&[("customer.name", "name_too_long")])
    );
    assert_eq!(
        failures(&form, name("Ada\u{1b}[31m")),
        pairs(&[("customer.name", "control_character")])
    );
    assert_eq!(
        failures(&form, name("   ")),
        pairs(&[("customer.name", "name_required")])
    );
}

#[test]
fn stored_values_stand_in_for_those_left_out_and_sent_ones_replace_them() {
    let form = form();
    let stored = check(&form, input(good())).unwrap();
    let again = check_with(&form, PayerInput::default(), &stored, Need::Required).unwrap();
    assert_eq!(again, stored);
    let fixed = check_with(
        &form,
        input(json!({"customer": {"email": "grace@example.com"}, "custom_fields": {"size": "s"}, "quantity": 2})),
        &stored,
        Need::Required,
    )
    .unwrap();
    assert_eq!(fixed.customer.email.as_deref(), Some("grace@example.com"));
    assert_eq!(fixed.customer.phone, stored.customer.phone);
    assert_eq!(fixed.custom_fields[0].value, "s");
    assert_eq!(fixed.custom_fields[1].value, "0042");
    assert_eq!(fixed.quantity, 2);
    let cleared = check_with(
        &form,
        input(json!({"customer": {"email": ""}})),
        &stored,
        Need::Required,
    )
    .unwrap_err();
    assert_eq!(cleared[0].code, "email_required");
}

#[test]
fn without_a_quote_only_what_is_sent_is_checked() {
    let form = form();
    let start = Payer::starting(&form);
    assert_eq!(
        check_with(&form, PayerInput::default(), &start, Need::GivenOnly).unwrap(),
        start
    );
    let bad = check_with(
        &form,
        input(json!({"customer": {"email": "nope"}})),
        &start,
        Need::GivenOnly,
    )
    .unwrap_err();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].code, "email_invalid");
}

#[test]
fn a_merchant_email_stays_on_a_form_that_does_not_ask_for_one() {
    let plain = PayerForm::default();
    let stored = Payer {
        customer: Customer {
            email: Some("buyer@shop.example".into()),
            ..Customer::default()
        },
        ..Payer::default()
    };
    let kept = check_with(&plain, PayerInput::default(), &stored, Need::Required).unwrap();
    assert_eq!(kept.customer.email.as_deref(), Some("buyer@shop.example"));
}

#[test]
fn the_starting_quantity_is_the_least_the_form_allows() {
    let form =
        form_from(json!({"adjustable_quantity": {"enabled": true, "minimum": 2, "maximum": 4}}));
    assert_eq!(Payer::starting(&form).quantity, 2);
    assert_eq!(Payer::starting(&PayerForm::default()).quantity, 1);
}

#[test]
fn unknown_keys_are_named_at_most_40_characters_long() {
    let long = "k".repeat(500);
    let errors = check(
        &PayerForm::default(),
        input(json!({"custom_fields": {long.clone(): "v"}})),
    )
    .unwrap_err();
    assert_eq!(errors[0].param, format!("custom_fields.{}", &long[..40]));
}

proptest! {
    #[test]
    fn checking_never_panics_and_what_passes_passes_again(
        email in proptest::option::of(".{0,40}"),
        phone in proptest::option::of("[0-9+ ().a-]{0,20}"),
        size in proptest::option::of(".{0,5}"),
        member in proptest::option::of("[0-9a]{0,10}"),
        extra in proptest::option::of("[a-z]{1,5}"),
        quantity in proptest::option::of(0u32..10),
    ) {
        let mut fields = BTreeMap::new();
        if let Some(size) = size { fields.insert("size".to_owned(), size); }
        if let Some(member) = member { fields.insert("member_no".to_owned(), member); }
        if let Some(extra) = extra { fields.insert(extra, "x".to_owned()); }
        let sent = PayerInput {
            customer: Some(CustomerInput { email, phone, ..CustomerInput::default() }),
            custom_fields: Some(fields),
            quantity,
        };
        let form = form();
        if let Ok(payer) = check(&form, sent) {
            // What was accepted is accepted again as the stored state, unchanged.
            prop_assert_eq!(check_with(&form, PayerInput::default(), &payer, Need::Required), Ok(payer.clone()));
            prop_assert!((1..=5).contains(&payer.quantity));
        }
    }

    #[test]
    fn the_phone_rule_counts_digits_among_separators(digits in "[0-9]{1,20}", seps in "[ ().-]{0,5}", plus in any::<bool>()) {
        let text = format!("{}{}{}", if plus { "+" } else { "" }, seps, digits);
        let expected = (7..=15).contains(&digits.len()) && text.chars().count() <= 30;
        prop_assert_eq!(phone_is_valid(&text), expected);
    }
}
