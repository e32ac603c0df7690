//! A checkout's payer form: its own, or its template link's with each part overridable, and
//! `after_completion` as one setting with `success_url`.

use serde_json::json;

use super::*;
use crate::payer::{AfterCompletion, CollectMode, SubmitLabel};

fn request(value: serde_json::Value) -> CreateCheckoutRequest {
    let mut base = serde_json::to_value(json!({"amount": "42.00", "currency": "EUR"})).unwrap();
    base.as_object_mut()
        .unwrap()
        .extend(value.as_object().unwrap().clone());
    serde_json::from_value(base).unwrap()
}

fn lent() -> LinkTemplate {
    let mut link = template(Pricing::Fixed(eur("9.99")));
    link.form.collect.email = CollectMode::Required;
    link.form.submit_label = SubmitLabel::Donate;
    link
}

#[test]
fn a_checkout_of_its_own_takes_its_form_and_a_quantity_multiplies_its_amount() {
    let new = request(json!({
        "collect": {"name": "required"},
        "adjustable_quantity": {"enabled": true, "maximum": 4},
        "after_completion": {"type": "message", "message": "Thanks"},
    }))
    .parse(None, &offer(Some(Chain::Anvil)))
    .unwrap();
    assert_eq!(new.form.collect.name, CollectMode::Required);
    assert!(new.form.adjustable_quantity.enabled);
    assert_eq!(new.form.completion_message.as_deref(), Some("Thanks"));
    assert_eq!(new.success_url, None);
    assert_eq!(new.fiat, eur("42.00"), "the price of one");
}

#[test]
fn a_template_lends_its_form_and_each_part_sent_replaces_its_own() {
    let taken = order().parse(Some(&lent()), &offer(None)).unwrap();
    assert_eq!(taken.form.collect.email, CollectMode::Required);
    assert_eq!(taken.form.submit_label, SubmitLabel::Donate);
    let replaced = request(json!({"submit_label": "book", "collect": {"phone": "optional"}}))
        .parse(Some(&lent()), &offer(None))
        .unwrap();
    assert_eq!(replaced.form.submit_label, SubmitLabel::Book);
    assert_eq!(replaced.form.collect.email, CollectMode::Off);
    assert_eq!(replaced.form.collect.phone, CollectMode::Optional);
}

#[test]
fn a_completion_message_replaces_the_templates_redirect_and_a_redirect_is_the_success_url() {
    let message = request(json!({"after_completion": {"type": "message", "message": "Bye"}}))
        .parse(Some(&lent()), &offer(None))
        .unwrap();
    assert_eq!(message.success_url, None);
    assert_eq!(
        message
            .form
            .view(message.success_url.as_deref())
            .after_completion,
        Some(AfterCompletion::Message {
            message: "Bye".into()
        })
    );
    let redirect = request(
        json!({"after_completion": {"type": "redirect", "url": "https://shop.example/done"}}),
    )
    .parse(Some(&lent()), &offer(None))
    .unwrap();
    assert_eq!(
        redirect.success_url.as_deref(),
        Some("https://shop.example/done")
    );
    let conflict = request(json!({"success_url": "https://shop.example/a",
        "after_completion": {"type": "redirect", "url": "https://shop.example/b"}}))
    .parse(None, &offer(Some(Chain::Anvil)))
    .unwrap_err();
    assert_eq!(conflict[0].code, "after_completion_conflicts_success_url");
}

#[test]
fn a_quantity_whose_most_costs_more_than_any_amount_is_refused() {
    let errors = request(json!({"amount": "9000000000000.00",
        "adjustable_quantity": {"enabled": true, "maximum": 2}}))
    .parse(None, &offer(Some(Chain::Anvil)))
    .unwrap_err();
    assert_eq!(
        (errors[0].param.as_str(), errors[0].code.as_str()),
        ("adjustable_quantity.maximum", "quantity_bounds_invalid")
    );
}
