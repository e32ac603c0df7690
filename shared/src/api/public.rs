//! What the pay page reads about a link, without a key: `GET /v1/public/links/{slug}`.

use serde::{Deserialize, Serialize};

use crate::api::links::CustomAmount;

/// The `id` of the `<script type="application/json">` element the worker writes a link's
/// [`PublicLink`] into (or `null` when no link has the slug), and the pay page reads it from.
pub const LINK_ELEMENT_ID: &str = "paylink-link";

/// The same for a checkout's page (`/c/{id}`): the element holding its
/// [`crate::api::sessions::PublicSession`], or `null` when no session has the id.
pub const SESSION_ELEMENT_ID: &str = "paylink-session";

/// Whether a customer can pay a link now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Payable,
    /// The merchant switched it off; `inactive_message` says why.
    Inactive,
    Expired,
    /// `payments_count` reached `max_payments`.
    SoldOut,
}

impl LinkState {
    pub const ALL: [LinkState; 4] = [
        LinkState::Payable,
        LinkState::Inactive,
        LinkState::Expired,
        LinkState::SoldOut,
    ];

    /// Expired wins over sold out, which wins over inactive: the most final reason is shown.
    pub fn of(
        active: bool,
        expires_at: Option<i64>,
        max_payments: Option<u32>,
        payments: u32,
        now: i64,
    ) -> Self {
        if expires_at.is_some_and(|at| at <= now) {
            LinkState::Expired
        } else if max_payments.is_some_and(|max| payments >= max) {
            LinkState::SoldOut
        } else if !active {
            LinkState::Inactive
        } else {
            LinkState::Payable
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Payable => "payable",
            LinkState::Inactive => "inactive",
            LinkState::Expired => "expired",
            LinkState::SoldOut => "sold_out",
        }
    }
}

/// A link as customers see it: no ids or metadata; of the redirect targets only `cancel_url`,
/// the way back the page offers before the customer pays (`success_url` comes with the paid
/// session).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicLink {
    /// Always `public_link`.
    pub object: String,
    pub slug: String,
    pub merchant_name: String,
    pub title: String,
    pub description: Option<String>,
    /// `fixed` or `custom`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schemars(with = "crate::api::openapi::LinkType"))]
    pub kind: String,
    pub amount: Option<String>,
    pub currency: String,
    pub custom_amount: Option<CustomAmount>,
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::money::Asset>"))]
    pub assets: Vec<String>,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::chain::Chain"))]
    pub chain: String,
    /// The network's name as customers know it, e.g. `Base Sepolia`.
    pub chain_name: String,
    /// EIP-155 chain id of `chain`.
    pub chain_id: u64,
    /// `payable`, `inactive`, `expired` or `sold_out`.
    #[cfg_attr(feature = "openapi", schemars(with = "LinkState"))]
    pub state: String,
    /// Shown when `state` is `inactive`.
    pub inactive_message: Option<String>,
    /// Where "Cancel and return to the merchant" leads, when the merchant set one.
    pub cancel_url: Option<String>,
    /// `false`: a test-mode link, paid with test money only (the page says so).
    pub livemode: bool,
    /// What the page asks of the payer (configuration only, never a value).
    #[serde(flatten)]
    pub form: crate::payer::PublicFormView,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_link_within_its_limits_is_payable() {
        assert_eq!(LinkState::of(true, None, None, 0, 10), LinkState::Payable);
        assert_eq!(
            LinkState::of(true, Some(11), Some(3), 2, 10),
            LinkState::Payable
        );
    }

    #[test]
    fn expiry_then_sold_out_then_inactive_decide_the_state() {
        assert_eq!(
            LinkState::of(false, Some(10), Some(1), 1, 10),
            LinkState::Expired
        );
        assert_eq!(
            LinkState::of(false, None, Some(1), 1, 10),
            LinkState::SoldOut
        );
        assert_eq!(
            LinkState::of(false, None, Some(2), 1, 10),
            LinkState::Inactive
        );
    }
}
