//! The questions list: keys from labels, add/remove/move by uid, and the array it sends.

use super::*;
use shared::payer::DropdownOption;

fn size_field() -> CustomField {
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
        default: Some("m".into()),
    }
}

fn note_field() -> CustomField {
    CustomField {
        key: "note".into(),
        label: "Note".into(),
        kind: FieldType::Text,
        optional: true,
        options: Vec::new(),
        min_length: Some(2),
        max_length: Some(255),
        default: None,
    }
}

#[test]
fn a_key_is_made_from_the_label_in_the_apis_alphabet() {
    assert_eq!(key_from_label("Shirt size"), "shirt_size");
    assert_eq!(
        key_from_label("  Order No. (optional) "),
        "order_no_optional"
    );
    assert_eq!(key_from_label("VAT-ID 2"), "vat_id_2");
    assert_eq!(key_from_label("Größe"), "gr_e");
    assert_eq!(key_from_label("¿?"), "");
    let long = key_from_label(&"word ".repeat(20));
    assert!(long.len() <= 40 && !long.ends_with('_'), "{long}");
}

#[test]
fn a_new_questions_key_follows_its_label_until_a_key_is_typed() {
    let mut list = CustomFields::default();
    let uid = list.add().unwrap();
    let row = list.get_mut(uid).unwrap();
    row.set_label("Shirt size".into());
    assert_eq!(row.key, "shirt_size");
    row.set_key("size".into());
    row.set_label("T-shirt size".into());
    assert_eq!(row.key, "size");
}

#[test]
fn a_stored_questions_key_never_follows_its_label() {
    let mut list = CustomFields::of(&[size_field()]);
    let uid = list.uids()[0];
    list.get_mut(uid).unwrap().set_label("Cup size".into());
    assert_eq!(list.get(uid).unwrap().key, "size");
}

#[test]
fn a_stored_form_reads_back_as_the_array_it_came_from() {
    let list = CustomFields::of(&[size_field(), note_field()]);
    assert_eq!(
        list.request().unwrap(),
        json!([
            {"key": "size", "label": "Size", "type": "dropdown", "optional": false,
             "options": [{"value": "s", "label": "Small"}, {"value": "m", "label": "Medium"}],
             "default": "m"},
            // 255 is the API's default: not repeated.
            {"key": "note", "label": "Note", "type": "text", "optional": true, "min_length": 2},
        ])
    );
}

#[test]
fn at_most_three_questions_can_be_added() {
    let mut list = CustomFields::default();
    for _ in 0..3 {
        assert!(list.add().is_some());
    }
    assert!(!list.can_add());
    assert_eq!(list.add(), None);
    assert_eq!(list.rows().len(), 3);
}

#[test]
fn questions_move_and_are_removed_by_uid_keeping_their_uids() {
    let mut list = CustomFields::of(&[size_field(), note_field()]);
    let [size, note] = [list.uids()[0], list.uids()[1]];
    assert!(!list.move_by(size, true), "the first cannot go up");
    assert!(list.move_by(size, false));
    assert_eq!(list.uids(), [note, size]);
    assert!(!list.move_by(size, false), "the last cannot go down");
    assert_eq!(list.request().unwrap()[0]["key"], "note");
    list.remove(note);
    assert_eq!(list.uids(), [size]);
    assert_eq!(list.position(size), Some(0));
}

#[test]
fn options_are_added_moved_and_removed_within_their_question() {
    let mut list = CustomFields::of(&[size_field()]);
    let field = list.uids()[0];
    let large = list.add_option(field).unwrap();
    let row = list.get_mut(field).unwrap();
    row.option_mut(large).unwrap().label = "Large".into();
    let small = row.options[0].uid;
    assert!(list.move_option(field, large, true));
    assert!(!list.move_option(field, small, true));
    list.remove_option(field, small);
    let labels: Vec<_> = list
        .get(field)
        .unwrap()
        .options
        .iter()
        .map(|o| o.label.clone())
        .collect();
    assert_eq!(labels, ["Large", "Medium"]);
}

#[test]
fn an_options_value_left_empty_is_its_label() {
    let mut list = CustomFields::default();
    let field = list.add().unwrap();
    let option = list.add_option(field).unwrap();
    let row = list.get_mut(field).unwrap();
    row.kind = FieldType::Dropdown;
    row.set_label("Roast".into());
    row.option_mut(option).unwrap().label = " Dark ".into();
    assert_eq!(
        list.request().unwrap()[0]["options"],
        json!([{"value": "Dark", "label": "Dark"}])
    );
}

#[test]
fn only_a_dropdown_sends_options_and_only_text_sends_lengths() {
    let mut list = CustomFields::of(&[size_field()]);
    let uid = list.uids()[0];
    let row = list.get_mut(uid).unwrap();
    row.min_length = "3".into();
    assert!(list.request().unwrap()[0].get("min_length").is_none());
    let row = list.get_mut(uid).unwrap();
    row.kind = FieldType::Numeric;
    row.default.clear();
    let sent = list.request().unwrap();
    assert!(sent[0].get("options").is_none());
    assert_eq!(sent[0]["min_length"], 3);
    assert_eq!(sent[0]["type"], "numeric");
    // The options stay, should the type go back.
    assert_eq!(list.get(uid).unwrap().options.len(), 2);
}

#[test]
fn lengths_that_are_not_whole_numbers_are_named_by_question() {
    let mut list = CustomFields::of(&[note_field(), note_field()]);
    let second = list.uids()[1];
    let row = list.get_mut(second).unwrap();
    row.min_length = "two".into();
    row.max_length = "-1".into();
    let errors = list.request().unwrap_err();
    let params: Vec<_> = errors.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        params,
        ["custom_fields[1].min_length", "custom_fields[1].max_length"]
    );
    assert!(errors[0].1.starts_with("Question 2:"), "{}", errors[0].1);
}

#[test]
fn a_required_question_sends_optional_false_and_the_default_trimmed() {
    let mut list = CustomFields::default();
    let uid = list.add().unwrap();
    let row = list.get_mut(uid).unwrap();
    row.set_label("Member number".into());
    row.kind = FieldType::Numeric;
    row.default = " 0042 ".into();
    assert_eq!(
        list.request().unwrap(),
        json!([{"key": "member_number", "label": "Member number", "type": "numeric",
                "optional": false, "default": "0042"}])
    );
}

#[test]
fn a_question_made_a_dropdown_gets_one_option_to_fill_in_once() {
    let mut list = CustomFields::default();
    let uid = list.add().unwrap();
    list.set_kind(uid, FieldType::Dropdown);
    assert_eq!(list.get(uid).unwrap().options.len(), 1);
    list.set_kind(uid, FieldType::Text);
    list.set_kind(uid, FieldType::Dropdown);
    assert_eq!(
        list.get(uid).unwrap().options.len(),
        1,
        "its options are kept, none added"
    );
}
