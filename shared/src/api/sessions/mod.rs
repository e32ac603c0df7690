//! Wire types of checkout sessions: the objects returned. The requests live in `open` (the
//! customer's, on a link's page), `quote` (the customer's asset choice) and `create` (the
//! merchant's one-time checkout).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod create;
pub mod fields;
pub mod open;

pub use create::{CreateCheckoutRequest, LinkTemplate, NewCheckout, Offer};
pub use open::{CreateSessionRequest, QuoteRequest, SessionOrder};

/// A payment seen on chain for a session.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The quote (`qt_…`) whose deposit address received it.
    pub quote: String,
    /// The asset paid, the quote's: `ETH`, `USDC` or `EURC`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::money::Asset"))]
    pub asset: String,
    /// The transaction, when known (ERC-20 transfers; native payments are seen by balance).
    pub tx_hash: Option<String>,
    /// Base units of `asset`, as a decimal string.
    pub amount: String,
    pub block_number: Option<u64>,
    /// `true` for money beyond what settled the session: a payment to another quote's address
    /// once one quote paid the session. The session is `overpaid`; refund or keep it.
    pub extra: bool,
}

/// A quote of a session: what the customer pays in one asset, at which rate, until when. A
/// session has one current quote at a time; asking again (another asset, or after the lock
/// ran out) adds a quote and keeps the earlier ones, whose addresses stay watched.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// `qt_` + 24 hex digits.
    pub id: String,
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
    /// Where to pay: fresh for this quote, derived from the merchant's xpub.
    pub deposit_address: String,
    /// EIP-681 URI for wallets and QR codes.
    pub payment_uri: String,
    /// When the quote stops holding (unix seconds).
    pub expires_at: i64,
}

/// A quote as the merchant sees it: the quote, and what its address received.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionQuote {
    #[serde(flatten)]
    pub quote: Quote,
    /// The quote's own standing, judged against its lock: `open`, `pending`, `paid`,
    /// `expired`, `underpaid`, `overpaid` or `paid_late`. The session's `status` is judged
    /// from all of its quotes (`shared::session::judge`).
    #[cfg_attr(feature = "openapi", schemars(with = "crate::session::SessionStatus"))]
    pub status: String,
    /// Base units received at this quote's address (confirmed or not), as a decimal string.
    pub amount_received: String,
    /// Base units received at the confirmation depth.
    pub amount_confirmed: String,
    pub created_at: i64,
}

/// A checkout session as the merchant API returns it: one order, paid through its quotes.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutSession {
    /// `cs_` + 24 hex digits; it stays the same across quotes.
    pub id: String,
    /// Always `checkout_session`.
    #[cfg_attr(feature = "openapi", schemars(extend("const" = "checkout_session")))]
    pub object: String,
    /// The hosted page that takes the payment: send the customer here.
    pub url: String,
    /// The payment link (`pl_…`) it was opened on or made from; `null` for a checkout made
    /// with its own amount.
    pub payment_link: Option<String>,
    /// `open`, `pending`, `paid`, `expired`, `underpaid`, `overpaid`, `paid_late` or `canceled`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::session::SessionStatus"))]
    pub status: String,
    /// The fiat amount as a decimal string, in `currency`.
    pub amount: String,
    pub currency: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The assets the customer may pick from.
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::money::Asset>"))]
    pub assets: Vec<String>,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::chain::Chain"))]
    pub chain: String,
    /// The merchant's own reference (an order number), at most 200 characters.
    pub client_reference_id: Option<String>,
    pub metadata: BTreeMap<String, String>,
    /// The customer's email: as the customer entered it, else as the merchant or the link's
    /// URL gave it (the same as `customer.email`); `null` once redacted.
    pub customer_email: Option<String>,
    /// The customer's details as the page collected them (each `null` when not given, and all
    /// once redacted).
    pub customer: crate::payer::Customer,
    /// The answers to the custom fields, in the form's order; empty once redacted.
    pub custom_fields: Vec<crate::payer::CustomFieldValue>,
    /// How many the customer buys: 1 unless `adjustable_quantity` lets them pick.
    pub quantity: u32,
    /// The price of one, as a decimal string; `amount` is it times `quantity`, exactly.
    pub unit_amount: String,
    /// When the payer's data was erased (`POST /v1/checkout_sessions/{id}/redact`, or the
    /// account's `customer_data_retention_days` after the session ended); `null` until then.
    pub customer_data_redacted_at: Option<i64>,
    /// Where the page sends the customer once paid.
    pub success_url: Option<String>,
    /// The way back the page offers while the session is open, and after it ends unpaid.
    pub cancel_url: Option<String>,
    /// The current quote: the one that paid the session, else the newest; `null` until the
    /// customer picks an asset.
    pub quote: Option<Quote>,
    /// Every quote, oldest first, each with what its address received.
    pub quotes: Vec<SessionQuote>,
    /// Base units of the current quote's asset received so far (confirmed or not).
    pub amount_received: String,
    /// Base units the current quote still misses (`0` once enough arrived, or without a quote).
    pub amount_remaining: String,
    /// Base units of this paid session's confirmed payment that a chain reorganisation deeper
    /// than the confirmation depth took away, as a decimal string; `0` unless that happened.
    /// The status stays paid (the merchant may have shipped) and still counts against the
    /// link; a `checkout_session.payment_reversed` event said so once. Money that arrives
    /// again brings it back to `0`, with the status event again. Money the merchant moves out
    /// of the deposit address before `watch_until` reads the same way: wait until then.
    pub amount_reversed: String,
    /// Every payment to any of its quotes, oldest first.
    pub payments: Vec<Payment>,
    pub livemode: bool,
    /// Until when the customer can pay (unix seconds); then `expired` if nothing arrived.
    pub expires_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub paid_at: Option<i64>,
    pub canceled_at: Option<i64>,
    /// Until when the chain is watched for (late) payments to any of its quotes.
    pub watch_until: i64,
    /// What the page asks of the payer, fixed when the session was made (the fields'
    /// definitions are those of its link or of the request that made it).
    #[serde(flatten)]
    pub form: crate::payer::SessionFormView,
}

/// What the pay page reads and polls: the session without merchant-only fields (no
/// metadata, reference, customer details, custom field answers or quantity).
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
    pub merchant_name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The assets the customer may pick from.
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::money::Asset>"))]
    pub assets: Vec<String>,
    #[cfg_attr(feature = "openapi", schemars(with = "crate::chain::Chain"))]
    pub chain: String,
    /// The network's name as customers know it, e.g. `Base Sepolia`.
    pub chain_name: String,
    /// The slug of the link it was opened on, so the page can start over; `null` for a
    /// checkout the merchant made.
    pub payment_link: Option<String>,
    /// The current quote; `null` until an asset is picked.
    pub quote: Option<Quote>,
    pub amount_received: String,
    pub amount_remaining: String,
    pub payments: Vec<Payment>,
    /// Confirmations the chain needs before `pending` becomes `paid`.
    pub confirmations_required: u32,
    /// Where the page sends the customer once paid; `null` until then, or when none is set.
    pub success_url: Option<String>,
    /// The way back to the merchant: while the session is open, and once it ended `expired`,
    /// `underpaid` or `canceled`; `null` otherwise or when none is set.
    pub cancel_url: Option<String>,
    /// Until when the customer can pay (unix seconds).
    pub expires_at: i64,
    pub livemode: bool,
    /// The price of one, as a decimal string: what a quantity multiplies.
    pub unit_amount: String,
    /// What the page asks of the payer (configuration only, never a value).
    #[serde(flatten)]
    pub form: crate::payer::PublicFormView,
}
