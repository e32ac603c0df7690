//! Test helpers of the payer module: forms and inputs written as JSON, failures as pairs.

use serde_json::json;

use crate::api::error::FieldError;
use crate::money::{Currency, FiatAmount};
use crate::payer::request::{CheckedForm, FormContext, FormRequest, UnitPrice};
use crate::payer::{PayerForm, PayerInput, check};

fn get<T: serde::de::DeserializeOwned>(value: &serde_json::Value, name: &str) -> Option<T> {
    value
        .get(name)
        .cloned()
        .map(|v| serde_json::from_value(v).unwrap())
}

pub fn form_of(value: serde_json::Value) -> FormRequest {
    FormRequest {
        collect: get(&value, "collect"),
        custom_fields: get(&value, "custom_fields"),
        adjustable_quantity: get(&value, "adjustable_quantity"),
        submit_label: get(&value, "submit_label"),
        after_completion: get(&value, "after_completion"),
    }
}

pub fn eur(text: &str) -> FiatAmount {
    FiatAmount::parse(text, Currency::Eur).unwrap()
}

/// A form sent with a fixed price of EUR 9.99 in test mode, with `success_url`.
pub fn parse_with(
    value: serde_json::Value,
    success_url: Option<&str>,
) -> Result<CheckedForm, Vec<FieldError>> {
    let base = PayerForm::default();
    let ctx = FormContext {
        livemode: false,
        unit_price: UnitPrice::Fixed(eur("9.99")),
        success_url,
        base: &base,
    };
    let mut errors = Vec::new();
    let checked = form_of(value).parse(&mut errors, &ctx);
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

pub fn parse(value: serde_json::Value) -> Result<CheckedForm, Vec<FieldError>> {
    parse_with(value, None)
}

/// The failures of a form that must fail, as `(param, code)`.
pub fn codes(value: serde_json::Value) -> Vec<(String, String)> {
    parse(value)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.param, e.code))
        .collect()
}

pub fn one(param: &str, code: &str) -> Vec<(String, String)> {
    vec![(param.to_owned(), code.to_owned())]
}

/// A form that must pass.
pub fn form_from(value: serde_json::Value) -> PayerForm {
    match parse(value) {
        Ok(checked) => checked.form,
        Err(errors) => panic!("{errors:?}"),
    }
}

/// The e2e link's form: required email, optional phone, a dropdown and a numeric field, 1–5.
pub fn form() -> PayerForm {
    form_from(json!({
        "collect": {"email": "required", "phone": "optional"},
        "custom_fields": [
            {"key": "size", "label": "Size", "type": "dropdown",
             "options": [{"value": "s", "label": "Small"}, {"value": "m", "label": "Medium"}]},
            {"key": "member_no", "label": "Member number", "type": "numeric", "min_length": 4, "max_length": 8},
        ],
        "adjustable_quantity": {"enabled": true, "minimum": 1, "maximum": 5},
    }))
}

pub fn input(value: serde_json::Value) -> PayerInput {
    PayerInput {
        customer: get(&value, "customer"),
        custom_fields: get(&value, "custom_fields"),
        quantity: get(&value, "quantity"),
    }
}

/// The failures of an input that must fail, as `(param, code)`.
pub fn failures(form: &PayerForm, value: serde_json::Value) -> Vec<(String, String)> {
    check(form, input(value))
        .unwrap_err()
        .into_iter()
        .map(|e| (e.param, e.code))
        .collect()
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
        .collect()
}
