//! `POST /v1/checkout_sessions`: a one-time checkout the merchant makes for an order, either
//! with its own amount or from a payment link taken as a template (each field overridable).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::api::asset_list::asset_list;
use crate::api::error::FieldError;
use crate::api::sessions::fields;
use crate::bounds;
use crate::chain::Chain;
use crate::link::{Metadata, Pricing, RedirectUrl};
use crate::money::{Asset, Currency, FiatAmount};
use crate::payer::PayerForm;
use crate::payer::request::{
    AdjustableQuantityRequest, AfterCompletionRequest, CollectRequest, CustomFieldRequest,
    FormContext, FormRequest, UnitPrice,
};
use crate::text::{self, Lines};

/// How long a checkout stays payable unless `expires_at` says otherwise.
pub const DEFAULT_LIFETIME_SECS: i64 = 24 * 3600;
/// The longest a checkout may stay payable.
pub const MAX_LIFETIME_SECS: i64 = 30 * 24 * 3600;
/// The shortest: the least quote lock, so a customer can get at least one quote.
pub const MIN_LIFETIME_SECS: i64 = 60;

/// The request body. Every field is checked and every failure reported at once.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({
    "amount": "42.00", "currency": "EUR", "assets": ["USDC", "ETH"], "chain": "anvil",
    "client_reference_id": "A-1001", "metadata": {"cart": "c_77"},
    "success_url": "https://shop.example/thanks", "cancel_url": "https://shop.example/cart",
})))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCheckoutRequest {
    /// A link (`pl_…`) whose price, assets, chain, title, description and redirects this
    /// checkout takes unless given here. Payments count against its `max_payments`.
    #[serde(default)]
    pub payment_link: Option<String>,
    /// A decimal string such as "42.00"; required unless `payment_link` has a fixed price.
    #[serde(default)]
    pub amount: Option<String>,
    /// ISO 4217; the link's, else `USD`.
    #[serde(default)]
    pub currency: Option<String>,
    /// Assets the customer may pick; the link's, else every asset the chain offers here.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Option<Vec<crate::money::Asset>>")
    )]
    pub assets: Option<Vec<String>>,
    /// The link's, else the account's `default_chain`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::chain::Chain>"))]
    pub chain: Option<String>,
    /// One line of 1 to 100 characters shown on the page; the link's title by default.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub title: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub description: Option<String>,
    /// Your reference (an order number), returned on the session and every event.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub client_reference_id: Option<String>,
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
    /// The customer's email, if you know it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 254)))]
    pub customer_email: Option<String>,
    #[serde(default)]
    pub success_url: Option<String>,
    #[serde(default)]
    pub cancel_url: Option<String>,
    /// Unix seconds, 60 s to 30 days ahead; 24 hours ahead by default.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(range(min = 0, max = crate::bounds::MAX_TIMESTAMP)))]
    pub expires_at: Option<i64>,
    /// Which customer details the page asks for (the link's by default), as on a link.
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub collect: Option<CollectRequest>,
    /// Up to 3 questions of your own (the link's by default).
    #[serde(default, deserialize_with = "crate::api::objects_only::list")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 3)))]
    pub custom_fields: Option<Vec<CustomFieldRequest>>,
    /// The customer picks how many; `amount` is then the price of one.
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub adjustable_quantity: Option<AdjustableQuantityRequest>,
    /// `pay`, `donate` or `book` (the link's, else `pay`).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Option<crate::payer::SubmitLabel>")
    )]
    pub submit_label: Option<String>,
    /// A message on the paid page, or a redirect (the same as `success_url`).
    #[serde(default, deserialize_with = "crate::api::objects_only::option")]
    pub after_completion: Option<AfterCompletionRequest>,
}

/// What a payment link lends a checkout made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTemplate {
    pub id: String,
    pub pricing: Pricing,
    pub assets: Vec<Asset>,
    pub chain: Chain,
    pub title: String,
    pub description: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub form: PayerForm,
}

/// What this deployment and account offer a checkout that names no chain or assets.
pub struct Offer<'a> {
    pub livemode: bool,
    pub now: i64,
    pub default_chain: Option<Chain>,
    /// The assets payable on a chain here (ETH, and each token with a contract).
    pub assets_on: &'a dyn Fn(Chain) -> Vec<Asset>,
}

/// A checked checkout, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckout {
    pub link_id: Option<String>,
    /// The price of one (the whole amount unless the form lets the customer pick a quantity).
    pub fiat: FiatAmount,
    pub assets: Vec<Asset>,
    pub chain: Chain,
    pub title: Option<String>,
    pub description: Option<String>,
    pub client_reference_id: Option<String>,
    pub metadata: Metadata,
    pub customer_email: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub expires_at: i64,
    pub form: PayerForm,
}

impl CreateCheckoutRequest {
    /// Checks the request, filling what it leaves out from `template` and `offer`.
    pub fn parse(
        self,
        template: Option<&LinkTemplate>,
        offer: &Offer<'_>,
    ) -> Result<NewCheckout, Vec<FieldError>> {
        let mut errors = Vec::new();
        let fiat = price(&mut errors, &self, template);
        let chain = chain(&mut errors, self.chain.as_deref(), template, offer);
        let assets = chain.and_then(|chain| {
            assets(
                &mut errors,
                self.assets.as_deref(),
                template,
                &(offer.assets_on)(chain),
            )
        });
        let title = text::bounded(&mut errors, "title", self.title, 100, Lines::One)
            .or_else(|| template.map(|t| t.title.clone()));
        let description = text::bounded(
            &mut errors,
            "description",
            self.description,
            500,
            Lines::Many,
        )
        .or_else(|| template.and_then(|t| t.description.clone()));
        let mut url = |param: &str, raw: Option<String>, lent: Option<&String>| match raw {
            Some(raw) => RedirectUrl::parse(&raw, offer.livemode)
                .map(|u| Some(u.as_str().to_owned()))
                .unwrap_or_else(|e| {
                    errors.push(FieldError::new(param, e.code(), format!("{param} {e}.")));
                    None
                }),
            None => lent.cloned(),
        };
        let given_success = self.success_url.clone();
        let completion_given = self.after_completion.is_some();
        let success_url = url(
            "success_url",
            self.success_url,
            // A completion of this checkout's own replaces the template's redirect.
            template
                .and_then(|t| t.success_url.as_ref())
                .filter(|_| !completion_given),
        );
        let cancel_url = url(
            "cancel_url",
            self.cancel_url,
            template.and_then(|t| t.cancel_url.as_ref()),
        );
        let reference = fields::client_reference_id(self.client_reference_id)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let email = fields::email("customer_email", self.customer_email)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let metadata = Metadata::parse(self.metadata.unwrap_or_default())
            .map_err(|list| errors.extend(list))
            .ok();
        let expires_at = expiry(&mut errors, self.expires_at, offer.now);
        let empty = PayerForm::default();
        let form = FormRequest {
            collect: self.collect,
            custom_fields: self.custom_fields,
            adjustable_quantity: self.adjustable_quantity,
            submit_label: self.submit_label,
            after_completion: self.after_completion,
        }
        .parse(
            &mut errors,
            &FormContext {
                livemode: offer.livemode,
                unit_price: fiat.map_or(UnitPrice::Unknown, UnitPrice::Fixed),
                success_url: given_success.as_deref(),
                base: template.map_or(&empty, |t| &t.form),
            },
        );
        let success_url = success_url.or(form.redirect.map(|u| u.as_str().to_owned()));
        match (fiat, chain, assets, metadata) {
            (Some(fiat), Some(chain), Some(assets), Some(metadata)) if errors.is_empty() => {
                Ok(NewCheckout {
                    link_id: template.map(|t| t.id.clone()),
                    fiat,
                    assets,
                    chain,
                    title,
                    description,
                    client_reference_id: reference,
                    metadata,
                    customer_email: email,
                    success_url,
                    cancel_url,
                    expires_at,
                    form: form.form,
                })
            }
            _ => Err(errors),
        }
    }
}

fn price(
    errors: &mut Vec<FieldError>,
    request: &CreateCheckoutRequest,
    template: Option<&LinkTemplate>,
) -> Option<FiatAmount> {
    let lent = template.map(|t| &t.pricing);
    let currency = match &request.currency {
        Some(code) => match Currency::parse(code) {
            Ok(currency) => currency,
            Err(e) => {
                errors.push(FieldError::new(
                    "currency",
                    e.code(),
                    format!("currency: {e}."),
                ));
                return None;
            }
        },
        None => lent.map_or(Currency::Usd, Pricing::currency),
    };
    match (&request.amount, lent) {
        (Some(raw), _) => match FiatAmount::parse(raw.trim(), currency) {
            Ok(amount) if amount.is_zero() => {
                errors.push(FieldError::new(
                    "amount",
                    "amount_not_positive",
                    "amount must be above zero.",
                ));
                None
            }
            Ok(amount) => Some(amount),
            Err(e) => {
                errors.push(FieldError::new("amount", e.code(), format!("amount: {e}.")));
                None
            }
        },
        (None, Some(Pricing::Fixed(price))) if price.currency() == currency => Some(*price),
        (None, Some(Pricing::Fixed(_))) => {
            errors.push(FieldError::new(
                "amount",
                "amount_required",
                "Give an amount in the other currency, or leave currency out.",
            ));
            None
        }
        (None, Some(Pricing::Custom(_))) => {
            errors.push(FieldError::new(
                "amount",
                "amount_required",
                "The link's customers enter their amount; a checkout needs one.",
            ));
            None
        }
        (None, None) => {
            errors.push(FieldError::new(
                "amount",
                "amount_required",
                "Give an amount, or a payment_link with a fixed price.",
            ));
            None
        }
    }
}

fn chain(
    errors: &mut Vec<FieldError>,
    raw: Option<&str>,
    template: Option<&LinkTemplate>,
    offer: &Offer<'_>,
) -> Option<Chain> {
    let Some(raw) = raw else {
        let lent = template.map(|t| t.chain).or(offer.default_chain);
        if lent.is_none() {
            errors.push(FieldError::new(
                "chain",
                crate::api::links::CHAIN_REQUIRED,
                "Give a chain, or set default_chain with PATCH /v1/account.",
            ));
        }
        return lent;
    };
    Chain::parse_for_mode(raw, offer.livemode)
        .map_err(|e| errors.push(FieldError::new("chain", e.code(), format!("{e}."))))
        .ok()
}

fn assets(
    errors: &mut Vec<FieldError>,
    raw: Option<&[String]>,
    template: Option<&LinkTemplate>,
    offered: &[Asset],
) -> Option<Vec<Asset>> {
    let Some(raw) = raw else {
        return Some(template.map_or_else(|| offered.to_vec(), |t| t.assets.clone()));
    };
    let list = asset_list(raw).map_err(|list| errors.extend(list)).ok()?;
    let mut offered_all = true;
    for (i, asset) in list.iter().enumerate() {
        if !offered.contains(asset) {
            offered_all = false;
            errors.push(FieldError::new(
                format!("assets[{i}]"),
                "asset_unavailable",
                format!("{} cannot be paid on this chain here.", asset.symbol()),
            ));
        }
    }
    offered_all.then_some(list)
}

fn expiry(errors: &mut Vec<FieldError>, raw: Option<i64>, now: i64) -> i64 {
    let Some(at) = raw else {
        return now + DEFAULT_LIFETIME_SECS;
    };
    let problem = if !bounds::timestamp_in_range(at) {
        Some((
            "expires_at_out_of_range",
            "expires_at is unix seconds from 0 to 253402300799.",
        ))
    } else if at <= now {
        Some(("expires_at_in_past", "expires_at must be in the future."))
    } else if at < now + MIN_LIFETIME_SECS {
        Some((
            "expires_at_too_soon",
            "expires_at is at least 60 seconds ahead.",
        ))
    } else if at > now + MAX_LIFETIME_SECS {
        Some(("expires_at_too_far", "expires_at is at most 30 days ahead."))
    } else {
        None
    };
    if let Some((code, message)) = problem {
        errors.push(FieldError::new("expires_at", code, message));
    }
    at
}

#[cfg(test)]
#[path = "create_tests.rs"]
mod tests;
