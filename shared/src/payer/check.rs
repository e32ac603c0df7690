//! The customer's input checked against the form: the same rule on the page and in the API,
//! every failing field listed with its path and code.

use std::collections::BTreeMap;

use crate::api::error::FieldError;
use crate::api::sessions::fields;
use crate::payer::codes as c;
use crate::payer::config::{CollectMode, CustomField};
use crate::payer::input::*;
use crate::payer::messages::{self as m, message};
use crate::payer::{PayerForm, custom};
use crate::text::{self, Lines};

/// Whether a missing required value fails: at quote time it does; a session opened without a
/// quote only checks what is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    GivenOnly,
}

/// `input` alone, required fields enforced.
pub fn check(form: &PayerForm, input: PayerInput) -> Result<Payer, Vec<FieldError>> {
    check_with(form, input, &Payer::starting(form), Need::Required)
}

/// `input` over what the session already holds (`stored`): a member sent replaces the stored
/// one (empty text clears it), one left out keeps it. A value sent for a detail the form does
/// not collect fails; one already stored (a merchant's `customer_email`) stays.
pub fn check_with(
    form: &PayerForm,
    input: PayerInput,
    stored: &Payer,
    need: Need,
) -> Result<Payer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let given = input.customer.unwrap_or_default();
    let kept = &stored.customer;
    let mut e = Errs {
        list: &mut errors,
        need,
    };
    let collect = &form.collect;
    let email = e.detail(
        "customer.email",
        m::EMAIL_LABEL,
        collect.email,
        pick(given.email, &kept.email),
        c::EMAIL_REQUIRED,
        check_email,
    );
    let name = e.detail(
        "customer.name",
        m::NAME_LABEL,
        collect.name,
        pick(given.name, &kept.name),
        c::NAME_REQUIRED,
        |t| line(t, m::MAX_NAME_CHARS, c::NAME_TOO_LONG),
    );
    let phone = e.detail(
        "customer.phone",
        m::PHONE_LABEL,
        collect.phone,
        pick(given.phone, &kept.phone),
        c::PHONE_REQUIRED,
        |t| (!phone_is_valid(t)).then_some(c::PHONE_INVALID),
    );
    let billing = e.address(
        "customer.billing_address",
        m::BILLING_ADDRESS_LABEL,
        collect.billing_address,
        pick_address(given.billing_address, &kept.billing_address),
        &[],
    );
    let shipping = e.address(
        "customer.shipping_address",
        m::SHIPPING_ADDRESS_LABEL,
        collect.shipping_address,
        pick_address(given.shipping_address, &kept.shipping_address),
        &collect.shipping_countries,
    );
    let custom_fields = e.custom(
        &form.custom_fields,
        input.custom_fields.unwrap_or_default(),
        &stored.custom_fields,
    );
    let quantity = e.quantity(form, input.quantity, stored.quantity);
    if errors.is_empty() {
        Ok(Payer {
            customer: Customer {
                email,
                name,
                phone,
                billing_address: billing,
                shipping_address: shipping,
            },
            custom_fields,
            quantity,
        })
    } else {
        Err(errors)
    }
}

impl Payer {
    /// What a session holds before the customer sends anything: the form's least quantity.
    pub fn starting(form: &PayerForm) -> Self {
        let q = &form.adjustable_quantity;
        Self {
            quantity: if q.enabled { q.minimum } else { 1 },
            ..Self::default()
        }
    }
}

/// Where a value comes from: sent now, or kept from the session.
pub(super) enum Source<T> {
    Sent(Option<T>),
    Kept(Option<T>),
}

fn pick(sent: Option<String>, kept: &Option<String>) -> Source<String> {
    match sent {
        Some(text) => Source::Sent(Some(text.trim().to_owned()).filter(|t| !t.is_empty())),
        None => Source::Kept(kept.clone()),
    }
}

fn pick_address(sent: Option<AddressInput>, kept: &Option<Address>) -> Source<AddressInput> {
    match sent {
        Some(address) => Source::Sent(Some(address)),
        None => Source::Kept(kept.clone().map(AddressInput::from)),
    }
}

pub(super) struct Errs<'a> {
    pub(super) list: &'a mut Vec<FieldError>,
    pub(super) need: Need,
}

impl Errs<'_> {
    pub(super) fn add(&mut self, param: &str, code: &str, label: &str) {
        self.list
            .push(FieldError::new(param, code, message(code, label)));
    }

    /// One built-in detail: collected or not, present or not, and its own rule.
    fn detail(
        &mut self,
        param: &str,
        label: &str,
        mode: CollectMode,
        source: Source<String>,
        required: &str,
        rule: impl Fn(&str) -> Option<&'static str>,
    ) -> Option<String> {
        let (value, sent) = match source {
            Source::Sent(v) => (v, true),
            Source::Kept(v) => (v, false),
        };
        match (mode, value) {
            (CollectMode::Off, Some(_)) if sent => {
                self.add(param, c::FIELD_NOT_COLLECTED, label);
                None
            }
            (CollectMode::Off, kept) => kept,
            (CollectMode::Required, None) if self.need == Need::Required => {
                self.add(param, required, label);
                None
            }
            (_, None) => None,
            (_, Some(text)) => match rule(&text) {
                Some(code) => {
                    self.add(param, code, label);
                    None
                }
                None => Some(text),
            },
        }
    }

    fn custom(
        &mut self,
        form: &[CustomField],
        mut sent: BTreeMap<String, String>,
        kept: &[CustomFieldValue],
    ) -> Vec<CustomFieldValue> {
        let mut values = Vec::new();
        for field in form {
            let param = format!("custom_fields.{}", field.key);
            let value = match sent.remove(&field.key) {
                Some(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
                None => kept
                    .iter()
                    .find(|v| v.key == field.key)
                    .map(|v| v.value.clone()),
            };
            match value {
                None if !field.optional && self.need == Need::Required => {
                    self.add(&param, c::CUSTOM_FIELD_REQUIRED, &field.label);
                }
                None => {}
                Some(value) => match custom::value_problem(field, &value) {
                    Some(code) => self.add(&param, code, &field.label),
                    None => values.push(CustomFieldValue {
                        key: field.key.clone(),
                        label: field.label.clone(),
                        value,
                    }),
                },
            }
        }
        for key in sent.into_keys() {
            let shown: String = key
                .chars()
                .take(crate::payer::config::MAX_KEY_CHARS)
                .collect();
            self.list.push(FieldError::new(
                format!("custom_fields.{shown}"),
                c::CUSTOM_FIELD_UNKNOWN,
                message(c::CUSTOM_FIELD_UNKNOWN, &shown),
            ));
        }
        values
    }

    fn quantity(&mut self, form: &PayerForm, sent: Option<u32>, kept: u32) -> u32 {
        let q = &form.adjustable_quantity;
        let Some(quantity) = sent else {
            return kept;
        };
        if !q.enabled {
            if quantity != 1 {
                self.add("quantity", c::QUANTITY_NOT_ADJUSTABLE, m::QUANTITY_LABEL);
            }
            return 1;
        }
        if quantity < q.minimum {
            self.add("quantity", c::QUANTITY_BELOW_MINIMUM, m::QUANTITY_LABEL);
        } else if quantity > q.maximum {
            self.add("quantity", c::QUANTITY_ABOVE_MAXIMUM, m::QUANTITY_LABEL);
        }
        quantity
    }
}

/// One line of at most `max` characters: `too_long` or `control_character` otherwise.
pub(super) fn line(text: &str, max: usize, too_long: &'static str) -> Option<&'static str> {
    if text::forbidden_char(text, Lines::One).is_some() {
        Some(text::CONTROL_CHARACTER)
    } else if text.chars().count() > max {
        Some(too_long)
    } else {
        None
    }
}

fn check_email(text: &str) -> Option<&'static str> {
    match fields::email("customer.email", Some(text.to_owned())) {
        Ok(_) => None,
        Err(e) if e.code == c::EMAIL_TOO_LONG => Some(c::EMAIL_TOO_LONG),
        Err(e) if e.code == text::CONTROL_CHARACTER => Some(text::CONTROL_CHARACTER),
        Err(_) => Some(c::EMAIL_INVALID),
    }
}

/// An optional leading `+`, then only digits and `space ( ) . -`, with 7 to 15 digits; at most
/// [`m::MAX_PHONE_CHARS`] characters in all. The same rule as [`m::PHONE_PATTERN`].
pub fn phone_is_valid(text: &str) -> bool {
    let rest = text.strip_prefix('+').unwrap_or(text);
    let digits = rest.bytes().filter(u8::is_ascii_digit).count();
    text.chars().count() <= m::MAX_PHONE_CHARS
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'(' | b')' | b'.' | b'-'))
        && (m::MIN_PHONE_DIGITS..=m::MAX_PHONE_DIGITS).contains(&digits)
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
