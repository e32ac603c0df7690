//! The payer controls against the API's own parser: every form it accepts reads into the
//! controls and back out unchanged, and a patch merged as the worker merges it gives the form
//! the controls show.

use super::*;
use serde_json::Value;
use shared::api::links::{CreateLinkRequest, LinkDefaults};
use shared::api::merge_patch;
use shared::chain::Chain;
use shared::money::Asset;
use shared::payer::{FieldType, PayerForm, merge};

fn eth(_: Chain) -> Vec<Asset> {
    vec![Asset::Eth]
}

/// What the API stores for a link with these members: its form and its `success_url`.
fn stored(members: &Map<String, Value>, kind: &str) -> (PayerForm, Option<String>) {
    let mut body = json!({"title": "Beans", "chain": "anvil", "type": kind});
    if kind == "fixed" {
        body["amount"] = json!("9.99");
    }
    let body = body.as_object_mut().unwrap();
    body.extend(members.clone());
    body.retain(|_, v| !v.is_null());
    let request: CreateLinkRequest = serde_json::from_value(Value::Object(body.clone())).unwrap();
    let defaults = LinkDefaults {
        chain: Some(Chain::Anvil),
        assets: &eth,
    };
    let link = request.parse(false, 0, &defaults).unwrap();
    (link.form, link.success_url.map(|u| u.as_str().to_owned()))
}

/// A form using every option the API has.
fn everything() -> Map<String, Value> {
    json!({
        "collect": {"email": "required", "name": "optional", "phone": "required",
                    "billing_address": "optional", "shipping_address": "required",
                    "shipping_countries": ["AT", "DE", "FR"]},
        "custom_fields": [
            {"key": "size", "label": "Size", "type": "dropdown", "optional": true,
             "options": [{"value": "s", "label": "Small"}, {"value": "m", "label": "Medium"}],
             "default": "m"},
            {"key": "member_no", "label": "Member number", "type": "numeric", "optional": false,
             "min_length": 4, "max_length": 8, "default": "0042"},
            {"key": "note", "label": "Note", "type": "text", "optional": true, "max_length": 40},
        ],
        "adjustable_quantity": {"enabled": true, "minimum": 2, "maximum": 5},
        "submit_label": "book",
        "after_completion": {"type": "message", "message": "See you on Monday."},
    })
    .as_object()
    .unwrap()
    .clone()
}

#[test]
fn every_option_the_api_has_reads_into_the_controls_and_back_unchanged() {
    let (form, success) = stored(&everything(), "fixed");
    let controls = PayerFields::of(&form.view(success.as_deref()), success.as_deref());
    assert_eq!(
        controls.mode(Detail::ShippingAddress),
        CollectMode::Required
    );
    assert_eq!(controls.shipping_countries, "AT, DE, FR");
    assert_eq!(controls.custom.rows()[1].kind, FieldType::Numeric);
    assert_eq!(controls.then, Then::Message);
    let members = controls.members(true).unwrap();
    assert_eq!(stored(&members, "fixed"), (form, None));
}

#[test]
fn a_redirect_reads_as_the_success_url_and_is_sent_as_one() {
    let mut sent = everything();
    sent.remove("after_completion");
    sent.insert("success_url".into(), json!("https://shop.example/thanks"));
    let (form, success) = stored(&sent, "fixed");
    let controls = PayerFields::of(&form.view(success.as_deref()), success.as_deref());
    assert_eq!(controls.then, Then::Redirect);
    let members = controls.members(true).unwrap();
    assert_eq!(members["after_completion"], Value::Null);
    assert_eq!(members["success_url"], "https://shop.example/thanks");
    assert_eq!(stored(&members, "fixed"), (form, success));
}

#[test]
fn an_empty_form_creates_nothing_of_its_own() {
    let mut members = PayerFields::default().members(true).unwrap();
    leave_defaults_out(&mut members);
    members.retain(|_, v| !v.is_null());
    assert_eq!(Value::Object(members), json!({}));
}

#[test]
fn a_create_names_only_the_details_asked() {
    let mut controls = PayerFields::default();
    controls.set_mode(Detail::Email, CollectMode::Required);
    controls.set_mode(Detail::ShippingAddress, CollectMode::Optional);
    controls.submit_label = SubmitLabel::Donate;
    let mut members = controls.members(true).unwrap();
    leave_defaults_out(&mut members);
    assert_eq!(
        members["collect"],
        json!({"email": "required", "shipping_address": "optional"})
    );
    assert_eq!(members["submit_label"], "donate");
    assert!(!members.contains_key("custom_fields") && !members.contains_key("adjustable_quantity"));
}

#[test]
fn countries_are_read_in_any_case_and_separator_sorted_once_each() {
    assert_eq!(countries("fr, de;AT  de").unwrap(), ["AT", "DE", "FR"]);
    assert_eq!(countries("  ").unwrap(), Vec::<String>::new());
    let (param, message) = countries("DE, UK, XX").unwrap_err();
    assert_eq!(param, "collect.shipping_countries");
    assert!(
        message.starts_with("UK, XX are not a country code"),
        "{message}"
    );
}

#[test]
fn the_countries_control_shows_while_shipping_is_asked_or_countries_are_set() {
    let mut controls = PayerFields::default();
    assert!(!controls.shows_countries());
    controls.set_mode(Detail::ShippingAddress, CollectMode::Optional);
    assert!(controls.shows_countries());
    controls.set_mode(Detail::ShippingAddress, CollectMode::Off);
    controls.shipping_countries = "DE".into();
    assert!(controls.shows_countries(), "what is sent stays in sight");
}

#[test]
fn a_custom_price_sends_the_quantity_off() {
    let mut controls = PayerFields::default();
    controls.quantity.enabled = true;
    let members = controls.members(false).unwrap();
    assert_eq!(members["adjustable_quantity"]["enabled"], false);
    let mut create = members.clone();
    leave_defaults_out(&mut create);
    assert!(!create.contains_key("adjustable_quantity"));
}

#[test]
fn quantity_bounds_are_checked_only_while_the_quantity_is_on() {
    let mut controls = PayerFields::default();
    controls.quantity.minimum = "one".into();
    controls.quantity.maximum = String::new();
    assert_eq!(
        controls.members(true).unwrap()["adjustable_quantity"],
        json!({"enabled": false})
    );
    controls.quantity.enabled = true;
    let errors = controls.members(true).unwrap_err();
    assert_eq!(
        errors,
        [(
            "adjustable_quantity.minimum".to_owned(),
            "Write a whole number from 1 to 1000.".to_owned()
        )]
    );
    controls.quantity.minimum = String::new();
    assert_eq!(
        controls.members(true).unwrap()["adjustable_quantity"],
        json!({"enabled": true, "minimum": 1, "maximum": 99}),
        "empty bounds are the API's defaults, sent so a patch replaces stale ones"
    );
}

#[test]
fn a_chosen_message_or_redirect_left_empty_is_named() {
    let mut controls = PayerFields {
        then: Then::Message,
        message: "  ".into(),
        ..PayerFields::default()
    };
    assert_eq!(
        controls.members(true).unwrap_err()[0].0,
        "after_completion.message"
    );
    controls.then = Then::Redirect;
    assert_eq!(controls.members(true).unwrap_err()[0].0, "success_url");
}

#[test]
fn every_problem_is_named_at_once() {
    let mut controls = PayerFields {
        shipping_countries: "Germany".into(),
        then: Then::Redirect,
        ..PayerFields::default()
    };
    let uid = controls.custom.add().unwrap();
    controls.custom.get_mut(uid).unwrap().max_length = "lots".into();
    let params: Vec<_> = controls
        .members(true)
        .unwrap_err()
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(
        params,
        [
            "collect.shipping_countries",
            "custom_fields[0].max_length",
            "success_url"
        ]
    );
}

/// The stored form after the worker merges `patch` into a link that has `before`'s members
/// (`prepare_merge`, then RFC 7396), as `PATCH /v1/payment_links/{id}` does.
fn merged(before: &Map<String, Value>, patch: &Map<String, Value>) -> (PayerForm, Option<String>) {
    let (form, success) = stored(before, "fixed");
    let mut request = form.request_members();
    if let Some(url) = success {
        request.insert("success_url".into(), json!(url));
    }
    merge::prepare_merge(&mut request, patch);
    let mut target = Value::Object(request);
    merge_patch::apply(&mut target, &Value::Object(patch.clone()));
    stored(target.as_object().unwrap(), "fixed")
}

#[test]
fn switching_what_follows_a_payment_merges_to_what_the_controls_say() {
    let message = PayerFields {
        then: Then::Message,
        message: "Thanks!".into(),
        ..PayerFields::default()
    };
    let redirect = PayerFields {
        then: Then::Redirect,
        success_url: "https://shop.example/done".into(),
        ..PayerFields::default()
    };
    let receipt = PayerFields::default();
    for (from, to) in [
        (&message, &redirect),
        (&redirect, &message),
        (&message, &receipt),
        (&redirect, &receipt),
        (&receipt, &message),
    ] {
        let (before, after) = (from.members(true).unwrap(), to.members(true).unwrap());
        let patch: Map<String, Value> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(
            merged(&before, &patch),
            stored(&after, "fixed"),
            "{:?} → {:?}",
            from.then,
            to.then
        );
    }
}
