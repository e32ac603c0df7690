//! A `checkout_sessions` row: how a new session is priced, and its wire objects.

use serde::{Deserialize, Serialize};
use shared::api::sessions::{CheckoutSession, Payment, PublicSession, Quote, SessionOrder};
use shared::chain::Chain;
use shared::money::{Asset, CryptoAmount, Currency, MoneyError, Rate, fiat_to_crypto};
use shared::session::eip681::payment_uri;
use shared::session::reversal::Held;
use shared::session::{SessionStatus, Terms};

use crate::ops::config::{ChainConfig, Timing};

/// The stored session, column for column (see `migrations/0007_checkout_sessions.sql`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: String,
    pub merchant_id: String,
    pub link_id: String,
    pub livemode: i64,
    pub status: String,
    pub amount: String,
    pub currency: String,
    pub asset: String,
    pub chain: String,
    pub token_address: Option<String>,
    pub rate: String,
    pub amount_due: String,
    pub accept_from: String,
    pub amount_received: String,
    pub amount_confirmed: String,
    pub deposit_index: i64,
    pub deposit_address: String,
    pub success_url: Option<String>,
    pub expires_at: i64,
    pub watch_until: i64,
    /// JSON array of [`Payment`]s seen, oldest first.
    pub payments: String,
    pub checked_block: Option<i64>,
    /// 1 once the session counts in its link's `payments_count`.
    pub counted: i64,
    pub checked_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub paid_at: Option<i64>,
    pub canceled_at: Option<i64>,
    /// Confirmed base units a reorg took from the session after it was paid (see
    /// `shared::session::reversal`).
    pub amount_reversed: String,
}

/// Everything a new session is made of, gathered by the handler.
pub struct Opening<'a> {
    pub id: String,
    pub merchant_id: &'a str,
    pub link_id: &'a str,
    pub livemode: bool,
    pub order: SessionOrder,
    pub rate: &'a Rate,
    pub chain: &'a ChainConfig,
    pub token_address: Option<String>,
    pub deposit_index: u32,
    pub deposit_address: String,
    pub success_url: Option<String>,
    pub quote_lock_secs: i64,
    pub timing: Timing,
    pub now: i64,
}

/// The amount due for `order` at `rate`: rounded up to the base unit (the merchant is never
/// short), and the least amount accepted as paid under the chain's tolerance.
pub fn amount_due(
    order: &SessionOrder,
    rate: &Rate,
    tolerance_bps: u32,
) -> Result<(CryptoAmount, u128), MoneyError> {
    let due = fiat_to_crypto(order.fiat, rate, order.asset)?;
    let units = due.base_units();
    // Tolerance rounds down, so it never forgives more than configured.
    let forgiven = units / 10_000 * u128::from(tolerance_bps)
        + units % 10_000 * u128::from(tolerance_bps) / 10_000;
    Ok((due, units - forgiven))
}

impl SessionRow {
    /// A new `open` session priced at `rate`.
    pub fn open(new: Opening<'_>) -> Result<Self, MoneyError> {
        let (due, accept_from) = amount_due(&new.order, new.rate, new.chain.tolerance_bps)?;
        let expires_at = new.now + new.quote_lock_secs;
        Ok(SessionRow {
            id: new.id,
            merchant_id: new.merchant_id.to_owned(),
            link_id: new.link_id.to_owned(),
            livemode: i64::from(new.livemode),
            status: SessionStatus::Open.as_str().into(),
            amount: new.order.fiat.to_string(),
            currency: new.order.fiat.currency().code().into(),
            asset: new.order.asset.symbol().into(),
            chain: new.chain.chain.name().into(),
            token_address: new.token_address,
            rate: new.rate.price().to_string(),
            amount_due: due.to_base_units_string(),
            accept_from: accept_from.to_string(),
            amount_received: "0".into(),
            amount_confirmed: "0".into(),
            deposit_index: i64::from(new.deposit_index),
            deposit_address: new.deposit_address,
            success_url: new.success_url,
            expires_at,
            watch_until: expires_at + new.timing.watch_secs,
            payments: "[]".into(),
            checked_block: None,
            counted: 0,
            checked_at: None,
            created_at: new.now,
            updated_at: new.now,
            paid_at: None,
            canceled_at: None,
            amount_reversed: "0".into(),
        })
    }

    pub fn status(&self) -> Result<SessionStatus, String> {
        SessionStatus::parse(&self.status)
            .ok_or_else(|| format!("session {} has status {:?}", self.id, self.status))
    }

    pub fn asset(&self) -> Result<Asset, String> {
        Asset::parse(&self.asset)
            .map_err(|_| format!("session {} has asset {:?}", self.id, self.asset))
    }

    pub fn chain(&self) -> Result<Chain, String> {
        Chain::parse(&self.chain)
            .ok_or_else(|| format!("session {} has chain {:?}", self.id, self.chain))
    }

    fn units(&self, column: &str, text: &str) -> Result<u128, String> {
        text.parse()
            .map_err(|_| format!("session {} has {column} {text:?}", self.id))
    }

    pub fn due(&self) -> Result<u128, String> {
        self.units("amount_due", &self.amount_due)
    }

    pub fn received(&self) -> Result<u128, String> {
        self.units("amount_received", &self.amount_received)
    }

    /// The session's money as the reversal rule reads it before a check.
    pub fn held(&self) -> Result<Held, String> {
        Ok(Held {
            status: self.status()?,
            confirmed: self.units("amount_confirmed", &self.amount_confirmed)?,
            reversed: self.units("amount_reversed", &self.amount_reversed)?,
        })
    }

    /// The terms the status machine judges checks against.
    pub fn terms(&self, grace_secs: i64) -> Result<Terms, String> {
        Ok(Terms {
            due: self.due()?,
            accept_from: self.units("accept_from", &self.accept_from)?,
            expires_at: self.expires_at,
            grace_secs,
        })
    }

    fn quote(&self) -> Result<Quote, String> {
        let asset = self.asset()?;
        let chain = self.chain()?;
        let due = CryptoAmount::from_base_units(self.due()?, asset);
        Ok(Quote {
            asset: asset.symbol().into(),
            decimals: asset.decimals(),
            chain: chain.name().into(),
            chain_name: chain.display_name().into(),
            chain_id: chain.id(),
            token_address: self.token_address.clone(),
            rate: self.rate.clone(),
            amount_due: self.amount_due.clone(),
            amount_due_decimal: due.to_string(),
            amount_due_shown: due.to_shown_string(),
            deposit_address: self.deposit_address.clone(),
            payment_uri: payment_uri(
                due,
                self.token_address.as_deref(),
                &self.deposit_address,
                chain.id(),
            ),
            expires_at: self.expires_at,
        })
    }

    /// The payments seen so far.
    pub fn payment_list(&self) -> Result<Vec<Payment>, String> {
        serde_json::from_str(&self.payments)
            .map_err(|e| format!("session {} has unreadable payments: {e}", self.id))
    }

    fn remaining(&self) -> Result<String, String> {
        Ok(self.due()?.saturating_sub(self.received()?).to_string())
    }

    /// The merchant's view.
    pub fn into_checkout(self) -> Result<CheckoutSession, String> {
        let payments = self.payment_list()?;
        let currency = Currency::parse(&self.currency)
            .map_err(|_| format!("session {} has currency {:?}", self.id, self.currency))?;
        Ok(CheckoutSession {
            quote: self.quote()?,
            amount_remaining: self.remaining()?,
            object: "checkout_session".into(),
            payment_link: self.link_id,
            status: self.status,
            amount: self.amount,
            currency: currency.code().into(),
            amount_received: self.amount_received,
            payments,
            livemode: self.livemode == 1,
            created_at: self.created_at,
            updated_at: self.updated_at,
            paid_at: self.paid_at,
            canceled_at: self.canceled_at,
            amount_reversed: self.amount_reversed,
            watch_until: self.watch_until,
            id: self.id,
        })
    }

    /// The customer's view: the redirect target only once the money is the merchant's.
    pub fn into_public(self, confirmations_required: u32) -> Result<PublicSession, String> {
        let payments = self.payment_list()?;
        let paid = self.status()?.is_paid();
        Ok(PublicSession {
            quote: self.quote()?,
            amount_remaining: self.remaining()?,
            object: "public_session".into(),
            status: self.status,
            amount: self.amount,
            currency: self.currency,
            amount_received: self.amount_received,
            payments,
            confirmations_required,
            success_url: self.success_url.filter(|_| paid),
            livemode: self.livemode == 1,
            id: self.id,
        })
    }
}

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
