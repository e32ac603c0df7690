//! Wire types of payment links: the create request and the object the API returns.

mod create;
mod defaults;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use create::{CreateLinkRequest, CustomAmountRequest, NewLink};
pub use defaults::{CHAIN_REQUIRED, DEFAULT_CURRENCY, LinkDefaults, needs_chain};

/// Bounds of a custom amount, as decimal strings in the link's currency.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomAmount {
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub preset: Option<String>,
}

/// A payment link as the API returns it.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentLink {
    /// `pl_` + 24 hex digits.
    pub id: String,
    /// Always `payment_link`.
    #[cfg_attr(feature = "openapi", schemars(extend("const" = "payment_link")))]
    pub object: String,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    /// `fixed` or `custom`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schemars(with = "crate::api::openapi::LinkType"))]
    pub kind: String,
    /// The fixed price as a decimal string; `null` for custom links.
    pub amount: Option<String>,
    pub currency: String,
    /// Bounds of the customer's amount; `null` for fixed links.
    pub custom_amount: Option<CustomAmount>,
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::money::Asset>"))]
    pub assets: Vec<String>,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::chain::Chain"))]
    pub chain: String,
    pub max_payments: Option<u32>,
    pub payments_count: u32,
    pub expires_at: Option<i64>,
    pub active: bool,
    pub inactive_message: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub metadata: BTreeMap<String, String>,
    /// The hosted pay page, `/l/{slug}`.
    pub url: String,
    /// `active`, `inactive`, `expired`, `sold_out` or `archived`, derived at read time (see
    /// `LinkStatus` for which wins when several hold).
    #[cfg_attr(feature = "openapi", schemars(with = "crate::link::LinkStatus"))]
    pub status: String,
    pub livemode: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the link was archived (`DELETE`), unix seconds; `null` while it is not.
    pub archived_at: Option<i64>,
    /// What the page asks of the payer, copied onto each session the link opens.
    #[serde(flatten)]
    pub form: crate::payer::FormView,
}
