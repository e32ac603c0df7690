//! The merchant's form as sent on links and checkouts, checked into a [`PayerForm`].
//!
//! Modes, types and labels arrive as strings so each wrong one has its own code (serde would
//! answer one generic `invalid_type` for all).

use serde::Deserialize;

use crate::api::error::FieldError;
use crate::link::RedirectUrl;
use crate::money::FiatAmount;
use crate::payer::codes as c;
use crate::payer::config::*;
use crate::payer::{PayerForm, country, custom};
use crate::text::{self, Lines};

/// `collect`: each member `off`, `optional` or `required`; a member left out is `off`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<CollectMode>"))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<CollectMode>"))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<CollectMode>"))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<CollectMode>"))]
    pub billing_address: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<CollectMode>"))]
    pub shipping_address: Option<String>,
    /// ISO 3166-1 alpha-2 codes a shipping address may be in; empty or absent: any.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 250)))]
    pub shipping_countries: Option<Vec<String>>,
}

/// One custom field as sent.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldRequest {
    /// `[a-z0-9_]{1,40}`, unique among the fields.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub key: String,
    /// 1 to 50 characters, one line.
    #[cfg_attr(feature = "openapi", schemars(length(max = 50)))]
    pub label: String,
    /// `text`, `numeric` (digits only) or `dropdown`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schemars(with = "FieldType"))]
    pub kind: String,
    /// Default `false`: the customer must answer.
    #[serde(default)]
    pub optional: Option<bool>,
    /// Dropdowns only: 1 to 50 choices with unique values.
    #[serde(default, deserialize_with = "crate::api::objects_only::list")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 50)))]
    pub options: Option<Vec<DropdownOption>>,
    /// Text and numeric only: 0 to `max_length`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(max = 255)))]
    pub min_length: Option<u32>,
    /// Text and numeric only: 1 to 255 (the default).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 255)))]
    pub max_length: Option<u32>,
    /// Pre-filled on the page; must itself be a valid value (a dropdown's option value).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 255)))]
    pub default: Option<String>,
}

/// `adjustable_quantity` as sent.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustableQuantityRequest {
    pub enabled: bool,
    /// Default 1.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub minimum: Option<u32>,
    /// Default 99; at most 1000.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub maximum: Option<u32>,
}

/// `after_completion` as sent: `{"type": "message", "message": "…"}` or
/// `{"type": "redirect", "url": "https://…"}` (the same as `success_url`).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterCompletionRequest {
    /// `message` or `redirect`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schemars(with = "AfterCompletionType"))]
    pub kind: String,
    /// With `message`: 1 to 500 characters shown on the paid page.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub message: Option<String>,
    /// With `redirect`: where the paid page sends the customer.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 2048)))]
    pub url: Option<String>,
}

/// The names of `after_completion.type`, for the OpenAPI document.
#[cfg(feature = "openapi")]
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum AfterCompletionType {
    Message,
    Redirect,
}

/// The form's members of a link or checkout request, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormRequest {
    pub collect: Option<CollectRequest>,
    pub custom_fields: Option<Vec<CustomFieldRequest>>,
    pub adjustable_quantity: Option<AdjustableQuantityRequest>,
    pub submit_label: Option<String>,
    pub after_completion: Option<AfterCompletionRequest>,
}

/// The price of one, as far as the request's own checks got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitPrice {
    Fixed(FiatAmount),
    /// The customer enters the amount: no quantity.
    Entered,
    /// The price itself failed its checks (already reported): nothing to say about a quantity.
    Unknown,
}

/// What a form is checked against.
pub struct FormContext<'a> {
    pub livemode: bool,
    /// The price a quantity multiplies.
    pub unit_price: UnitPrice,
    /// The request's own `success_url`, as sent.
    pub success_url: Option<&'a str>,
    /// What a member left out takes: a template link's form, or the empty form.
    pub base: &'a PayerForm,
}

/// A checked form, and the redirect `after_completion` named (the object's `success_url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedForm {
    pub form: PayerForm,
    pub redirect: Option<RedirectUrl>,
}

impl FormRequest {
    /// Checks every member, adding a failure for each rule broken to `errors`.
    pub fn parse(self, errors: &mut Vec<FieldError>, ctx: &FormContext<'_>) -> CheckedForm {
        let collect = match self.collect {
            Some(raw) => collect(errors, raw),
            None => ctx.base.collect.clone(),
        };
        let custom_fields = match self.custom_fields {
            Some(raw) => custom::fields(errors, raw),
            None => ctx.base.custom_fields.clone(),
        };
        let adjustable_quantity = match self.adjustable_quantity {
            Some(raw) => quantity(errors, raw),
            None => ctx.base.adjustable_quantity,
        };
        quantity_fits(errors, &adjustable_quantity, ctx.unit_price);
        let submit_label = match self.submit_label.as_deref() {
            Some(raw) => SubmitLabel::parse(raw).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "submit_label",
                    c::SUBMIT_LABEL_INVALID,
                    "submit_label is pay, donate or book.",
                ));
                SubmitLabel::default()
            }),
            None => ctx.base.submit_label,
        };
        let (completion_message, redirect) = match self.after_completion {
            Some(raw) => after_completion(errors, raw, ctx),
            // The request's own redirect replaces the template's message: one or the other.
            None if ctx.success_url.is_some() => (None, None),
            None => (ctx.base.completion_message.clone(), None),
        };
        CheckedForm {
            form: PayerForm {
                collect,
                custom_fields,
                adjustable_quantity,
                submit_label,
                completion_message,
            },
            redirect,
        }
    }
}

fn collect(errors: &mut Vec<FieldError>, raw: CollectRequest) -> Collect {
    let mut mode = |name: &str, raw: Option<String>| match raw.as_deref() {
        None => CollectMode::Off,
        Some(text) => CollectMode::parse(text).unwrap_or_else(|| {
            errors.push(FieldError::new(
                format!("collect.{name}"),
                c::COLLECT_MODE_INVALID,
                format!("collect.{name} is off, optional or required."),
            ));
            CollectMode::Off
        }),
    };
    let email = mode("email", raw.email);
    let name = mode("name", raw.name);
    let phone = mode("phone", raw.phone);
    let billing_address = mode("billing_address", raw.billing_address);
    let shipping_address = mode("shipping_address", raw.shipping_address);
    let given = raw.shipping_countries.unwrap_or_default();
    let mut shipping_countries = Vec::new();
    if given.len() > country::CODES.len() {
        errors.push(FieldError::new(
            "collect.shipping_countries",
            c::SHIPPING_COUNTRIES_INVALID,
            format!(
                "collect.shipping_countries lists at most {} countries.",
                country::CODES.len()
            ),
        ));
    } else {
        for (i, code) in given.iter().enumerate() {
            match country::parse(code) {
                Some(code) => shipping_countries.push(code),
                None => errors.push(FieldError::new(
                    format!("collect.shipping_countries[{i}]"),
                    c::SHIPPING_COUNTRIES_INVALID,
                    "collect.shipping_countries holds ISO 3166-1 alpha-2 codes such as DE.",
                )),
            }
        }
    }
    shipping_countries.sort();
    shipping_countries.dedup();
    Collect {
        email,
        name,
        phone,
        billing_address,
        shipping_address,
        shipping_countries,
    }
}

fn quantity(errors: &mut Vec<FieldError>, raw: AdjustableQuantityRequest) -> AdjustableQuantity {
    let minimum = raw.minimum.unwrap_or(DEFAULT_QUANTITY_MINIMUM);
    let maximum = raw.maximum.unwrap_or(DEFAULT_QUANTITY_MAXIMUM);
    let mut bad = |param: &str, message: &str| {
        errors.push(FieldError::new(param, c::QUANTITY_BOUNDS_INVALID, message));
    };
    if minimum < 1 {
        bad(
            "adjustable_quantity.minimum",
            "adjustable_quantity.minimum is at least 1.",
        );
    }
    if maximum > MAX_QUANTITY {
        bad(
            "adjustable_quantity.maximum",
            "adjustable_quantity.maximum is at most 1000.",
        );
    } else if maximum < minimum {
        bad(
            "adjustable_quantity.maximum",
            "adjustable_quantity.maximum is at least its minimum.",
        );
    }
    AdjustableQuantity {
        enabled: raw.enabled,
        minimum,
        maximum,
    }
}

/// A quantity needs a fixed price, and the price of the most it allows must be an amount.
fn quantity_fits(errors: &mut Vec<FieldError>, q: &AdjustableQuantity, unit: UnitPrice) {
    if !q.enabled {
        return;
    }
    match unit {
        UnitPrice::Unknown => {}
        UnitPrice::Entered => errors.push(FieldError::new(
            "adjustable_quantity",
            c::QUANTITY_NEEDS_FIXED_PRICE,
            "adjustable_quantity needs a fixed price: the customer cannot pick a quantity of an amount they enter.",
        )),
        UnitPrice::Fixed(unit) if crate::payer::quantity::total(unit, q.maximum).is_err() => {
            errors.push(FieldError::new(
                "adjustable_quantity.maximum",
                c::QUANTITY_BOUNDS_INVALID,
                "The price times adjustable_quantity.maximum is above the largest amount.",
            ))
        }
        UnitPrice::Fixed(_) => {}
    }
}

fn after_completion(
    errors: &mut Vec<FieldError>,
    raw: AfterCompletionRequest,
    ctx: &FormContext<'_>,
) -> (Option<String>, Option<RedirectUrl>) {
    let mut invalid = |param: &str, message: &str| {
        errors.push(FieldError::new(param, c::AFTER_COMPLETION_INVALID, message));
    };
    let checked = match (raw.kind.as_str(), raw.message, raw.url) {
        ("message", Some(message), None) => {
            let message = message.trim().to_owned();
            let chars = message.chars().count();
            if !(1..=MAX_COMPLETION_MESSAGE_CHARS).contains(&chars) {
                invalid(
                    "after_completion.message",
                    "after_completion.message has 1 to 500 characters.",
                );
            }
            if let Err(e) = text::check("after_completion.message", &message, Lines::Many) {
                errors.push(e);
            }
            (Some(message), None)
        }
        ("redirect", None, Some(url)) => match RedirectUrl::parse(&url, ctx.livemode) {
            Ok(url) => (None, Some(url)),
            Err(e) => {
                errors.push(FieldError::new(
                    "after_completion.url",
                    e.code(),
                    format!("after_completion.url {e}."),
                ));
                (None, None)
            }
        },
        ("message", _, _) => {
            invalid(
                "after_completion",
                "A message after_completion has a message and no url.",
            );
            (None, None)
        }
        ("redirect", _, _) => {
            invalid(
                "after_completion",
                "A redirect after_completion has a url and no message.",
            );
            (None, None)
        }
        _ => {
            invalid(
                "after_completion.type",
                "after_completion.type is message or redirect.",
            );
            (None, None)
        }
    };
    if let Some(given) = ctx.success_url {
        let same = checked.1.as_ref().is_some_and(|url| url.as_str() == given);
        if !same {
            errors.push(FieldError::new(
                "after_completion",
                c::AFTER_COMPLETION_CONFLICTS_SUCCESS_URL,
                "after_completion and success_url say different things: send one of them.",
            ));
        }
    }
    checked
}

/// What a link's or checkout's `PATCH` patch does to the stored request it merges into:
/// `after_completion` and `success_url` are one setting, so a patch naming one replaces the
/// other; `after_completion` replaces whole (merging a message into a redirect means nothing).
pub fn prepare_merge(
    stored: &mut serde_json::Map<String, serde_json::Value>,
    patch: &serde_json::Map<String, serde_json::Value>,
) {
    if patch.contains_key("after_completion") {
        stored.remove("after_completion");
        if !patch.contains_key("success_url") {
            stored.remove("success_url");
        }
    } else if patch.contains_key("success_url") {
        stored.remove("after_completion");
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
