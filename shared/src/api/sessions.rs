//! Wire types of checkout sessions: the customer's create request and the objects returned.

use serde::{Deserialize, Serialize};

use crate::api::error::FieldError;
use crate::link::pricing::Pricing;
use crate::money::{Asset, FiatAmount};

/// `POST /v1/public/links/{slug}/sessions`: the asset chosen, and the amount for custom links.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({"asset": "ETH"})))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSessionRequest {
    /// One of the link's `assets`, e.g. `ETH` or `USDC`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::money::Asset"))]
    pub asset: String,
    /// For custom links: the amount in the link's currency, as a decimal string. Fixed links
    /// refuse it.
    #[serde(default)]
    pub amount: Option<String>,
}

/// A create request checked against its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionOrder {
    pub asset: Asset,
    pub fiat: FiatAmount,
}

fn field(param: &str, code: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        code: code.into(),
        message: message.into(),
        param: param.into(),
    }
}

impl CreateSessionRequest {
    /// Checks the asset against `accepted` and the amount against `pricing`; every failing
    /// field is listed.
    pub fn parse(
        self,
        pricing: &Pricing,
        accepted: &[Asset],
    ) -> Result<SessionOrder, Vec<FieldError>> {
        let mut errors = Vec::new();
        let asset = match Asset::parse(&self.asset) {
            Ok(asset) if accepted.contains(&asset) => Some(asset),
            Ok(_) => {
                let names: Vec<&str> = accepted.iter().map(|a| a.symbol()).collect();
                errors.push(field(
                    "asset",
                    "asset_not_accepted",
                    format!("This link accepts {}.", names.join(", ")),
                ));
                None
            }
            Err(e) => {
                errors.push(field("asset", e.code(), format!("asset: {e}.")));
                None
            }
        };
        let fiat = match (pricing, self.amount) {
            (Pricing::Fixed(price), None) => Some(*price),
            (Pricing::Fixed(_), Some(_)) => {
                errors.push(field(
                    "amount",
                    "amount_not_allowed",
                    "This link has a fixed price; send no amount.",
                ));
                None
            }
            (Pricing::Custom(_), None) => {
                errors.push(field("amount", "amount_required", "Enter an amount."));
                None
            }
            (Pricing::Custom(bounds), Some(text)) => {
                match FiatAmount::parse(text.trim(), bounds.currency) {
                    Err(e) => {
                        errors.push(field("amount", e.code(), format!("amount: {e}.")));
                        None
                    }
                    Ok(amount) if amount.is_zero() => {
                        errors.push(field(
                            "amount",
                            "amount_not_positive",
                            "Enter an amount above zero.",
                        ));
                        None
                    }
                    Ok(amount) => {
                        if let Some(min) = bounds.minimum.filter(|m| amount.minor() < m.minor()) {
                            errors.push(field(
                                "amount",
                                "amount_below_minimum",
                                format!("The minimum is {min} {}.", min.currency()),
                            ));
                        }
                        if let Some(max) = bounds.maximum.filter(|m| amount.minor() > m.minor()) {
                            errors.push(field(
                                "amount",
                                "amount_above_maximum",
                                format!("The maximum is {max} {}.", max.currency()),
                            ));
                        }
                        Some(amount)
                    }
                }
            }
        };
        match (asset, fiat) {
            (Some(asset), Some(fiat)) if errors.is_empty() => Ok(SessionOrder { asset, fiat }),
            _ => Err(errors),
        }
    }
}

/// A payment seen on chain for a session.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The transaction, when known (ERC-20 transfers; native payments are seen by balance).
    pub tx_hash: Option<String>,
    /// Base units of the session's asset, as a decimal string.
    pub amount: String,
    pub block_number: Option<u64>,
}

/// The quote of a session: what the customer pays, at which rate, until when.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// `ETH`, `USDC` or `EURC`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::money::Asset"))]
    pub asset: String,
    /// Decimals of the asset's base unit (18 for ETH, 6 for USDC and EURC).
    pub decimals: u32,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::chain::Chain"))]
    pub chain: String,
    /// The network's name as customers know it, e.g. `Base Sepolia`.
    pub chain_name: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// The ERC-20 contract, EIP-55 checksummed; `null` for the chain's native coin.
    pub token_address: Option<String>,
    /// Price of one unit of the asset in the session's currency, as a decimal string.
    pub rate: String,
    /// What the customer pays, in base units (wei for ETH), as a decimal string.
    pub amount_due: String,
    /// `amount_due` in whole units, e.g. `0.004166666666666667`.
    pub amount_due_decimal: String,
    /// `amount_due` for reading, rounded **up** to 6 decimals for ETH and 2 for USDC and EURC
    /// (`0.004167`, `12.50`): never less than the amount due. Pay `amount_due` exactly.
    pub amount_due_shown: String,
    /// Where to pay: fresh for this session, derived from the merchant's xpub.
    pub deposit_address: String,
    /// EIP-681 URI for wallets and QR codes.
    pub payment_uri: String,
    /// When the quote stops holding (unix seconds).
    pub expires_at: i64,
}

/// A checkout session as the merchant API returns it.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutSession {
    /// `cs_` + 24 hex digits.
    pub id: String,
    /// Always `checkout_session`.
    #[cfg_attr(feature = "openapi", schemars(extend("const" = "checkout_session")))]
    pub object: String,
    /// The payment link (`pl_…`).
    pub payment_link: String,
    /// `open`, `pending`, `paid`, `expired`, `underpaid`, `overpaid`, `paid_late` or `canceled`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::session::SessionStatus"))]
    pub status: String,
    /// The fiat amount as a decimal string, in `currency`.
    pub amount: String,
    pub currency: String,
    pub quote: Quote,
    /// Base units received so far (confirmed or not), as a decimal string.
    pub amount_received: String,
    /// Base units still missing (`0` once enough arrived).
    pub amount_remaining: String,
    /// Base units of this paid session's confirmed payment that a chain reorganisation deeper
    /// than the confirmation depth took away, as a decimal string; `0` unless that happened.
    /// The status stays paid (the merchant may have shipped) and still counts against the
    /// link; a `checkout_session.payment_reversed` event said so once. Money that arrives
    /// again brings it back to `0`, with the status event again. Money the merchant moves out
    /// of the deposit address before `watch_until` reads the same way: wait until then.
    pub amount_reversed: String,
    pub payments: Vec<Payment>,
    pub livemode: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub paid_at: Option<i64>,
    pub canceled_at: Option<i64>,
    /// Until when the chain is watched for (late) payments.
    pub watch_until: i64,
}

/// What the pay page polls: the session without merchant-only fields.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSession {
    pub id: String,
    /// Always `public_session`.
    pub object: String,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::session::SessionStatus"))]
    pub status: String,
    pub amount: String,
    pub currency: String,
    pub quote: Quote,
    pub amount_received: String,
    pub amount_remaining: String,
    pub payments: Vec<Payment>,
    /// Confirmations the chain needs before `pending` becomes `paid`.
    pub confirmations_required: u32,
    /// Where the page sends the customer once paid; `null` until then, or when none is set.
    pub success_url: Option<String>,
    pub livemode: bool,
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
