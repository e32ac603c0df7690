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

#[test]
fn fields_the_form_cannot_read_are_named_all_at_once() {
    let fields = LinkFields {
        max_payments: "ten".into(),
        expires_at: "2026-02-30T10:00".into(),
        metadata: "no equals sign".into(),
        ..coffee()
    };
    let names: Vec<_> = fields
        .create_body()
        .unwrap_err()
        .into_iter()
        .map(|e| e.0)
        .collect();
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

#[test]
fn payer_options_are_sent_as_written_and_patched_only_when_changed() {
    let fields = LinkFields {
        payer: r#"{"submit_label": "donate", "collect": {"name": "required"}}"#.into(),
        ..coffee()
    };
    let body = fields.create_body().unwrap();
    assert_eq!(body["submit_label"], json!("donate"));
    assert_eq!(body["collect"], json!({"name": "required"}));
    assert_eq!(fields.patch_body(&fields).unwrap(), json!({}));
    let changed = LinkFields {
        payer: r#"{"submit_label": "book", "collect": {"name": "required"}}"#.into(),
        ..fields.clone()
    };
    assert_eq!(
        changed.patch_body(&fields).unwrap(),
        json!({"submit_label": "book"})
    );
}

#[test]
fn payer_options_that_are_not_an_object_of_known_members_are_refused() {
    for text in ["[1]", "{", r#"{"quantity": 2}"#] {
        let fields = LinkFields {
            payer: text.into(),
            ..coffee()
        };
        let errors = fields.create_body().unwrap_err();
        assert_eq!(errors[0].0, "payer", "{text}");
    }
}
