//! Custom fields: the merchant's definitions checked, and one value checked against its field
//! (the same rule for a customer's answer and for the field's own `default`).

use std::collections::BTreeSet;

use crate::api::error::FieldError;
use crate::payer::codes as c;
use crate::payer::config::*;
use crate::payer::request::CustomFieldRequest;
use crate::text::{self, Lines};

/// Whether `key` is `[a-z0-9_]{1,40}`.
pub fn key_is_valid(key: &str) -> bool {
    (1..=MAX_KEY_CHARS).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The code of the first rule a (trimmed, non-empty) `value` breaks for `field`, if any.
pub fn value_problem(field: &CustomField, value: &str) -> Option<&'static str> {
    match field.kind {
        FieldType::Dropdown => (!field.options.iter().any(|o| o.value == value))
            .then_some(c::CUSTOM_FIELD_UNKNOWN_OPTION),
        FieldType::Text | FieldType::Numeric => {
            if text::forbidden_char(value, Lines::One).is_some() {
                return Some(text::CONTROL_CHARACTER);
            }
            if field.kind == FieldType::Numeric && !value.bytes().all(|b| b.is_ascii_digit()) {
                return Some(c::CUSTOM_FIELD_NOT_NUMERIC);
            }
            let chars = u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
            if chars > field.max_length.unwrap_or(MAX_VALUE_CHARS) {
                Some(c::CUSTOM_FIELD_TOO_LONG)
            } else if chars < field.min_length.unwrap_or(0) {
                Some(c::CUSTOM_FIELD_TOO_SHORT)
            } else {
                None
            }
        }
    }
}

/// The fields checked, in the order sent; a failure for each rule broken goes to `errors`.
pub fn fields(errors: &mut Vec<FieldError>, raw: Vec<CustomFieldRequest>) -> Vec<CustomField> {
    if raw.len() > MAX_CUSTOM_FIELDS {
        errors.push(FieldError::new(
            "custom_fields",
            c::CUSTOM_FIELDS_TOO_MANY,
            format!("A form has at most {MAX_CUSTOM_FIELDS} custom_fields."),
        ));
        return Vec::new();
    }
    let mut keys = BTreeSet::new();
    raw.into_iter()
        .enumerate()
        .map(|(i, field)| {
            let fresh = keys.insert(field.key.clone());
            one(errors, &format!("custom_fields[{i}]"), field, fresh)
        })
        .collect()
}

fn one(
    errors: &mut Vec<FieldError>,
    at: &str,
    raw: CustomFieldRequest,
    fresh: bool,
) -> CustomField {
    let mut add = |part: &str, code: &str, message: String| {
        errors.push(FieldError::new(format!("{at}.{part}"), code, message));
    };
    if !key_is_valid(&raw.key) {
        add(
            "key",
            c::CUSTOM_FIELD_KEY_INVALID,
            format!("{at}.key is 1 to {MAX_KEY_CHARS} of a-z, 0-9 and _."),
        );
    } else if !fresh {
        add(
            "key",
            c::CUSTOM_FIELD_KEY_DUPLICATE,
            format!("{at}.key is already another field's key."),
        );
    }
    let label = raw.label.trim().to_owned();
    if !label_is_valid(&label) {
        add(
            "label",
            c::CUSTOM_FIELD_LABEL_INVALID,
            format!("{at}.label is one line of 1 to {MAX_LABEL_CHARS} characters."),
        );
    }
    let kind = FieldType::parse(&raw.kind).unwrap_or_else(|| {
        add(
            "type",
            c::CUSTOM_FIELD_TYPE_INVALID,
            format!("{at}.type is text, numeric or dropdown."),
        );
        FieldType::Text
    });
    let options = raw.options.unwrap_or_default();
    let options_ok = if kind == FieldType::Dropdown {
        let values: BTreeSet<&str> = options.iter().map(|o| o.value.as_str()).collect();
        (1..=MAX_OPTIONS).contains(&options.len())
            && values.len() == options.len()
            && options.iter().all(option_is_valid)
    } else {
        options.is_empty()
    };
    if !options_ok {
        add(
            "options",
            c::CUSTOM_FIELD_OPTIONS_INVALID,
            format!(
                "{at}.options: a dropdown has 1 to {MAX_OPTIONS} options with unique values \
                 (1 to {MAX_OPTION_VALUE_CHARS} characters) and labels of 1 to {MAX_LABEL_CHARS}; other types have none."
            ),
        );
    }
    let max = raw.max_length.unwrap_or(MAX_VALUE_CHARS);
    let dropdown_lengths =
        kind == FieldType::Dropdown && (raw.min_length.is_some() || raw.max_length.is_some());
    let max_bad = kind != FieldType::Dropdown && !(1..=MAX_VALUE_CHARS).contains(&max);
    let min_bad =
        kind != FieldType::Dropdown && !max_bad && raw.min_length.is_some_and(|min| min > max);
    // A default is judged by the field's bounds only once those are sound.
    let bounds_ok = !(dropdown_lengths || max_bad || min_bad);
    let (min_length, max_length) = if kind == FieldType::Dropdown {
        if dropdown_lengths {
            add(
                "min_length",
                c::CUSTOM_FIELD_LENGTH_INVALID,
                format!("{at}: a dropdown has no min_length or max_length."),
            );
        }
        (None, None)
    } else {
        if max_bad {
            add(
                "max_length",
                c::CUSTOM_FIELD_LENGTH_INVALID,
                format!("{at}.max_length is 1 to {MAX_VALUE_CHARS}."),
            );
        } else if min_bad {
            add(
                "min_length",
                c::CUSTOM_FIELD_LENGTH_INVALID,
                format!("{at}.min_length is at most max_length ({max})."),
            );
        }
        (raw.min_length, Some(max))
    };
    let mut field = CustomField {
        key: raw.key,
        label,
        kind,
        optional: raw.optional.unwrap_or(false),
        options: if options_ok {
            options
                .into_iter()
                .map(|o| DropdownOption {
                    label: o.label.trim().to_owned(),
                    value: o.value,
                })
                .collect()
        } else {
            Vec::new()
        },
        min_length,
        max_length,
        default: None,
    };
    let default = raw
        .default
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if let Some(default) = default {
        if bounds_ok && value_problem(&field, &default).is_some() {
            errors.push(FieldError::new(
                format!("{at}.default"),
                c::CUSTOM_FIELD_DEFAULT_INVALID,
                format!("{at}.default is not a value the field accepts."),
            ));
        }
        field.default = Some(default);
    }
    field
}

fn label_is_valid(label: &str) -> bool {
    (1..=MAX_LABEL_CHARS).contains(&label.chars().count())
        && text::forbidden_char(label, Lines::One).is_none()
}

fn option_is_valid(option: &DropdownOption) -> bool {
    let value_chars = option.value.chars().count();
    (1..=MAX_OPTION_VALUE_CHARS).contains(&value_chars)
        && option.value.trim() == option.value
        && text::forbidden_char(&option.value, Lines::One).is_none()
        && label_is_valid(option.label.trim())
}

#[cfg(test)]
#[path = "custom_tests.rs"]
mod tests;
