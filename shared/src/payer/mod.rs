//! Who paid: what a link or checkout asks of its payer (details, custom fields, quantity),
//! what the customer sends, and the one check both the API and the pay page apply to it.
//!
//! - [`config`]: the checked form ([`PayerForm`]) and its parts, as stored and answered.
//! - [`request`]: the merchant's `collect`, `custom_fields`, `adjustable_quantity`,
//!   `submit_label` and `after_completion` as sent, checked into a [`PayerForm`].
//! - [`input`]: what the customer sends (`customer`, `custom_fields`, `quantity`) and the
//!   checked [`Payer`] a session stores.
//! - [`check`]: the customer's input against a form, every failing field listed.
//! - [`codes`] and [`messages`]: one stable code per rule and the sentence the API answers for
//!   it, which the page shows as the customer types; the rules a browser enforces natively.
//! - [`quantity`]: unit price × quantity, exact in minor units.

mod address;
pub mod check;
pub mod codes;
pub mod config;
pub mod country;
pub mod custom;
#[cfg(test)]
mod fixtures;
pub mod input;
pub mod messages;
pub mod quantity;
pub mod request;

use serde::{Deserialize, Serialize};

pub use check::{Need, check, check_with};
pub use config::{
    AdjustableQuantity, AfterCompletion, Collect, CollectMode, CustomField, DropdownOption,
    FieldType, PublicAfterCompletion, SubmitLabel,
};
pub use input::{
    Address, AddressInput, CustomFieldValue, Customer, CustomerInput, Payer, PayerInput,
};
pub use request::{CheckedForm, FormContext, FormRequest};

/// Everything a link or checkout asks of its payer. The redirect half of `after_completion`
/// is the object's `success_url`, kept there; the message half is `completion_message`.
/// Stored as JSON; every member has a default so an empty object is the empty form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PayerForm {
    pub collect: Collect,
    pub custom_fields: Vec<CustomField>,
    pub adjustable_quantity: AdjustableQuantity,
    pub submit_label: SubmitLabel,
    pub completion_message: Option<String>,
}

impl PayerForm {
    /// Nothing to collect and no quantity to pick: the page shows no form.
    pub fn is_empty(&self) -> bool {
        self.collect.is_off() && self.custom_fields.is_empty() && !self.adjustable_quantity.enabled
    }

    /// The form as stored (a JSON text column).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// A stored form; `None` or blank is the empty form.
    pub fn from_json(text: Option<&str>) -> Result<Self, String> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(Self::default()),
            Some(text) => serde_json::from_str(text).map_err(|e| format!("payer form: {e}")),
        }
    }

    /// The form as the members of a create request, for merge-patching: each reads back as
    /// this form. A redirect is the object's `success_url`, so only a message is repeated.
    pub fn request_members(&self) -> serde_json::Map<String, serde_json::Value> {
        let view = serde_json::to_value(self.view(None)).unwrap_or_default();
        let mut members = match view {
            serde_json::Value::Object(members) => members,
            _ => serde_json::Map::new(),
        };
        if self.completion_message.is_none() {
            members.remove("after_completion");
        }
        members
    }

    /// The form as the merchant API answers it, with the object's `success_url`.
    pub fn view(&self, success_url: Option<&str>) -> FormView {
        FormView {
            collect: self.collect.clone(),
            custom_fields: self.custom_fields.clone(),
            adjustable_quantity: self.adjustable_quantity,
            submit_label: self.submit_label,
            after_completion: AfterCompletion::of(success_url, self.completion_message.as_deref()),
        }
    }

    /// The form's members of a merchant's session. Its `custom_fields` are the answers, so the
    /// fields' definitions are not repeated (each answer names its key and label).
    pub fn session_view(&self, success_url: Option<&str>) -> SessionFormView {
        let view = self.view(success_url);
        SessionFormView {
            collect: view.collect,
            adjustable_quantity: view.adjustable_quantity,
            submit_label: view.submit_label,
            after_completion: view.after_completion,
        }
    }

    /// The form as customers see it: a redirect without its URL.
    pub fn public_view(&self, success_url: Option<&str>) -> PublicFormView {
        let view = self.view(success_url);
        PublicFormView {
            collect: view.collect,
            custom_fields: view.custom_fields,
            adjustable_quantity: view.adjustable_quantity,
            submit_label: view.submit_label,
            after_completion: view
                .after_completion
                .as_ref()
                .map(PublicAfterCompletion::from),
        }
    }
}

/// The form's members of a payment link or checkout session (merchant API, events).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    /// Which customer details the page asks for.
    pub collect: Collect,
    /// The merchant's own questions, in the order shown (at most 3).
    pub custom_fields: Vec<CustomField>,
    /// Whether the customer picks a quantity (fixed prices only); the amount is the unit price
    /// times the quantity.
    pub adjustable_quantity: AdjustableQuantity,
    /// The button's words: `pay`, `donate` or `book`.
    pub submit_label: SubmitLabel,
    /// What follows the payment: a message on the paid page, or a redirect to `success_url`
    /// (the same URL); `null` when neither is set.
    pub after_completion: Option<AfterCompletion>,
}

/// The form's members of a checkout session as the merchant API and events show it: what
/// [`FormView`] has but the field definitions (the session's `custom_fields` are answers).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFormView {
    /// Which customer details the page asks for.
    pub collect: Collect,
    /// Whether the customer picks a quantity; `amount` is `unit_amount` times `quantity`.
    pub adjustable_quantity: AdjustableQuantity,
    /// The button's words: `pay`, `donate` or `book`.
    pub submit_label: SubmitLabel,
    /// A message on the paid page, or a redirect to `success_url`; `null` when neither.
    pub after_completion: Option<AfterCompletion>,
}

/// The form's members of a public link or session: configuration only, never a value.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicFormView {
    pub collect: Collect,
    pub custom_fields: Vec<CustomField>,
    pub adjustable_quantity: AdjustableQuantity,
    pub submit_label: SubmitLabel,
    /// The paid page's message, or `{"type": "redirect"}` (the URL comes with the paid session).
    pub after_completion: Option<PublicAfterCompletion>,
}
