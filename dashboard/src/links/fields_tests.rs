//! The link form's bodies: creates leave defaults to the API, patches send only changes.

use super::*;

fn coffee() -> LinkFields {
    LinkFields {
        title: "Coffee".into(),
        amount: "12.50".into(),
        ..LinkFields::new_link()
    }
}

#[test]
fn a_create_sends_only_what_was_filled_in() {
    let body = coffee().create_body().unwrap();
    assert_eq!(
        body,
        json!({"type": "fixed", "title": "Coffee", "amount": "12.50", "currency": "USD", "active": true})
    );
}

#[test]
fn a_custom_create_sends_its_bounds_and_no_amount() {
    let fields = LinkFields {
        kind: "custom".into(),
        minimum: "5".into(),
        preset: "10".into(),
        assets: vec!["USDC".into()],
        slug: "tips".into(),
        metadata: "team=north\n\n kind = tip ".into(),
        ..coffee()
    };
    let body = fields.create_body().unwrap();
    assert_eq!(
        body["custom_amount"],
        json!({"minimum": "5", "maximum": null, "preset": "10"})
    );
    assert!(body.get("amount").is_none());
    assert_eq!(body["assets"], json!(["USDC"]));
    assert_eq!(body["slug"], json!("tips"));
    assert_eq!(body["metadata"], json!({"team": "north", "kind": "tip"}));
}

/// The fields a create names as unreadable, in order.
fn failing(fields: &LinkFields) -> Vec<String> {
    let errors = fields.create_body().unwrap_err();
    errors.into_iter().map(|e| e.0).collect()
}

#[test]
fn fields_the_form_cannot_read_are_named_all_at_once() {
    let fields = LinkFields {
        max_payments: "ten".into(),
        expires_at: "2026-02-30T10:00".into(),
        metadata: "no equals sign".into(),
        ..coffee()
    };
    let names = failing(&fields);
    assert_eq!(names, ["metadata", "max_payments", "expires_at"]);
}

#[test]
fn an_unchanged_form_patches_nothing() {
    assert_eq!(coffee().patch_body(&coffee()).unwrap(), json!({}));
}

#[test]
fn a_patch_sends_changes_and_nulls_for_emptied_fields() {
    let before = LinkFields {
        description: "Fresh".into(),
        max_payments: "5".into(),
        ..coffee()
    };
    let after = LinkFields {
        title: "Coffee beans".into(),
        description: "".into(),
        max_payments: "5".into(),
        active: false,
        ..coffee()
    };
    assert_eq!(
        after.patch_body(&before).unwrap(),
        json!({"title": "Coffee beans", "description": null, "active": false})
    );
}

#[test]
fn switching_to_custom_sends_the_whole_price() {
    let after = LinkFields {
        kind: "custom".into(),
        maximum: "100".into(),
        ..coffee()
    };
    assert_eq!(
        after.patch_body(&coffee()).unwrap(),
        json!({"type": "custom", "amount": null, "custom_amount": {"minimum": null, "maximum": "100", "preset": null}})
    );
}

#[test]
fn metadata_patches_key_by_key() {
    let before = LinkFields {
        metadata: "a=1\nb=2".into(),
        ..coffee()
    };
    let after = LinkFields {
        metadata: "a=1\nb=3\nc=4".into(),
        ..coffee()
    };
    assert_eq!(
        after.patch_body(&before).unwrap(),
        json!({"metadata": {"b": "3", "c": "4"}})
    );
    let emptied = LinkFields {
        metadata: String::new(),
        ..coffee()
    };
    assert_eq!(
        emptied.patch_body(&before).unwrap(),
        json!({"metadata": {"a": null, "b": null}})
    );
}

fn with_payer(edit: impl FnOnce(&mut PayerFields)) -> LinkFields {
    let mut fields = coffee();
    edit(&mut fields.payer);
    fields
}

#[test]
fn a_create_carries_the_payer_details_asked_and_the_questions() {
    use shared::payer::{CollectMode, FieldType};
    let fields = with_payer(|p| {
        p.set_mode(payer::Detail::Email, CollectMode::Required);
        let uid = p.custom.add().unwrap();
        let option = p.custom.add_option(uid).unwrap();
        let row = p.custom.get_mut(uid).unwrap();
        row.set_label("Roast".into());
        row.kind = FieldType::Dropdown;
        row.option_mut(option).unwrap().label = "Dark".into();
    });
    let body = fields.create_body().unwrap();
    assert_eq!(body["collect"], json!({"email": "required"}));
    assert_eq!(
        body["custom_fields"],
        json!([{"key": "roast", "label": "Roast", "type": "dropdown", "optional": false,
                "options": [{"value": "Dark", "label": "Dark"}]}])
    );
}

#[test]
fn payer_changes_are_patched_alone_and_collect_detail_by_detail() {
    use shared::payer::CollectMode;
    let before = with_payer(|p| {
        p.set_mode(payer::Detail::Email, CollectMode::Required);
        p.set_mode(payer::Detail::ShippingAddress, CollectMode::Optional);
        p.custom.add().unwrap();
        p.custom
            .get_mut(p.custom.uids()[0])
            .unwrap()
            .set_label("Note".into());
    });
    assert_eq!(before.patch_body(&before).unwrap(), json!({}));
    let mut after = before.clone();
    after
        .payer
        .set_mode(payer::Detail::Email, CollectMode::Optional);
    assert_eq!(
        after.patch_body(&before).unwrap(),
        json!({"collect": {"email": "optional"}})
    );
    after.payer.custom.remove(after.payer.custom.uids()[0]);
    after.payer.submit_label = shared::payer::SubmitLabel::Donate;
    assert_eq!(
        after.patch_body(&before).unwrap(),
        json!({"collect": {"email": "optional"}, "custom_fields": [], "submit_label": "donate"})
    );
}

#[test]
fn a_redirect_is_the_success_url_and_leaving_it_clears_the_url() {
    let before = with_payer(|p| {
        p.then = payer::Then::Redirect;
        p.success_url = "https://shop.example/thanks".into();
    });
    assert_eq!(
        before.create_body().unwrap()["success_url"],
        "https://shop.example/thanks"
    );
    let after = with_payer(|p| {
        p.then = payer::Then::Message;
        p.message = "Thanks!".into();
    });
    assert_eq!(
        after.patch_body(&before).unwrap(),
        json!({"success_url": null, "after_completion": {"type": "message", "message": "Thanks!"}})
    );
}

#[test]
fn switching_a_quantity_link_to_custom_turns_the_quantity_off_with_the_price() {
    let before = with_payer(|p| p.quantity.enabled = true);
    let after = LinkFields {
        kind: "custom".into(),
        ..before.clone()
    };
    let patch = after.patch_body(&before).unwrap();
    assert_eq!(patch["type"], "custom");
    assert_eq!(
        patch["adjustable_quantity"],
        json!({"enabled": false, "minimum": 1, "maximum": 99})
    );
}

#[test]
fn payer_problems_are_named_with_the_other_fields() {
    let fields = LinkFields {
        max_payments: "ten".into(),
        ..with_payer(|p| p.shipping_countries = "Narnia".into())
    };
    let names = failing(&fields);
    assert_eq!(names, ["max_payments", "collect.shipping_countries"]);
}
