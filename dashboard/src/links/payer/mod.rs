//! What a link's page asks of its payer, as the editor's controls hold it, and the members of
//! a create or patch they make: `collect`, `custom_fields`, `adjustable_quantity`,
//! `submit_label`, and what follows a payment (`after_completion` or `success_url`).
//!
//! The controls can express every form the API accepts (`shared::payer::request`); the
//! members read back as the same form, so an unchanged editor patches nothing.

pub mod custom;
pub mod custom_view;
mod options_view;
pub mod view;

use serde_json::{Map, Value, json};
use shared::payer::config::{DEFAULT_QUANTITY_MAXIMUM, DEFAULT_QUANTITY_MINIMUM};
use shared::payer::{AfterCompletion, CollectMode, FormView, SubmitLabel, country, messages};

use crate::links::fields::FormError;
use custom::CustomFields;

/// A detail the page can ask for, in the order the pay page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Email,
    Name,
    Phone,
    BillingAddress,
    ShippingAddress,
}

impl Detail {
    pub const ALL: [Detail; 5] = [
        Detail::Email,
        Detail::Name,
        Detail::Phone,
        Detail::BillingAddress,
        Detail::ShippingAddress,
    ];

    /// Its member of `collect`.
    pub fn name(self) -> &'static str {
        match self {
            Detail::Email => "email",
            Detail::Name => "name",
            Detail::Phone => "phone",
            Detail::BillingAddress => "billing_address",
            Detail::ShippingAddress => "shipping_address",
        }
    }

    /// The words the pay page labels it with, so the merchant reads what the payer will.
    pub fn label(self) -> &'static str {
        match self {
            Detail::Email => messages::EMAIL_LABEL,
            Detail::Name => messages::NAME_LABEL,
            Detail::Phone => messages::PHONE_LABEL,
            Detail::BillingAddress => messages::BILLING_ADDRESS_LABEL,
            Detail::ShippingAddress => messages::SHIPPING_ADDRESS_LABEL,
        }
    }
}

/// A mode's words in the editor.
pub fn mode_words(mode: CollectMode) -> &'static str {
    match mode {
        CollectMode::Off => "Don't ask",
        CollectMode::Optional => "Optional",
        CollectMode::Required => "Required",
    }
}

/// What the paid page does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Then {
    /// The receipt alone.
    #[default]
    Receipt,
    /// The receipt with the merchant's message (`after_completion` `message`).
    Message,
    /// Off to the merchant's URL (`success_url`, the same as a redirect `after_completion`).
    Redirect,
}

/// The quantity the customer may pick, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityFields {
    pub enabled: bool,
    /// Empty: the API's 1.
    pub minimum: String,
    /// Empty: the API's 99.
    pub maximum: String,
}

impl Default for QuantityFields {
    fn default() -> Self {
        Self {
            enabled: false,
            minimum: DEFAULT_QUANTITY_MINIMUM.to_string(),
            maximum: DEFAULT_QUANTITY_MAXIMUM.to_string(),
        }
    }
}

/// Every payer control of the editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PayerFields {
    modes: [CollectMode; 5],
    /// As typed: ISO codes separated by commas or spaces; empty: any country.
    pub shipping_countries: String,
    pub custom: CustomFields,
    pub quantity: QuantityFields,
    pub submit_label: SubmitLabel,
    pub then: Then,
    /// With [`Then::Message`]: the paid page's message.
    pub message: String,
    /// With [`Then::Redirect`]: the `success_url`.
    pub success_url: String,
}

impl PayerFields {
    /// The controls of a stored link: its form and its `success_url` (the redirect).
    pub fn of(form: &FormView, success_url: Option<&str>) -> Self {
        let c = &form.collect;
        let (then, message) = match (success_url, &form.after_completion) {
            (Some(_), _) => (Then::Redirect, String::new()),
            (None, Some(AfterCompletion::Message { message })) => (Then::Message, message.clone()),
            (None, _) => (Then::Receipt, String::new()),
        };
        let q = form.adjustable_quantity;
        Self {
            modes: [
                c.email,
                c.name,
                c.phone,
                c.billing_address,
                c.shipping_address,
            ],
            shipping_countries: c.shipping_countries.join(", "),
            custom: CustomFields::of(&form.custom_fields),
            quantity: QuantityFields {
                enabled: q.enabled,
                minimum: q.minimum.to_string(),
                maximum: q.maximum.to_string(),
            },
            submit_label: form.submit_label,
            then,
            message,
            success_url: success_url.unwrap_or_default().to_owned(),
        }
    }

    pub fn mode(&self, detail: Detail) -> CollectMode {
        self.modes[detail as usize]
    }

    pub fn set_mode(&mut self, detail: Detail, mode: CollectMode) {
        self.modes[detail as usize] = mode;
    }

    /// Whether the countries control is shown: when a shipping address is asked, or when
    /// countries are set anyway (the API keeps them), so nothing sent is out of sight.
    pub fn shows_countries(&self) -> bool {
        !self.mode(Detail::ShippingAddress).is_off() || !self.shipping_countries.trim().is_empty()
    }

    /// `collect` with every detail named, `off` too, so a patch can say what changed.
    fn collect(&self) -> Result<Value, FormError> {
        let mut out = Map::new();
        for detail in Detail::ALL {
            out.insert(detail.name().into(), json!(self.mode(detail).as_str()));
        }
        out.insert(
            "shipping_countries".into(),
            json!(countries(&self.shipping_countries)?),
        );
        Ok(Value::Object(out))
    }

    /// `adjustable_quantity` with both bounds, so a patch never keeps a stale one (a merge
    /// patch keeps members it leaves out). A custom price takes no quantity, so it is off.
    fn quantity(&self, fixed_price: bool) -> Result<Value, Vec<FormError>> {
        let q = &self.quantity;
        let enabled = q.enabled && fixed_price;
        let bound = |name: &str, text: &str, default: u32| match text.trim() {
            "" => Ok(default),
            n => n.parse::<u32>().map_err(|_| {
                (
                    format!("adjustable_quantity.{name}"),
                    "Write a whole number from 1 to 1000.".to_owned(),
                )
            }),
        };
        let minimum = bound("minimum", &q.minimum, DEFAULT_QUANTITY_MINIMUM);
        let maximum = bound("maximum", &q.maximum, DEFAULT_QUANTITY_MAXIMUM);
        match (minimum, maximum) {
            (Ok(minimum), Ok(maximum)) => {
                Ok(json!({"enabled": enabled, "minimum": minimum, "maximum": maximum}))
            }
            // Hidden bounds cannot be corrected, so they are not judged while off.
            _ if !enabled => Ok(json!({"enabled": false})),
            (minimum, maximum) => Err([minimum.err(), maximum.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }

    /// `after_completion` and `success_url`, `null` where not set: one of them at most.
    fn then(&self) -> Result<(Value, Value), FormError> {
        match self.then {
            Then::Receipt => Ok((Value::Null, Value::Null)),
            Then::Message => match self.message.trim() {
                "" => Err((
                    "after_completion.message".into(),
                    "Write the message the paid page shows, or choose another option.".into(),
                )),
                m => Ok((json!({"type": "message", "message": m}), Value::Null)),
            },
            Then::Redirect => match self.success_url.trim() {
                "" => Err((
                    "success_url".into(),
                    "Write the URL the customer is sent to, or choose another option.".into(),
                )),
                url => Ok((Value::Null, json!(url))),
            },
        }
    }

    /// Every payer member, each present (`null` where not set), for a create or a patch;
    /// `fixed_price` says whether a quantity may be picked.
    pub fn members(&self, fixed_price: bool) -> Result<Map<String, Value>, Vec<FormError>> {
        let mut errors = Vec::new();
        let collect = self.collect().map_err(|e| errors.push(e)).ok();
        let custom = self.custom.request().map_err(|e| errors.extend(e)).ok();
        let quantity = self
            .quantity(fixed_price)
            .map_err(|e| errors.extend(e))
            .ok();
        let then = self.then().map_err(|e| errors.push(e)).ok();
        let (Some(collect), Some(custom), Some(quantity), Some((after, success_url))) =
            (collect, custom, quantity, then)
        else {
            return Err(errors);
        };
        let mut out = Map::new();
        out.insert("collect".into(), collect);
        out.insert("custom_fields".into(), custom);
        out.insert("adjustable_quantity".into(), quantity);
        out.insert("submit_label".into(), json!(self.submit_label.as_str()));
        out.insert("after_completion".into(), after);
        out.insert("success_url".into(), success_url);
        Ok(out)
    }
}

/// Drops from a create's members what only repeats the API's defaults: details not asked,
/// no countries, no questions, no quantity, the `pay` button, and `null`s.
pub fn leave_defaults_out(members: &mut Map<String, Value>) {
    if let Some(Value::Object(collect)) = members.get_mut("collect") {
        collect.retain(|_, v| v != "off" && v.as_array().is_none_or(|a| !a.is_empty()));
        if collect.is_empty() {
            members.remove("collect");
        }
    }
    if members
        .get("custom_fields")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        members.remove("custom_fields");
    }
    if members
        .get("adjustable_quantity")
        .is_some_and(|q| q["enabled"] != true)
    {
        members.remove("adjustable_quantity");
    }
    if members.get("submit_label").is_some_and(|l| l == "pay") {
        members.remove("submit_label");
    }
}

/// The codes of a countries text ("de, FR at"), upper case, sorted and once each, as the API
/// stores them; the codes that are not countries are named.
pub fn countries(text: &str) -> Result<Vec<String>, FormError> {
    let mut codes = Vec::new();
    let mut unknown = Vec::new();
    for word in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        match country::parse(word) {
            Some(code) => codes.push(code),
            None => unknown.push(word),
        }
    }
    if !unknown.is_empty() {
        return Err((
            "collect.shipping_countries".into(),
            format!(
                "{} {} not a country code: write two-letter ISO codes such as DE, FR.",
                unknown.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        ));
    }
    codes.sort();
    codes.dedup();
    Ok(codes)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
