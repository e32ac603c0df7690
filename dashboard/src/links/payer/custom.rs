//! The merchant's own questions as the form edits them: a list of rows (add, remove, move),
//! each with its dropdown options, and the `custom_fields` array they make.
//!
//! Every row and option has a `uid` that survives reordering, so the page keeps one DOM node
//! (and its focus and DOM ids) per row whatever its position. The API's rules (key pattern,
//! unique keys and values, label lengths, a default the field accepts) are left to the API,
//! whose errors are shown in its words; the form only refuses what it cannot put in the JSON.

use serde_json::{Map, Value, json};
use shared::payer::config::{MAX_CUSTOM_FIELDS, MAX_KEY_CHARS, MAX_OPTIONS, MAX_VALUE_CHARS};
use shared::payer::{CustomField, FieldType};

use crate::links::fields::FormError;

/// One dropdown choice as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    pub uid: u32,
    /// What the page shows.
    pub label: String,
    /// What the session stores; empty: the label.
    pub value: String,
}

impl OptionRow {
    /// The value the option is sent with: as typed, or its label when none is.
    pub fn sent_value(&self) -> String {
        match self.value.trim() {
            "" => self.label.trim().to_owned(),
            value => value.to_owned(),
        }
    }
}

/// One question as typed. The numbers stay text until the body is built, so a half-typed
/// value is never lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFieldRow {
    pub uid: u32,
    pub key: String,
    /// A new question's key is made from its label until the merchant types a key; an
    /// existing one's never changes by itself (integrations read answers by key).
    pub key_follows_label: bool,
    pub label: String,
    pub kind: FieldType,
    /// The API's `optional`, inverted: the form asks "Required", the API's default.
    pub required: bool,
    /// Kept while the type is not a dropdown, so switching back loses nothing; sent only for
    /// dropdowns.
    pub options: Vec<OptionRow>,
    /// Empty: no bound (text and numeric only).
    pub min_length: String,
    /// Empty: the API's 255 (text and numeric only).
    pub max_length: String,
    /// The pre-filled answer, or a dropdown's preselected option's value; empty: none.
    pub default: String,
}

impl CustomFieldRow {
    /// Sets the label, and the key with it while the key follows the label.
    pub fn set_label(&mut self, label: String) {
        if self.key_follows_label {
            self.key = key_from_label(&label);
        }
        self.label = label;
    }

    /// Sets the key as typed; from then on the label no longer changes it.
    pub fn set_key(&mut self, key: String) {
        self.key = key;
        self.key_follows_label = false;
    }

    pub fn option_mut(&mut self, uid: u32) -> Option<&mut OptionRow> {
        self.options.iter_mut().find(|o| o.uid == uid)
    }

    /// Whether the options list has room for one more.
    pub fn can_add_option(&self) -> bool {
        self.options.len() < MAX_OPTIONS
    }

    /// This question as one member of `custom_fields`; `at` is its position.
    fn request(&self, at: usize) -> Result<Value, Vec<FormError>> {
        let mut out = Map::new();
        out.insert("key".into(), json!(self.key.trim()));
        out.insert("label".into(), json!(self.label.trim()));
        out.insert("type".into(), json!(self.kind.as_str()));
        out.insert("optional".into(), json!(!self.required));
        let mut errors = Vec::new();
        match self.kind {
            FieldType::Dropdown => {
                let options: Vec<Value> = self
                    .options
                    .iter()
                    .map(|o| json!({"value": o.sent_value(), "label": o.label.trim()}))
                    .collect();
                out.insert("options".into(), Value::Array(options));
            }
            FieldType::Text | FieldType::Numeric => {
                for (name, text) in [
                    ("min_length", &self.min_length),
                    ("max_length", &self.max_length),
                ] {
                    match length(text) {
                        Ok(Some(n)) => {
                            out.insert(name.into(), json!(n));
                        }
                        Ok(None) => {}
                        Err(()) => errors.push((
                            format!("custom_fields[{at}].{name}"),
                            format!(
                                "Question {}: write a whole number of characters up to {MAX_VALUE_CHARS}, or leave it empty.",
                                at + 1
                            ),
                        )),
                    }
                }
            }
        }
        if let Some(default) = Some(self.default.trim()).filter(|d| !d.is_empty()) {
            out.insert("default".into(), json!(default));
        }
        if errors.is_empty() {
            Ok(Value::Object(out))
        } else {
            Err(errors)
        }
    }
}

fn length(text: &str) -> Result<Option<u32>, ()> {
    match text.trim() {
        "" => Ok(None),
        n => n.parse().map(Some).map_err(|_| ()),
    }
}

/// A key made from a label: lower-case ASCII letters and digits, anything else one `_`,
/// at most 40 characters. "Shirt size" is `shirt_size`; a label with no such letter gives
/// an empty key, which the API refuses in its own words.
pub fn key_from_label(label: &str) -> String {
    let mut key = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.truncate(MAX_KEY_CHARS);
    key.trim_end_matches('_').to_owned()
}

/// Moves `list[at]` one place up or down; false when it is already at that end.
fn move_one<T>(list: &mut [T], at: usize, up: bool) -> bool {
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    match to {
        Some(to) if to < list.len() => {
            list.swap(at, to);
            true
        }
        _ => false,
    }
}

/// The questions in the order the page shows them (the API keeps that order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomFields {
    rows: Vec<CustomFieldRow>,
    next_uid: u32,
}

impl CustomFields {
    /// The questions of a stored form. A `max_length` of 255 is the API's default, shown
    /// empty as on a new question.
    pub fn of(fields: &[CustomField]) -> Self {
        let mut list = Self::default();
        for field in fields {
            let uid = list.uid();
            let options = field
                .options
                .iter()
                .map(|o| OptionRow {
                    uid: list.uid(),
                    label: o.label.clone(),
                    value: o.value.clone(),
                })
                .collect();
            list.rows.push(CustomFieldRow {
                uid,
                key: field.key.clone(),
                key_follows_label: false,
                label: field.label.clone(),
                kind: field.kind,
                required: !field.optional,
                options,
                min_length: field.min_length.map(|n| n.to_string()).unwrap_or_default(),
                max_length: field
                    .max_length
                    .filter(|n| *n != MAX_VALUE_CHARS)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                default: field.default.clone().unwrap_or_default(),
            });
        }
        list
    }

    fn uid(&mut self) -> u32 {
        self.next_uid += 1;
        self.next_uid
    }

    pub fn rows(&self) -> &[CustomFieldRow] {
        &self.rows
    }

    pub fn uids(&self) -> Vec<u32> {
        self.rows.iter().map(|r| r.uid).collect()
    }

    pub fn get(&self, uid: u32) -> Option<&CustomFieldRow> {
        self.rows.iter().find(|r| r.uid == uid)
    }

    pub fn get_mut(&mut self, uid: u32) -> Option<&mut CustomFieldRow> {
        self.rows.iter_mut().find(|r| r.uid == uid)
    }

    /// Where the question is, from 0.
    pub fn position(&self, uid: u32) -> Option<usize> {
        self.rows.iter().position(|r| r.uid == uid)
    }

    /// Whether another question fits (the API takes at most 3).
    pub fn can_add(&self) -> bool {
        self.rows.len() < MAX_CUSTOM_FIELDS
    }

    /// Adds an empty required text question at the end, its key following its label; the
    /// new row's uid, or `None` when the list is full.
    pub fn add(&mut self) -> Option<u32> {
        if !self.can_add() {
            return None;
        }
        let uid = self.uid();
        self.rows.push(CustomFieldRow {
            uid,
            key: String::new(),
            key_follows_label: true,
            label: String::new(),
            kind: FieldType::Text,
            required: true,
            options: Vec::new(),
            min_length: String::new(),
            max_length: String::new(),
            default: String::new(),
        });
        Some(uid)
    }

    pub fn remove(&mut self, uid: u32) {
        self.rows.retain(|r| r.uid != uid);
    }

    /// Moves a question one place; false when it cannot go that way.
    pub fn move_by(&mut self, uid: u32, up: bool) -> bool {
        self.position(uid)
            .is_some_and(|at| move_one(&mut self.rows, at, up))
    }

    /// Sets a question's type; a question that becomes a dropdown with no options gets an
    /// empty one to fill in (a dropdown needs at least one).
    pub fn set_kind(&mut self, field: u32, kind: FieldType) {
        let Some(row) = self.get_mut(field) else {
            return;
        };
        row.kind = kind;
        if kind == FieldType::Dropdown && row.options.is_empty() {
            self.add_option(field);
        }
    }

    /// Adds an empty option at the end of a question's list; its uid, or `None` when full.
    pub fn add_option(&mut self, field: u32) -> Option<u32> {
        if !self.get(field).is_some_and(CustomFieldRow::can_add_option) {
            return None;
        }
        let uid = self.uid();
        self.get_mut(field)?.options.push(OptionRow {
            uid,
            label: String::new(),
            value: String::new(),
        });
        Some(uid)
    }

    pub fn remove_option(&mut self, field: u32, option: u32) {
        if let Some(row) = self.get_mut(field) {
            row.options.retain(|o| o.uid != option);
        }
    }

    /// Moves an option one place; false when it cannot go that way.
    pub fn move_option(&mut self, field: u32, option: u32, up: bool) -> bool {
        let Some(row) = self.get_mut(field) else {
            return false;
        };
        row.options
            .iter()
            .position(|o| o.uid == option)
            .is_some_and(|at| move_one(&mut row.options, at, up))
    }

    /// `custom_fields` as the API takes it, in this order; every number that is not one is
    /// named at once.
    pub fn request(&self) -> Result<Value, Vec<FormError>> {
        let mut errors = Vec::new();
        let mut out = Vec::new();
        for (at, row) in self.rows.iter().enumerate() {
            match row.request(at) {
                Ok(field) => out.push(field),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(Value::Array(out))
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;
