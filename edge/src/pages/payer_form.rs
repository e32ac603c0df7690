//! The payer form of a link or checkout as plain HTML for the pay page shell: the customer's
//! details, the merchant's custom fields and the quantity, pre-filled, each with the API's codes
//! and sentences for the rules the browser checks.
//!
//! Rendered by the worker rather than the page's wasm because the page has a size budget
//! (90 KB brotli, `bench/RESULTS.md`) that a form in Leptos would break: a page without fields
//! gets none of this, and `payer.js` (linked only with fields) validates and reads them.

use shared::money::FiatAmount;
use shared::payer::codes as c;
use shared::payer::config::MAX_VALUE_CHARS;
use shared::payer::messages as m;
use shared::payer::{CollectMode, CustomField, FieldType, PublicFormView, country, quantity};

use crate::pages::payer_field::{Field, Rule, Select};

/// The `<template>` element's id; `payer.js` moves its content into the page's form.
pub const TEMPLATE_ID: &str = "paylink-payer";
/// Linked in the head only with a form; deferred, so it runs once the template is parsed.
pub const SCRIPT: &str = r#"<script src="/payer.js" defer></script>"#;

/// What the form starts with besides each field's `default`: the link's address
/// (`prefilled_email`, `prefilled_name`, `quantity`) or the checkout's `customer_email`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefill {
    pub email: Option<String>,
    pub name: Option<String>,
    pub quantity: Option<u32>,
}

impl Prefill {
    /// From a page's query; a quantity that is not a whole number is ignored.
    pub fn from_query(query: &[(String, String)]) -> Self {
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_owned())
        };
        Self {
            email: get("prefilled_email"),
            name: get("prefilled_name"),
            quantity: get("quantity").and_then(|q| q.parse().ok()),
        }
    }
}

/// An HTML `pattern` (matched whole) for the API's email rule (`api::sessions::fields::email`):
/// something, one `@`, no white space, a dot inside the domain, which does not end with one.
/// Not `type="email"`: the browser's rule refuses addresses the API takes (non-ASCII ones).
pub const EMAIL_PATTERN: &str = r"[^@\s]+@[^@\s.]+\.[^@\s]*[^@\s.]";

/// The form's fields in a `<template>`, or `None` when it asks for nothing. `unit_price`: the
/// fixed price, for the quantity's total.
pub fn render(
    form: &PublicFormView,
    unit_price: Option<FiatAmount>,
    prefill: &Prefill,
) -> Option<String> {
    let mut fields = Vec::new();
    contact(&mut fields, form, prefill);
    let mut html = String::new();
    html.extend(fields.iter().map(Field::html));
    // Only shipping is limited to the merchant's countries; a bill can come from anywhere.
    for (mode, kind, allowed) in [
        (form.collect.billing_address, Kind::Billing, &[][..]),
        (
            form.collect.shipping_address,
            Kind::Shipping,
            &form.collect.shipping_countries[..],
        ),
    ] {
        if !mode.is_off() {
            html.push_str(&address(kind, mode, allowed));
        }
    }
    html.extend(form.custom_fields.iter().map(|f| custom(f).html()));
    let q = &form.adjustable_quantity;
    if q.enabled {
        let chosen = prefill
            .quantity
            .filter(|n| (q.minimum..=q.maximum).contains(n))
            .unwrap_or(q.minimum);
        html.push_str(&quantity_field(q.minimum, q.maximum, chosen, unit_price));
    }
    if html.is_empty() {
        return None;
    }
    Some(format!(
        r#"<template id="{TEMPLATE_ID}"><div class="payer">{html}<p id="payer-live" class="visually-hidden" role="status"></p></div></template>"#
    ))
}

fn mode_field(id: &str, name: &str, label: &str, mode: CollectMode) -> Field {
    Field {
        id: id.into(),
        name: name.into(),
        label: label.into(),
        optional: mode == CollectMode::Optional,
        required: mode == CollectMode::Required,
        ..Field::default()
    }
}

fn contact(fields: &mut Vec<Field>, form: &PublicFormView, prefill: &Prefill) {
    let collect = &form.collect;
    if !collect.email.is_off() {
        let mut field = mode_field(
            "payer-email",
            "customer.email",
            m::EMAIL_LABEL,
            collect.email,
        )
        .attr("type", "text")
        .attr("inputmode", "email")
        .attr("autocomplete", "email")
        .attr("spellcheck", "false")
        .attr("autocapitalize", "off")
        .attr("maxlength", m::MAX_EMAIL_CHARS)
        .attr("pattern", EMAIL_PATTERN)
        .rule(Rule::Missing, c::EMAIL_REQUIRED)
        .rule(Rule::Mismatch, c::EMAIL_INVALID)
        .rule(Rule::Long, c::EMAIL_TOO_LONG);
        field.value = prefill.email.clone();
        fields.push(field);
    }
    if !collect.name.is_off() {
        let mut field = mode_field("payer-name", "customer.name", m::NAME_LABEL, collect.name)
            .attr("type", "text")
            .attr("autocomplete", "name")
            .attr("maxlength", m::MAX_NAME_CHARS)
            .rule(Rule::Missing, c::NAME_REQUIRED)
            .rule(Rule::Long, c::NAME_TOO_LONG);
        field.value = prefill.name.clone();
        fields.push(field);
    }
    if !collect.phone.is_off() {
        let mut field = mode_field(
            "payer-phone",
            "customer.phone",
            m::PHONE_LABEL,
            collect.phone,
        )
        .attr("type", "tel")
        .attr("autocomplete", "tel")
        .attr("maxlength", m::MAX_PHONE_CHARS)
        .attr("pattern", m::PHONE_PATTERN)
        .rule(Rule::Missing, c::PHONE_REQUIRED)
        .rule(Rule::Mismatch, c::PHONE_INVALID)
        // Longer than typed numbers get is not a phone number to the API either.
        .rule(Rule::Long, c::PHONE_INVALID);
        field.hint = Some("With the country code, such as +49 30 1234567.".into());
        fields.push(field);
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Billing,
    Shipping,
}

/// A billing or shipping address as a fieldset. The parts an address needs are required when
/// the address is; for an optional one `payer.js` requires them (`data-needed`) once any part
/// is filled, and the postal code only in countries that use one.
fn address(kind: Kind, mode: CollectMode, allowed: &[String]) -> String {
    let (word, label, token) = match kind {
        Kind::Billing => ("billing", m::BILLING_ADDRESS_LABEL, "billing"),
        Kind::Shipping => ("shipping", m::SHIPPING_ADDRESS_LABEL, "shipping"),
    };
    let required = mode == CollectMode::Required;
    let part =
        |part: &str, label: &str, autocomplete: &str, max: usize, needed: Option<&'static str>| {
            let mut field = Field {
                id: format!("payer-{word}-{}", part.replace('_', "-")),
                name: format!("customer.{word}_address.{part}"),
                label: label.into(),
                optional: needed.is_none(),
                required: required && needed.is_some(),
                ..Field::default()
            }
            .attr("type", "text")
            .attr("autocomplete", format!("{token} {autocomplete}"))
            .attr("maxlength", max)
            .rule(Rule::Long, c::ADDRESS_TOO_LONG);
            if let Some(code) = needed {
                field = field.rule(Rule::Missing, code).attr("data-needed", "");
            }
            field
        };
    let codes: Vec<&str> = if allowed.is_empty() {
        country::CODES.to_vec()
    } else {
        allowed.iter().map(String::as_str).collect()
    };
    let mut country_field = Field {
        id: format!("payer-{word}-country"),
        name: format!("customer.{word}_address.country"),
        label: m::COUNTRY_LABEL.into(),
        required,
        // One country to ship to: nothing to choose.
        value: (codes.len() == 1).then(|| codes[0].to_owned()),
        // `payer.js` names the codes in the customer's language and sorts them by name.
        select: Some(Select {
            placeholder: "Choose a country".into(),
            options: codes
                .iter()
                .map(|c| ((*c).to_owned(), (*c).to_owned()))
                .collect(),
        }),
        ..Field::default()
    }
    .attr("autocomplete", format!("{token} country"))
    .attr("data-needed", "")
    .rule(Rule::Missing, c::COUNTRY_INVALID);
    country_field.class = "country";
    let mut postal = part(
        "postal_code",
        m::POSTAL_CODE_LABEL,
        "postal-code",
        m::MAX_POSTAL_CODE_CHARS,
        Some(c::ADDRESS_POSTAL_CODE_REQUIRED),
    )
    .attr("data-not-needed-in", country::WITHOUT_POSTAL_CODE.join(" "));
    postal.class = "postal";
    let fields = [
        country_field,
        part(
            "line1",
            m::LINE1_LABEL,
            "address-line1",
            m::MAX_ADDRESS_LINE_CHARS,
            Some(c::ADDRESS_LINE_REQUIRED),
        ),
        part(
            "line2",
            m::LINE2_LABEL,
            "address-line2",
            m::MAX_ADDRESS_LINE_CHARS,
            None,
        ),
        postal,
        part(
            "city",
            m::CITY_LABEL,
            "address-level2",
            m::MAX_CITY_CHARS,
            Some(c::ADDRESS_CITY_REQUIRED),
        ),
        part(
            "state",
            m::STATE_LABEL,
            "address-level1",
            m::MAX_STATE_CHARS,
            None,
        ),
    ];
    let marker = if required {
        ""
    } else {
        r#" <span class="optional">(optional)</span>"#
    };
    let body: String = fields.iter().map(Field::html).collect();
    format!(
        r#"<fieldset class="payer-address" data-address="{}"><legend>{label}{marker}</legend>{body}</fieldset>"#,
        mode.as_str()
    )
}

fn custom(field: &CustomField) -> Field {
    let mut out = Field {
        id: format!("payer-custom-{}", field.key.replace('_', "-")),
        name: format!("custom_fields.{}", field.key),
        label: field.label.clone(),
        optional: field.optional,
        required: !field.optional,
        value: field.default.clone(),
        ..Field::default()
    }
    .rule(Rule::Missing, c::CUSTOM_FIELD_REQUIRED);
    match field.kind {
        FieldType::Dropdown => {
            out.select = Some(Select {
                placeholder: "Choose…".into(),
                options: field
                    .options
                    .iter()
                    .map(|o| (o.value.clone(), o.label.clone()))
                    .collect(),
            });
            out
        }
        FieldType::Text | FieldType::Numeric => {
            out = out.attr("type", "text");
            if field.kind == FieldType::Numeric {
                out = out
                    .attr("inputmode", "numeric")
                    .attr("pattern", m::NUMERIC_PATTERN)
                    .rule(Rule::Mismatch, c::CUSTOM_FIELD_NOT_NUMERIC);
            }
            if let Some(min) = field.min_length.filter(|n| *n > 0) {
                out = out
                    .attr("minlength", min)
                    .rule(Rule::Short, c::CUSTOM_FIELD_TOO_SHORT);
            }
            out.attr("maxlength", field.max_length.unwrap_or(MAX_VALUE_CHARS))
                .rule(Rule::Long, c::CUSTOM_FIELD_TOO_LONG)
        }
    }
}

/// `EUR 9.99`: the code, then the canonical amount, as the total line reads.
fn money(amount: FiatAmount) -> String {
    format!("{} {amount}", amount.currency())
}

/// "3 × EUR 9.99 = EUR 29.97", exact in minor units; `None` past the largest amount.
pub fn total_line(unit: FiatAmount, count: u32) -> Option<String> {
    let total = quantity::total(unit, count).ok()?;
    Some(format!("{count} × {} = {}", money(unit), money(total)))
}

fn quantity_field(min: u32, max: u32, chosen: u32, unit: Option<FiatAmount>) -> String {
    let mut field = Field {
        id: "payer-quantity".into(),
        name: "quantity".into(),
        label: m::QUANTITY_LABEL.into(),
        required: true,
        value: Some(chosen.to_string()),
        hint: Some(format!("From {min} to {max}.")),
        class: "quantity",
        ..Field::default()
    }
    .attr("type", "number")
    .attr("inputmode", "numeric")
    .attr("min", min)
    .attr("max", max)
    .attr("step", 1)
    .rule(Rule::Under, c::QUANTITY_BELOW_MINIMUM)
    .rule(Rule::Over, c::QUANTITY_ABOVE_MAXIMUM);
    let Some(unit) = unit else {
        return field.html();
    };
    // The total is announced as it changes, and read with the field.
    field.attrs.push(("aria-controls", "payer-total".into()));
    let html = field.html();
    let line = total_line(unit, chosen).unwrap_or_default();
    let output = format!(
        r#"<output id="payer-total" for="payer-quantity" aria-live="polite" data-unit="{}" data-exponent="{}" data-currency="{}">{line}</output>"#,
        unit.minor(),
        unit.currency().exponent(),
        unit.currency()
    );
    // Inside the field's wrapper, after the input and before its error.
    match html.rfind(r#"<p class="field-error""#) {
        Some(at) => format!("{}{output}{}", &html[..at], &html[at..]),
        None => html,
    }
}

#[cfg(test)]
#[path = "payer_form_tests.rs"]
mod tests;
