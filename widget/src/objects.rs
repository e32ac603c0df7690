//! The link and the session as the page keeps them: the public API's `PublicLink` and
//! `PublicSession` (`shared::api`) with only what the page reads. Left out: the payer form
//! (the worker renders it into the shell, `edge/src/pages/payer_form.rs`), the unit price,
//! `object`, the chain's key and id (the page shows its name; each quote has both),
//! `livemode` (the worker writes the test band) and the session's `expires_at` (each quote's
//! lock is what counts).
//!
//! Why copies and not the shared types: every copy, move and drop of those objects carried the
//! form's nested lists, 0.8 KiB of the page's wasm (brotli) that its 90 KB budget did not have
//! (`bench/RESULTS.md`). The component tests serialise the shared types with serde and read
//! them into these, field for field, so the two cannot drift apart.

use shared::api::links::CustomAmount;
use shared::api::sessions::{Payment, Quote};

/// A payment link as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub slug: String,
    pub merchant_name: String,
    pub title: String,
    pub description: Option<String>,
    /// `fixed` or `custom` (the API's `type`).
    pub kind: String,
    pub amount: Option<String>,
    pub currency: String,
    pub custom_amount: Option<CustomAmount>,
    pub assets: Vec<String>,
    pub chain_name: String,
    /// `payable`, `inactive`, `expired` or `sold_out`.
    pub state: String,
    pub inactive_message: Option<String>,
    pub cancel_url: Option<String>,
}

/// A checkout session as the page follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub status: String,
    pub amount: String,
    pub currency: String,
    pub merchant_name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub assets: Vec<String>,
    pub chain_name: String,
    pub payment_link: Option<String>,
    pub quote: Option<Quote>,
    pub amount_received: String,
    pub amount_remaining: String,
    pub payments: Vec<Payment>,
    pub confirmations_required: u32,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
}
