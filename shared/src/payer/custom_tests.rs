use serde_json::json;

use crate::payer::fixtures::*;

#[test]
fn at_most_three_custom_fields() {
    let field = |k: &str| json!({"key": k, "label": "L", "type": "text"});
    assert!(parse(json!({"custom_fields": [field("a"), field("b"), field("c")]})).is_ok());
    assert_eq!(
        codes(json!({"custom_fields": [field("a"), field("b"), field("c"), field("d")]})),
        one("custom_fields", "custom_fields_too_many")
    );
}

#[test]
fn keys_are_short_lower_snake_and_unique() {
    for bad in ["", "Size", "shoe-size", "größe", &"k".repeat(41)] {
        assert_eq!(
            codes(json!({"custom_fields": [{"key": bad, "label": "L", "type": "text"}]})),
            one("custom_fields[0].key", "custom_field_key_invalid"),
            "{bad:?}"
        );
    }
    assert!(
        parse(json!({"custom_fields": [{"key": "k".repeat(40), "label": "L", "type": "text"}]}))
            .is_ok()
    );
    assert_eq!(
        codes(
            json!({"custom_fields": [{"key": "a", "label": "L", "type": "text"}, {"key": "a", "label": "M", "type": "text"}]})
        ),
        one("custom_fields[1].key", "custom_field_key_duplicate")
    );
}

#[test]
fn labels_are_one_line_of_1_to_50_characters() {
    for bad in [" ".to_owned(), "é".repeat(51), "a\nb".to_owned()] {
        assert_eq!(
            codes(json!({"custom_fields": [{"key": "k", "label": bad, "type": "text"}]})),
            one("custom_fields[0].label", "custom_field_label_invalid")
        );
    }
    assert!(
        parse(json!({"custom_fields": [{"key": "k", "label": "é".repeat(50), "type": "text"}]}))
            .is_ok()
    );
}

#[test]
fn the_type_is_text_numeric_or_dropdown() {
    assert_eq!(
        codes(json!({"custom_fields": [{"key": "k", "label": "L", "type": "date"}]})),
        one("custom_fields[0].type", "custom_field_type_invalid")
    );
}

#[test]
fn dropdowns_have_1_to_50_unique_options_and_others_none() {
    let option = |v: String| json!({"value": v, "label": "Label"});
    let field = |options: serde_json::Value| json!({"custom_fields": [{"key": "k", "label": "L", "type": "dropdown", "options": options}]});
    let fifty: Vec<_> = (0..50).map(|i| option(i.to_string())).collect();
    assert!(parse(field(json!(fifty))).is_ok());
    let fifty_one: Vec<_> = (0..51).map(|i| option(i.to_string())).collect();
    let bad = one("custom_fields[0].options", "custom_field_options_invalid");
    for options in [
        json!(fifty_one),
        json!([]),
        json!([option("a".into()), option("a".into())]),
        json!([option(String::new())]),
        json!([option("x".repeat(101))]),
        json!([{"value": "a", "label": ""}]),
    ] {
        assert_eq!(codes(field(options.clone())), bad, "{options}");
    }
    assert_eq!(
        codes(json!({"custom_fields": [{"key": "k", "label": "L", "type": "dropdown"}]})),
        bad
    );
    assert_eq!(
        codes(
            json!({"custom_fields": [{"key": "k", "label": "L", "type": "text", "options": [option("a".into())]}]})
        ),
        bad
    );
}

#[test]
fn lengths_fit_text_and_numeric_only() {
    let field = |extra: serde_json::Value| {
        let mut f = json!({"key": "k", "label": "L", "type": "text"});
        f.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"custom_fields": [f]})
    };
    assert!(parse(field(json!({"min_length": 3, "max_length": 3}))).is_ok());
    assert_eq!(
        codes(field(json!({"max_length": 0}))),
        one("custom_fields[0].max_length", "custom_field_length_invalid")
    );
    assert_eq!(
        codes(field(json!({"max_length": 256}))),
        one("custom_fields[0].max_length", "custom_field_length_invalid")
    );
    assert_eq!(
        codes(field(json!({"min_length": 256}))),
        one("custom_fields[0].min_length", "custom_field_length_invalid")
    );
    assert_eq!(
        codes(field(json!({"min_length": 5, "max_length": 4}))),
        one("custom_fields[0].min_length", "custom_field_length_invalid")
    );
    assert_eq!(
        codes(field(
            json!({"type": "dropdown", "options": [{"value": "a", "label": "A"}], "max_length": 4})
        )),
        one("custom_fields[0].min_length", "custom_field_length_invalid")
    );
}

#[test]
fn a_default_must_be_a_value_the_field_takes() {
    let with = |kind: &str, default: &str| {
        json!({"custom_fields": [{"key": "k", "label": "L", "type": kind, "max_length": 5, "default": default,
            "options": if kind == "dropdown" { json!([{"value": "a", "label": "A"}]) } else { json!(null) }}]})
    };
    // max_length on a dropdown is its own error; test dropdowns without it.
    let dropdown = |default: &str| {
        json!({"custom_fields": [{"key": "k", "label": "L", "type": "dropdown",
        "options": [{"value": "a", "label": "A"}], "default": default}]})
    };
    assert!(parse(with("text", "hello")).is_ok());
    assert!(parse(with("numeric", "007")).is_ok());
    assert!(parse(dropdown("a")).is_ok());
    let bad = one("custom_fields[0].default", "custom_field_default_invalid");
    assert_eq!(codes(with("text", "toolong")), bad);
    assert_eq!(codes(with("numeric", "12a")), bad);
    assert_eq!(codes(dropdown("b")), bad);
}

#[test]
fn a_default_is_not_judged_by_bounds_that_are_themselves_wrong() {
    assert_eq!(
        codes(
            json!({"custom_fields": [{"key": "k", "label": "L", "type": "text",
            "min_length": 9, "max_length": 3, "default": "hi"}]})
        ),
        one("custom_fields[0].min_length", "custom_field_length_invalid")
    );
}
