//! The customer's requests: opening a session on a link's page, and asking for a quote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::api::sessions::fields;
use crate::link::pricing::Pricing;
use crate::money::{Asset, FiatAmount};
use crate::payer::{self, CustomerInput, Need, Payer, PayerForm, PayerInput};

/// `POST /v1/public/links/{slug}/sessions`: opens a session on a link; with an `asset`, its
/// first quote too (one call for the page's first choice).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({"asset": "ETH"})))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSessionRequest {
    /// One of the link's `assets`, e.g. `ETH` or `USDC`; without it the session has no quote
    /// until `POST /v1/public/sessions/{id}/quotes`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::money::Asset>"))]
    pub asset: Option<String>,
    /// For custom links: the amount in the link's currency, as a decimal string. Fixed links
    /// refuse it.
    #[serde(default)]
    pub amount: Option<String>,
    /// The shop's reference, as the link's URL (`?client_reference_id=`) or the embed's
    /// `data-client-reference-id` carried it: at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub client_reference_id: Option<String>,
    /// The customer's email, as the link's URL (`?prefilled_email=`) carried it; taken
    /// whatever the link collects, and replaced by `customer.email` when that is sent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 254)))]
    pub customer_email: Option<String>,
    /// The customer's details, as the link's `collect` asks for them. Left out: kept as the
    /// session holds them; sent: they replace them (an empty string clears one).
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub customer: Option<CustomerInput>,
    /// Answers to the link's custom fields, by key; each replaces the stored answer.
    #[serde(default)]
    pub custom_fields: Option<BTreeMap<String, String>>,
    /// How many, within `adjustable_quantity`'s bounds (fixed-price links only).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub quantity: Option<u32>,
}

/// `POST /v1/public/sessions/{id}/quotes`: the asset to quote, one of the session's `assets`.
/// The session keeps its id; the earlier quotes stay watched.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({"asset": "USDC"})))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    #[cfg_attr(feature = "openapi", schemars(with = "crate::money::Asset"))]
    pub asset: String,
    /// The customer's details, as the link's `collect` asks for them. Left out: kept as the
    /// session holds them; sent: they replace them (an empty string clears one).
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub customer: Option<CustomerInput>,
    /// Answers to the link's custom fields, by key; each replaces the stored answer.
    #[serde(default)]
    pub custom_fields: Option<BTreeMap<String, String>>,
    /// How many, within `adjustable_quantity`'s bounds (fixed-price links only).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub quantity: Option<u32>,
}

/// An open request checked against its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOrder {
    pub asset: Option<Asset>,
    /// The price of one: the link's, or the customer's amount.
    pub unit: FiatAmount,
    /// What the session charges: `unit` × `payer.quantity`.
    pub fiat: FiatAmount,
    pub client_reference_id: Option<String>,
    /// The payer as checked; its email is the `customer_email` prefill unless sent anew.
    pub payer: Payer,
}

/// `raw` as one of `accepted`, or the field error saying which are.
pub fn accepted_asset(raw: &str, accepted: &[Asset]) -> Result<Asset, FieldError> {
    match Asset::parse(raw) {
        Ok(asset) if accepted.contains(&asset) => Ok(asset),
        Ok(_) => {
            let names: Vec<&str> = accepted.iter().map(|a| a.symbol()).collect();
            Err(FieldError::new(
                "asset",
                "asset_not_accepted",
                format!("This session accepts {}.", names.join(", ")),
            ))
        }
        Err(e) => Err(FieldError::new("asset", e.code(), format!("asset: {e}."))),
    }
}

impl QuoteRequest {
    /// The asset, and the payer over what the session holds (`stored`) against its `form`:
    /// a quote needs every required value, sent now or before. Every failing field is listed.
    pub fn parse(
        self,
        accepted: &[Asset],
        form: &PayerForm,
        stored: &Payer,
    ) -> Result<(Asset, Payer), Vec<FieldError>> {
        let mut errors = Vec::new();
        let asset = accepted_asset(&self.asset, accepted)
            .map_err(|e| errors.push(e))
            .ok();
        let input = PayerInput {
            customer: self.customer,
            custom_fields: self.custom_fields,
            quantity: self.quantity,
        };
        let payer = payer::check_with(form, input, stored, Need::Required)
            .map_err(|list| errors.extend(list))
            .ok();
        match (asset, payer) {
            (Some(asset), Some(payer)) if errors.is_empty() => Ok((asset, payer)),
            _ => Err(errors),
        }
    }
}

/// What `payer` makes of a session priced `unit` a piece: `unit` × its quantity.
pub fn charged(unit: FiatAmount, payer: &Payer) -> Result<FiatAmount, FieldError> {
    payer::quantity::total(unit, payer.quantity)
        .map_err(|e| FieldError::new("quantity", e.code(), format!("quantity: {e}.")))
}

impl CreateSessionRequest {
    /// Checks the asset against `accepted`, the amount against `pricing`, the reference, and
    /// the payer against the link's `form` (required values only when a quote is asked for
    /// too); every failing field is listed.
    pub fn parse(
        self,
        pricing: &Pricing,
        accepted: &[Asset],
        form: &PayerForm,
    ) -> Result<SessionOrder, Vec<FieldError>> {
        let mut errors = Vec::new();
        let asset = match self.asset.as_deref().map(|a| accepted_asset(a, accepted)) {
            None => None,
            Some(Ok(asset)) => Some(asset),
            Some(Err(e)) => {
                errors.push(e);
                None
            }
        };
        let fiat = fiat(&mut errors, pricing, self.amount);
        let reference = fields::client_reference_id(self.client_reference_id)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let email = fields::email("customer_email", self.customer_email)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let mut start = Payer::starting(form);
        start.customer.email = email;
        let need = if self.asset.is_some() {
            Need::Required
        } else {
            Need::GivenOnly
        };
        let input = PayerInput {
            customer: self.customer,
            custom_fields: self.custom_fields,
            quantity: self.quantity,
        };
        let payer = payer::check_with(form, input, &start, need)
            .map_err(|list| errors.extend(list))
            .ok();
        let total = match (fiat, &payer) {
            (Some(unit), Some(payer)) => charged(unit, payer).map_err(|e| errors.push(e)).ok(),
            _ => None,
        };
        match (fiat, total, payer) {
            (Some(unit), Some(fiat), Some(payer)) if errors.is_empty() => Ok(SessionOrder {
                asset,
                unit,
                fiat,
                client_reference_id: reference,
                payer,
            }),
            _ => Err(errors),
        }
    }
}

/// The amount a link charges: its price, or the customer's amount within its bounds.
pub fn fiat(
    errors: &mut Vec<FieldError>,
    pricing: &Pricing,
    amount: Option<String>,
) -> Option<FiatAmount> {
    match (pricing, amount) {
        (Pricing::Fixed(price), None) => Some(*price),
        (Pricing::Fixed(_), Some(_)) => {
            errors.push(FieldError::new(
                "amount",
                "amount_not_allowed",
                "This link has a fixed price; send no amount.",
            ));
            None
        }
        (Pricing::Custom(_), None) => {
            errors.push(FieldError::new(
                "amount",
                "amount_required",
                "Enter an amount.",
            ));
            None
        }
        (Pricing::Custom(bounds), Some(text)) => {
            match FiatAmount::parse(text.trim(), bounds.currency) {
                Err(e) => {
                    errors.push(FieldError::new("amount", e.code(), format!("amount: {e}.")));
                    None
                }
                Ok(amount) if amount.is_zero() => {
                    errors.push(FieldError::new(
                        "amount",
                        "amount_not_positive",
                        "Enter an amount above zero.",
                    ));
                    None
                }
                Ok(amount) => {
                    if let Some(min) = bounds.minimum.filter(|m| amount.minor() < m.minor()) {
                        errors.push(FieldError::new(
                            "amount",
                            "amount_below_minimum",
                            format!("The minimum is {min} {}.", min.currency()),
                        ));
                    }
                    if let Some(max) = bounds.maximum.filter(|m| amount.minor() > m.minor()) {
                        errors.push(FieldError::new(
                            "amount",
                            "amount_above_maximum",
                            format!("The maximum is {max} {}.", max.currency()),
                        ));
                    }
                    Some(amount)
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "open_tests.rs"]
mod tests;
