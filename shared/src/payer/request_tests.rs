use serde_json::json;

use super::*;
use crate::money::Currency;
use crate::payer::fixtures::*;

#[test]
fn nothing_sent_is_the_empty_form() {
    let checked = parse(json!({})).unwrap();
    assert!(checked.form.is_empty());
    assert_eq!(checked.form, PayerForm::default());
    assert_eq!(checked.redirect, None);
}

#[test]
fn a_full_form_is_kept_as_sent_with_its_defaults_filled_in() {
    let checked = parse(json!({
        "collect": {"email": "required", "phone": "optional", "shipping_address": "required",
                    "shipping_countries": ["fr", "DE", "DE"]},
        "custom_fields": [
            {"key": "size", "label": "Size", "type": "dropdown",
             "options": [{"value": "s", "label": " Small "}, {"value": "m", "label": "Medium"}], "default": "m"},
            {"key": "order_no", "label": "Order number", "type": "numeric", "optional": true, "min_length": 4},
            {"key": "note", "label": "Note", "type": "text", "max_length": 80},
        ],
        "adjustable_quantity": {"enabled": true, "maximum": 5},
        "submit_label": "book",
        "after_completion": {"type": "message", "message": " See you soon. "},
    }))
    .unwrap();
    let form = checked.form;
    assert!(!form.is_empty());
    assert_eq!(form.collect.email, CollectMode::Required);
    assert_eq!(form.collect.phone, CollectMode::Optional);
    assert_eq!(form.collect.name, CollectMode::Off);
    assert_eq!(form.collect.shipping_countries, vec!["DE", "FR"]);
    assert_eq!(form.custom_fields.len(), 3);
    assert_eq!(form.custom_fields[0].options[0].label, "Small");
    assert_eq!(form.custom_fields[0].default.as_deref(), Some("m"));
    assert_eq!(
        (
            form.custom_fields[0].min_length,
            form.custom_fields[0].max_length
        ),
        (None, None)
    );
    assert_eq!(form.custom_fields[1].max_length, Some(255));
    assert_eq!(form.custom_fields[1].min_length, Some(4));
    assert!(form.custom_fields[1].optional && !form.custom_fields[2].optional);
    assert_eq!(form.custom_fields[2].max_length, Some(80));
    assert_eq!(
        form.adjustable_quantity,
        AdjustableQuantity {
            enabled: true,
            minimum: 1,
            maximum: 5
        }
    );
    assert_eq!(form.submit_label, SubmitLabel::Book);
    assert_eq!(form.completion_message.as_deref(), Some("See you soon."));
}

#[test]
fn collect_modes_and_countries_have_their_own_codes() {
    assert_eq!(
        codes(json!({"collect": {"email": "yes"}})),
        one("collect.email", "collect_mode_invalid")
    );
    assert_eq!(
        codes(
            json!({"collect": {"shipping_address": "required", "shipping_countries": ["DE", "XX"]}})
        ),
        one(
            "collect.shipping_countries[1]",
            "shipping_countries_invalid"
        )
    );
    let many: Vec<String> = (0..251).map(|_| "DE".to_owned()).collect();
    assert_eq!(
        codes(json!({"collect": {"shipping_countries": many}})),
        one("collect.shipping_countries", "shipping_countries_invalid")
    );
}

#[test]
fn quantity_bounds_are_1_to_1000_in_order() {
    let q = |v: serde_json::Value| json!({"adjustable_quantity": v});
    assert!(
        parse(q(
            json!({"enabled": true, "minimum": 1000, "maximum": 1000})
        ))
        .is_ok()
    );
    assert_eq!(
        codes(q(json!({"enabled": true, "minimum": 0}))),
        one("adjustable_quantity.minimum", "quantity_bounds_invalid")
    );
    assert_eq!(
        codes(q(json!({"enabled": true, "maximum": 1001}))),
        one("adjustable_quantity.maximum", "quantity_bounds_invalid")
    );
    assert_eq!(
        codes(q(json!({"enabled": true, "minimum": 5, "maximum": 4}))),
        one("adjustable_quantity.maximum", "quantity_bounds_invalid")
    );
    // The default maximum is 99: a minimum above it needs a maximum.
    assert_eq!(
        codes(q(json!({"enabled": false, "minimum": 100}))),
        one("adjustable_quantity.maximum", "quantity_bounds_invalid")
    );
}

#[test]
fn a_quantity_needs_a_fixed_price_whose_multiple_is_an_amount() {
    let base = PayerForm::default();
    let run = |unit: UnitPrice| {
        let ctx = FormContext {
            livemode: false,
            unit_price: unit,
            success_url: None,
            base: &base,
        };
        let mut errors = Vec::new();
        form_of(json!({"adjustable_quantity": {"enabled": true, "maximum": 1000}}))
            .parse(&mut errors, &ctx);
        errors
            .into_iter()
            .map(|e| (e.param, e.code))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        run(UnitPrice::Entered),
        one("adjustable_quantity", "quantity_needs_fixed_price")
    );
    // A price that failed its own checks says nothing more about the quantity.
    assert_eq!(run(UnitPrice::Unknown), vec![]);
    let huge = FiatAmount::from_minor(FiatAmount::MAX_MINOR / 999, Currency::Usd).unwrap();
    assert_eq!(
        run(UnitPrice::Fixed(huge)),
        one("adjustable_quantity.maximum", "quantity_bounds_invalid")
    );
    assert_eq!(run(UnitPrice::Fixed(eur("9.99"))), vec![]);
    // Switched off, a quantity asks nothing of the price.
    let ctx = FormContext {
        livemode: false,
        unit_price: UnitPrice::Entered,
        success_url: None,
        base: &base,
    };
    let mut errors = Vec::new();
    form_of(json!({"adjustable_quantity": {"enabled": false}})).parse(&mut errors, &ctx);
    assert!(errors.is_empty());
}

#[test]
fn the_submit_label_is_pay_donate_or_book() {
    for label in ["pay", "donate", "book"] {
        assert_eq!(
            parse(json!({"submit_label": label}))
                .unwrap()
                .form
                .submit_label
                .as_str(),
            label
        );
    }
    assert_eq!(
        codes(json!({"submit_label": "buy"})),
        one("submit_label", "submit_label_invalid")
    );
}

#[test]
fn after_completion_is_a_message_or_a_redirect() {
    let redirect = parse(
        json!({"after_completion": {"type": "redirect", "url": "https://shop.example/thanks"}}),
    )
    .unwrap();
    assert_eq!(
        redirect.redirect.unwrap().as_str(),
        "https://shop.example/thanks"
    );
    assert_eq!(redirect.form.completion_message, None);
    let bad = |v: serde_json::Value, param: &str, code: &str| {
        assert_eq!(
            codes(json!({"after_completion": v})),
            one(param, code),
            "{v}"
        );
    };
    bad(
        json!({"type": "message"}),
        "after_completion",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "message", "message": "hi", "url": "https://a.example"}),
        "after_completion",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "redirect", "message": "hi"}),
        "after_completion",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "popup"}),
        "after_completion.type",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "message", "message": "x".repeat(501)}),
        "after_completion.message",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "message", "message": "  "}),
        "after_completion.message",
        "after_completion_invalid",
    );
    bad(
        json!({"type": "message", "message": "a\u{0}b"}),
        "after_completion.message",
        "control_character",
    );
    bad(
        json!({"type": "redirect", "url": "http://shop.example"}),
        "after_completion.url",
        "url_not_https",
    );
    assert!(
        parse(json!({"after_completion": {"type": "message", "message": "Thanks!\nSee you."}}))
            .is_ok()
    );
}

#[test]
fn after_completion_and_a_different_success_url_conflict() {
    let url = "https://shop.example/thanks";
    let same = json!({"after_completion": {"type": "redirect", "url": url}});
    assert_eq!(
        parse_with(same, Some(url))
            .unwrap()
            .redirect
            .unwrap()
            .as_str(),
        url
    );
    for other in [
        json!({"after_completion": {"type": "redirect", "url": "https://shop.example/other"}}),
        json!({"after_completion": {"type": "message", "message": "Thanks"}}),
    ] {
        let errors = parse_with(other, Some(url)).unwrap_err();
        assert_eq!(
            errors.last().unwrap().code,
            "after_completion_conflicts_success_url"
        );
    }
}

#[test]
fn members_left_out_take_the_base_form_and_a_success_url_replaces_its_message() {
    let base = parse(json!({
        "collect": {"email": "required"}, "submit_label": "donate",
        "after_completion": {"type": "message", "message": "Thank you"},
    }))
    .unwrap()
    .form;
    let run = |value: serde_json::Value, success_url: Option<&str>| {
        let ctx = FormContext {
            livemode: false,
            unit_price: UnitPrice::Fixed(eur("1.00")),
            success_url,
            base: &base,
        };
        let mut errors = Vec::new();
        let checked = form_of(value).parse(&mut errors, &ctx);
        assert!(errors.is_empty(), "{errors:?}");
        checked.form
    };
    let kept = run(json!({"submit_label": "pay"}), None);
    assert_eq!(kept.collect.email, CollectMode::Required);
    assert_eq!(kept.submit_label, SubmitLabel::Pay);
    assert_eq!(kept.completion_message.as_deref(), Some("Thank you"));
    assert_eq!(
        run(json!({}), Some("https://shop.example/x")).completion_message,
        None
    );
    assert_eq!(
        run(json!({"collect": {}}), None).collect,
        Collect::default()
    );
}

#[test]
fn a_patch_naming_one_half_of_after_completion_replaces_the_other() {
    let stored = || {
        json!({"success_url": "https://a.example", "after_completion": {"type": "message", "message": "m"}, "title": "t"})
            .as_object()
            .unwrap()
            .clone()
    };
    let run = |patch: serde_json::Value| {
        let mut s = stored();
        prepare_merge(&mut s, patch.as_object().unwrap());
        let mut names: Vec<_> = s.keys().cloned().collect();
        names.sort();
        names
    };
    assert_eq!(
        run(json!({"after_completion": {"type": "message", "message": "n"}})),
        ["title"]
    );
    assert_eq!(
        run(json!({"success_url": "https://b.example"})),
        ["success_url", "title"]
    );
    assert_eq!(
        run(
            json!({"success_url": "https://b.example", "after_completion": {"type": "redirect", "url": "https://b.example"}})
        ),
        ["success_url", "title"]
    );
    assert_eq!(
        run(json!({"title": "u"})),
        ["after_completion", "success_url", "title"]
    );
}

#[test]
fn the_stored_form_reads_back_and_an_empty_column_is_the_empty_form() {
    let form = parse(json!({"collect": {"name": "optional"}, "custom_fields": [{"key": "k", "label": "L", "type": "text"}]}))
        .unwrap()
        .form;
    assert_eq!(PayerForm::from_json(Some(&form.to_json())).unwrap(), form);
    assert_eq!(PayerForm::from_json(None).unwrap(), PayerForm::default());
    assert_eq!(
        PayerForm::from_json(Some("{}")).unwrap(),
        PayerForm::default()
    );
    assert!(PayerForm::from_json(Some("{\"collect\": 3}")).is_err());
}

#[test]
fn the_views_answer_after_completion_and_the_public_one_hides_the_url() {
    let mut form = PayerForm::default();
    let view = serde_json::to_value(form.view(Some("https://a.example/t"))).unwrap();
    assert_eq!(
        view["after_completion"],
        json!({"type": "redirect", "url": "https://a.example/t"})
    );
    assert_eq!(view["collect"]["email"], "off");
    assert_eq!(view["submit_label"], "pay");
    assert_eq!(
        view["adjustable_quantity"],
        json!({"enabled": false, "minimum": 1, "maximum": 99})
    );
    let public = serde_json::to_value(form.public_view(Some("https://a.example/t"))).unwrap();
    assert_eq!(public["after_completion"], json!({"type": "redirect"}));
    form.completion_message = Some("Thanks".into());
    let public = serde_json::to_value(form.public_view(None)).unwrap();
    assert_eq!(
        public["after_completion"],
        json!({"type": "message", "message": "Thanks"})
    );
    assert_eq!(
        serde_json::to_value(PayerForm::default().view(None)).unwrap()["after_completion"],
        json!(null)
    );
}

#[test]
fn a_forms_request_members_read_back_as_the_same_form() {
    let form = parse(json!({
        "collect": {"email": "required", "shipping_address": "optional", "shipping_countries": ["DE"]},
        "custom_fields": [
            {"key": "size", "label": "Size", "type": "dropdown", "default": "m",
             "options": [{"value": "s", "label": "Small"}, {"value": "m", "label": "Medium"}]},
            {"key": "no", "label": "No.", "type": "numeric", "optional": true, "min_length": 2},
        ],
        "adjustable_quantity": {"enabled": true, "minimum": 2, "maximum": 7},
        "submit_label": "donate",
        "after_completion": {"type": "message", "message": "Thanks"},
    }))
    .unwrap()
    .form;
    let members = serde_json::Value::Object(form.request_members());
    assert_eq!(parse(members).unwrap().form, form);
    let plain = PayerForm::default().request_members();
    assert!(!plain.contains_key("after_completion"));
    assert_eq!(
        parse(serde_json::Value::Object(plain)).unwrap().form,
        PayerForm::default()
    );
}
