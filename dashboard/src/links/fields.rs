//! A link's form as text fields, and the request bodies they make: the create, or a merge
//! patch of only what changed. Pure, so the host tests hold every rule; the API still checks
//! everything and its errors are shown as it words them. The payer controls are in
//! [`crate::links::payer`].

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use shared::api::links::PaymentLink;

use crate::format::{input_time, parse_input_time};
use crate::links::payer::{self, PayerFields};

/// Every editable field of a link, as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkFields {
    /// Create only: a link's URL never changes.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// `fixed` or `custom`.
    pub kind: String,
    pub amount: String,
    pub currency: String,
    pub minimum: String,
    pub maximum: String,
    pub preset: String,
    /// The assets ticked; none means the chain's default set.
    pub assets: Vec<String>,
    /// Empty means the account's default chain.
    pub chain: String,
    pub max_payments: String,
    /// A `datetime-local` value, read as UTC.
    pub expires_at: String,
    pub active: bool,
    pub inactive_message: String,
    pub cancel_url: String,
    /// `key=value`, one per line.
    pub metadata: String,
    /// What the pay page asks of the payer, and what follows a payment (`success_url` too).
    pub payer: PayerFields,
}

/// A field the form itself could not read, as (the API's name for it, what is wrong).
pub type FormError = (String, String);

impl LinkFields {
    /// A new link's starting point: fixed, USD, active.
    pub fn new_link() -> Self {
        Self {
            kind: "fixed".into(),
            currency: "USD".into(),
            active: true,
            ..Self::default()
        }
    }

    /// The fields of an existing link.
    pub fn of(link: &PaymentLink) -> Self {
        let custom = link.custom_amount.clone();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            slug: link.slug.clone(),
            title: link.title.clone(),
            description: text(&link.description),
            kind: link.kind.clone(),
            amount: text(&link.amount),
            currency: link.currency.clone(),
            minimum: custom
                .as_ref()
                .and_then(|c| c.minimum.clone())
                .unwrap_or_default(),
            maximum: custom
                .as_ref()
                .and_then(|c| c.maximum.clone())
                .unwrap_or_default(),
            preset: custom.and_then(|c| c.preset).unwrap_or_default(),
            assets: link.assets.clone(),
            chain: link.chain.clone(),
            max_payments: link.max_payments.map(|n| n.to_string()).unwrap_or_default(),
            expires_at: link.expires_at.map(input_time).unwrap_or_default(),
            active: link.active,
            inactive_message: text(&link.inactive_message),
            cancel_url: text(&link.cancel_url),
            metadata: link
                .metadata
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            payer: PayerFields::of(&link.form, link.success_url.as_deref()),
        }
    }

    fn metadata_map(&self) -> Result<BTreeMap<String, String>, FormError> {
        let mut map = BTreeMap::new();
        for (i, line) in self.metadata.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                return Err((
                    "metadata".into(),
                    format!("Line {} has no `=`: write key=value.", i + 1),
                ));
            };
            map.insert(k.trim().to_owned(), v.trim().to_owned());
        }
        Ok(map)
    }

    fn max_payments_value(&self) -> Result<Value, FormError> {
        match self.max_payments.trim() {
            "" => Ok(Value::Null),
            n => n.parse::<u32>().map(|n| json!(n)).map_err(|_| {
                (
                    "max_payments".into(),
                    "Write a whole number of payments, or leave it empty.".into(),
                )
            }),
        }
    }

    fn expires_value(&self) -> Result<Value, FormError> {
        match self.expires_at.trim() {
            "" => Ok(Value::Null),
            t => parse_input_time(t).map(|t| json!(t)).ok_or_else(|| {
                (
                    "expires_at".into(),
                    "Pick a date and time, or leave it empty.".into(),
                )
            }),
        }
    }

    fn pricing(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("type".into(), json!(self.kind));
        if self.kind == "custom" {
            out.insert("amount".into(), Value::Null);
            let bound = |s: &str| opt(s);
            out.insert(
                "custom_amount".into(),
                json!({"minimum": bound(&self.minimum), "maximum": bound(&self.maximum), "preset": bound(&self.preset)}),
            );
        } else {
            out.insert("amount".into(), json!(self.amount.trim()));
            out.insert("custom_amount".into(), Value::Null);
        }
        out
    }

    /// Every member of the create body, `null` where the field is empty.
    fn members(&self) -> Result<Map<String, Value>, Vec<FormError>> {
        let mut errors = Vec::new();
        let metadata = self.metadata_map().map_err(|e| errors.push(e)).ok();
        let max_payments = self.max_payments_value().map_err(|e| errors.push(e)).ok();
        let expires_at = self.expires_value().map_err(|e| errors.push(e)).ok();
        let payer = self
            .payer
            .members(self.kind != "custom")
            .map_err(|e| errors.extend(e))
            .ok();
        let (Some(metadata), Some(max_payments), Some(expires_at), Some(payer)) =
            (metadata, max_payments, expires_at, payer)
        else {
            return Err(errors);
        };
        let mut out = self.pricing();
        out.extend(payer);
        out.insert("title".into(), json!(self.title.trim()));
        out.insert("description".into(), opt(&self.description));
        out.insert("currency".into(), opt(&self.currency));
        out.insert(
            "assets".into(),
            if self.assets.is_empty() {
                Value::Null
            } else {
                json!(self.assets)
            },
        );
        out.insert("chain".into(), opt(&self.chain));
        out.insert("max_payments".into(), max_payments);
        out.insert("expires_at".into(), expires_at);
        out.insert("active".into(), json!(self.active));
        out.insert("inactive_message".into(), opt(&self.inactive_message));
        out.insert("cancel_url".into(), opt(&self.cancel_url));
        out.insert("metadata".into(), json!(metadata));
        Ok(out)
    }

    /// `POST /v1/payment_links`: what is left empty is left out, so the API's defaults apply.
    pub fn create_body(&self) -> Result<Value, Vec<FormError>> {
        let mut members = self.members()?;
        payer::leave_defaults_out(&mut members);
        members.retain(|_, v| !v.is_null());
        if members
            .get("metadata")
            .is_some_and(|m| m.as_object().is_some_and(Map::is_empty))
        {
            members.remove("metadata");
        }
        if let Some(slug) = Some(self.slug.trim()).filter(|s| !s.is_empty()) {
            members.insert("slug".into(), json!(slug));
        }
        Ok(Value::Object(members))
    }

    /// `PATCH /v1/payment_links/{id}`: only the members that differ from `before`, `null`
    /// for a field emptied; the price's members go together, since each depends on the type;
    /// `metadata` and `collect` are patched key by key.
    pub fn patch_body(&self, before: &LinkFields) -> Result<Value, Vec<FormError>> {
        let now = self.members()?;
        let was = before.members()?;
        let pricing = ["type", "amount", "custom_amount"];
        let price_changed = pricing.iter().any(|k| now.get(*k) != was.get(*k));
        let mut out = Map::new();
        for (name, value) in &now {
            if pricing.contains(&name.as_str()) {
                if price_changed {
                    out.insert(name.clone(), value.clone());
                }
            } else if name == "metadata" || name == "collect" {
                if let Some(patch) = metadata_patch(&was[name], value) {
                    out.insert(name.clone(), patch);
                }
            } else if was.get(name) != Some(value) {
                out.insert(name.clone(), value.clone());
            }
        }
        Ok(Value::Object(out))
    }
}

fn opt(text: &str) -> Value {
    match text.trim() {
        "" => Value::Null,
        t => json!(t),
    }
}

/// An object's merge patch: changed and new keys with their values, removed keys `null`.
fn metadata_patch(before: &Value, after: &Value) -> Option<Value> {
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return None;
    };
    let mut patch = Map::new();
    for (k, v) in after {
        if before.get(k) != Some(v) {
            patch.insert(k.clone(), v.clone());
        }
    }
    for k in before.keys().filter(|k| !after.contains_key(*k)) {
        patch.insert(k.clone(), Value::Null);
    }
    (!patch.is_empty()).then_some(Value::Object(patch))
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
