//! `POST /v1/payment_links`: the request, and its validation into a [`NewLink`].

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::api::asset_list::asset_list;
use crate::api::error::FieldError;
use crate::bounds::{self, MAX_PAYMENTS, MAX_TIMESTAMP};
use crate::chain::Chain;
use crate::link::{BoundsError, CustomBounds, Metadata, Pricing, RedirectUrl};
use crate::money::{Asset, Currency, FiatAmount, MoneyError};
use crate::payer::PayerForm;
use crate::payer::request::{
    AdjustableQuantityRequest, AfterCompletionRequest, CollectRequest, CustomFieldRequest,
    FormContext, FormRequest, UnitPrice,
};
use crate::slug::Slug;
use crate::text::{self, Lines};

use super::defaults::{DEFAULT_CURRENCY, LinkDefaults, chain_required};

/// The request body. Every field is checked and every failure reported at once. Only `title`
/// and a price are needed: the rest have defaults (see [`LinkDefaults`]).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({
    "title": "Coffee beans", "amount": "12.50",
})))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateLinkRequest {
    /// `[a-z0-9-]{3,64}`; generated from the title when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub slug: Option<String>,
    /// One line of 1 to 100 characters, no control characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub title: String,
    /// At most 500 characters; line breaks and tabs are the only control characters allowed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub description: Option<String>,
    /// `fixed` or `custom` (the customer enters the amount). Default: `custom` when only
    /// `custom_amount` is sent, else `fixed`.
    #[serde(rename = "type", default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Option<crate::api::openapi::LinkType>")
    )]
    pub kind: Option<String>,
    /// Required for fixed links, forbidden for custom ones: a decimal string such as "12.50".
    #[serde(default)]
    pub amount: Option<String>,
    /// ISO 4217, upper case. Default: `USD`.
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub custom_amount: Option<CustomAmountRequest>,
    /// Accepted assets: `ETH`, `USDC`, `EURC`. Default: every asset the chain offers in this
    /// deployment (ETH, and each token with a contract there), decided now and stored.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Option<Vec<crate::money::Asset>>")
    )]
    pub assets: Option<Vec<String>>,
    /// `ethereum` or `base` in live mode; `sepolia`, `base-sepolia` or `anvil` in test mode.
    /// Default: the account's `checkout.default_chain` (`PATCH /v1/account`); a live link with
    /// neither answers 422 `chain_required`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::chain::Chain>"))]
    pub chain: Option<String>,
    /// 1 to 1 000 000 000.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = MAX_PAYMENTS)))]
    pub max_payments: Option<u32>,
    /// Unix seconds; must be in the future, and at most 253402300799 (the end of year 9999).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 0, max = MAX_TIMESTAMP)))]
    pub expires_at: Option<i64>,
    #[serde(default)]
    pub active: Option<bool>,
    /// At most 500 characters, as `description`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub inactive_message: Option<String>,
    #[serde(default)]
    pub success_url: Option<String>,
    #[serde(default)]
    pub cancel_url: Option<String>,
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Which customer details the page asks for: each of `email`, `name`, `phone`,
    /// `billing_address`, `shipping_address` is `off` (the default), `optional` or `required`;
    /// `shipping_countries` limits where a shipping address may be.
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub collect: Option<CollectRequest>,
    /// Up to 3 questions of your own, answered on the page and returned on the session.
    #[serde(default, deserialize_with = "crate::api::objects_only::list")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 3)))]
    pub custom_fields: Option<Vec<CustomFieldRequest>>,
    /// Fixed prices only: the customer picks how many (the amount is price × quantity).
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub adjustable_quantity: Option<AdjustableQuantityRequest>,
    /// The button's words: `pay` (default), `donate` or `book`.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Option<crate::payer::SubmitLabel>")
    )]
    pub submit_label: Option<String>,
    /// A message on the paid page, or a redirect (the same as `success_url`: send one of them).
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub after_completion: Option<AfterCompletionRequest>,
}

/// Bounds for a custom amount, as decimal strings.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAmountRequest {
    #[serde(default)]
    pub minimum: Option<String>,
    #[serde(default)]
    pub maximum: Option<String>,
    #[serde(default)]
    pub preset: Option<String>,
}

/// A validated link, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub slug: Option<Slug>,
    pub title: String,
    pub description: Option<String>,
    pub pricing: Pricing,
    pub assets: Vec<Asset>,
    pub chain: Chain,
    pub max_payments: Option<u32>,
    pub expires_at: Option<i64>,
    pub active: bool,
    pub inactive_message: Option<String>,
    pub success_url: Option<RedirectUrl>,
    pub cancel_url: Option<RedirectUrl>,
    pub metadata: Metadata,
    /// What the page asks of the payer; the message half of `after_completion`.
    pub form: PayerForm,
}

/// Collects field errors while a request is checked.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, param: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(param, code, message));
    }

    fn text(&mut self, param: &str, text: &str, lines: Lines) {
        if let Err(e) = text::check(param, text, lines) {
            self.0.push(e);
        }
    }

    fn money<T>(&mut self, param: &str, result: Result<T, MoneyError>) -> Option<T> {
        result
            .map_err(|e| self.add(param, e.code(), format!("{param}: {e}.")))
            .ok()
    }
}

fn bounded(errors: &mut Errors, param: &str, text: Option<String>, max: usize) -> Option<String> {
    text::bounded(&mut errors.0, param, text, max, Lines::Many)
}

impl CreateLinkRequest {
    /// Checks every field, filling in `defaults` for those not sent. A link that names no
    /// chain when `defaults` has none fails with a [`CHAIN_REQUIRED`](super::CHAIN_REQUIRED) error first (see
    /// [`needs_chain`](super::needs_chain)), beside any other failing field.
    pub fn parse(
        self,
        livemode: bool,
        now: i64,
        defaults: &LinkDefaults<'_>,
    ) -> Result<NewLink, Vec<FieldError>> {
        let mut errors = Errors::default();
        let slug = self.slug.as_deref().and_then(|raw| {
            Slug::parse(raw)
                .map_err(|e| errors.add("slug", e.code(), format!("slug: {e}.")))
                .ok()
        });
        let title = self.title.trim().to_owned();
        if !(1..=100).contains(&title.chars().count()) {
            errors.add("title", "title_invalid", "title has 1 to 100 characters.");
        }
        errors.text("title", &title, Lines::One);
        let description = bounded(&mut errors, "description", self.description, 500);
        let inactive_message = bounded(&mut errors, "inactive_message", self.inactive_message, 500);
        let currency = match self.currency.as_deref() {
            Some(code) => errors.money("currency", Currency::parse(code)),
            None => Some(DEFAULT_CURRENCY),
        };
        let kind = self.kind.as_deref().unwrap_or(
            if self.amount.is_none() && self.custom_amount.is_some() {
                "custom"
            } else {
                "fixed"
            },
        );
        let pricing = currency.and_then(|currency| {
            pricing(
                &mut errors,
                kind,
                currency,
                self.amount.as_deref(),
                self.custom_amount,
            )
        });
        // Given assets are checked before the chain, so errors read in field order.
        let given_assets = self.assets.as_deref().map(|raw| assets(&mut errors, raw));
        let chain = match self.chain.as_deref() {
            Some(name) => Chain::parse_for_mode(name, livemode)
                .map_err(|e| errors.add("chain", e.code(), format!("chain: {e}.")))
                .ok(),
            None if defaults.chain.is_none() => {
                // First, so the answer's code says what to do before any other fix.
                errors.0.insert(0, chain_required());
                None
            }
            None => defaults.chain,
        };
        let assets = match given_assets {
            Some(given) => given,
            None => chain.map(defaults.assets),
        };
        if self
            .max_payments
            .is_some_and(|n| !(1..=MAX_PAYMENTS).contains(&n))
        {
            errors.add(
                "max_payments",
                "max_payments_invalid",
                format!("max_payments is 1 to {MAX_PAYMENTS}."),
            );
        }
        if self
            .expires_at
            .is_some_and(|at| !bounds::timestamp_in_range(at))
        {
            errors.add(
                "expires_at",
                "expires_at_out_of_range",
                format!(
                    "expires_at is unix seconds from 0 to {MAX_TIMESTAMP} (the end of year 9999)."
                ),
            );
        } else if self.expires_at.is_some_and(|at| at <= now) {
            errors.add(
                "expires_at",
                "expires_at_in_past",
                "expires_at must be in the future.",
            );
        }
        let mut url = |param: &str, raw: Option<String>| {
            raw.and_then(|raw| {
                RedirectUrl::parse(&raw, livemode)
                    .map_err(|e| errors.add(param, e.code(), format!("{param} {e}.")))
                    .ok()
            })
        };
        let given_success = self.success_url.clone();
        let success_url = url("success_url", self.success_url);
        let cancel_url = url("cancel_url", self.cancel_url);
        let unit_price = match &pricing {
            Some(Pricing::Fixed(price)) => UnitPrice::Fixed(*price),
            Some(Pricing::Custom(_)) => UnitPrice::Entered,
            None => UnitPrice::Unknown,
        };
        let form = FormRequest {
            collect: self.collect,
            custom_fields: self.custom_fields,
            adjustable_quantity: self.adjustable_quantity,
            submit_label: self.submit_label,
            after_completion: self.after_completion,
        }
        .parse(
            &mut errors.0,
            &FormContext {
                livemode,
                unit_price,
                success_url: given_success.as_deref(),
                base: &PayerForm::default(),
            },
        );
        let success_url = success_url.or(form.redirect);
        let metadata = Metadata::parse(self.metadata.unwrap_or_default())
            .map_err(|list| errors.0.extend(list))
            .ok();
        match (pricing, assets, chain, metadata) {
            (Some(pricing), Some(assets), Some(chain), Some(metadata)) if errors.0.is_empty() => {
                Ok(NewLink {
                    slug,
                    title,
                    description,
                    pricing,
                    assets,
                    chain,
                    max_payments: self.max_payments,
                    expires_at: self.expires_at,
                    active: self.active.unwrap_or(true),
                    inactive_message,
                    success_url,
                    cancel_url,
                    metadata,
                    form: form.form,
                })
            }
            _ => Err(errors.0),
        }
    }
}

fn pricing(
    errors: &mut Errors,
    kind: &str,
    currency: Currency,
    amount: Option<&str>,
    custom: Option<CustomAmountRequest>,
) -> Option<Pricing> {
    match kind {
        "fixed" => {
            if custom.is_some() {
                errors.add(
                    "custom_amount",
                    "custom_amount_not_allowed",
                    "custom_amount is for custom links only.",
                );
            }
            let Some(raw) = amount else {
                errors.add("amount", "amount_required", "A fixed link needs an amount.");
                return None;
            };
            let amount = errors.money("amount", FiatAmount::parse(raw, currency))?;
            if amount.is_zero() {
                errors.add(
                    "amount",
                    "amount_not_positive",
                    "amount must be above zero.",
                );
                return None;
            }
            Some(Pricing::Fixed(amount))
        }
        "custom" => {
            if amount.is_some() {
                errors.add(
                    "amount",
                    "amount_not_allowed",
                    "A custom link takes no amount; use custom_amount.",
                );
            }
            let custom = custom.unwrap_or(CustomAmountRequest {
                minimum: None,
                maximum: None,
                preset: None,
            });
            let mut bound = |param: &str, raw: Option<String>| match raw {
                Some(raw) => errors
                    .money(param, FiatAmount::parse(&raw, currency))
                    .map(Some),
                None => Some(None),
            };
            let minimum = bound("custom_amount.minimum", custom.minimum)?;
            let maximum = bound("custom_amount.maximum", custom.maximum)?;
            let preset = bound("custom_amount.preset", custom.preset)?;
            match CustomBounds::new(currency, minimum, maximum, preset) {
                Ok(bounds) => Some(Pricing::Custom(bounds)),
                Err(BoundsError::Range) => {
                    errors.add(
                        "custom_amount.minimum",
                        "custom_amount_range_invalid",
                        "minimum is above maximum.",
                    );
                    None
                }
                Err(BoundsError::Preset) => {
                    errors.add(
                        "custom_amount.preset",
                        "custom_amount_preset_out_of_range",
                        "preset lies outside minimum..maximum.",
                    );
                    None
                }
            }
        }
        _ => {
            errors.add("type", "type_invalid", "type is fixed or custom.");
            None
        }
    }
}

fn assets(errors: &mut Errors, raw: &[String]) -> Option<Vec<Asset>> {
    asset_list(raw).map_err(|list| errors.0.extend(list)).ok()
}

#[cfg(test)]
#[path = "create_tests.rs"]
mod tests;
