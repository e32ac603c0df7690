//! The public API's bodies, read into the shared types (`json::Fields` does the reading).
//!
//! The worker writes these with serde from the same types; a component test serialises
//! every fixture with serde_json and reads it back here, so the two cannot drift apart.

use shared::api::links::CustomAmount;
use shared::api::public::PublicLink;
use shared::api::sessions::{Payment, PublicSession, Quote};

use crate::json::{Fields, Unreadable};

/// An error body's `error`, as much of it as the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The stable machine code, e.g. `price_unavailable`.
    pub code: String,
    pub message: String,
    /// The message of each failing field, in order.
    pub field_messages: Vec<String>,
}

pub fn refusal(body: &Fields) -> Result<Refusal, Unreadable> {
    let error = body.object("error");
    let refusal = Refusal {
        code: error.str("code"),
        message: error.str("message"),
        field_messages: error
            .objects_or_none("errors")
            .iter()
            .map(|f| f.str("message"))
            .collect(),
    };
    body.finish(refusal)
}

pub fn public_link(f: &Fields) -> Result<PublicLink, Unreadable> {
    let link = PublicLink {
        object: f.str("object"),
        slug: f.str("slug"),
        merchant_name: f.str("merchant_name"),
        title: f.str("title"),
        description: f.opt_str("description"),
        kind: f.str("type"),
        amount: f.opt_str("amount"),
        currency: f.str("currency"),
        custom_amount: f.opt_object("custom_amount").map(|c| CustomAmount {
            minimum: c.opt_str("minimum"),
            maximum: c.opt_str("maximum"),
            preset: c.opt_str("preset"),
        }),
        assets: f.strs("assets"),
        chain: f.str("chain"),
        chain_name: f.str("chain_name"),
        chain_id: f.count("chain_id"),
        state: f.str("state"),
        inactive_message: f.opt_str("inactive_message"),
        cancel_url: f.opt_str("cancel_url"),
        livemode: f.bool("livemode"),
        // The payer form is not read here: the server-rendered form carries it.
        form: Default::default(),
    };
    f.finish(link)
}

fn quote(f: &Fields) -> Quote {
    Quote {
        id: f.str("id"),
        asset: f.str("asset"),
        decimals: f.count("decimals"),
        chain: f.str("chain"),
        chain_name: f.str("chain_name"),
        chain_id: f.count("chain_id"),
        token_address: f.opt_str("token_address"),
        rate: f.str("rate"),
        amount_due: f.str("amount_due"),
        amount_due_decimal: f.str("amount_due_decimal"),
        amount_due_shown: f.str("amount_due_shown"),
        deposit_address: f.str("deposit_address"),
        payment_uri: f.str("payment_uri"),
        expires_at: f.int("expires_at"),
    }
}

fn payment(f: &Fields) -> Payment {
    Payment {
        quote: f.str("quote"),
        asset: f.str("asset"),
        tx_hash: f.opt_str("tx_hash"),
        amount: f.str("amount"),
        // A height is never negative: `count` notes one that is.
        block_number: f.opt_int("block_number").map(|_| f.count("block_number")),
        extra: f.bool("extra"),
    }
}

pub fn public_session(f: &Fields) -> Result<PublicSession, Unreadable> {
    let session = PublicSession {
        id: f.str("id"),
        object: f.str("object"),
        status: f.str("status"),
        amount: f.str("amount"),
        currency: f.str("currency"),
        merchant_name: f.str("merchant_name"),
        title: f.opt_str("title"),
        description: f.opt_str("description"),
        assets: f.strs("assets"),
        chain: f.str("chain"),
        chain_name: f.str("chain_name"),
        payment_link: f.opt_str("payment_link"),
        // `null` until the customer picks an asset.
        quote: f.opt_object("quote").map(|q| quote(&q)),
        amount_received: f.str("amount_received"),
        amount_remaining: f.str("amount_remaining"),
        payments: f.objects("payments").iter().map(payment).collect(),
        confirmations_required: f.count("confirmations_required"),
        success_url: f.opt_str("success_url"),
        cancel_url: f.opt_str("cancel_url"),
        expires_at: f.int("expires_at"),
        livemode: f.bool("livemode"),
        unit_amount: f.str("unit_amount"),
        // The payer form is not read here: the server-rendered form carries it.
        form: Default::default(),
    };
    f.finish(session)
}
