//! A `checkout_sessions` row and a session with its quotes: how a new session is opened, and
//! the merchant's and the customer's views of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use shared::api::sessions::{CheckoutSession, Payment, PublicSession};
use shared::chain::Chain;
use shared::money::{Asset, Currency, FiatAmount};
use shared::payer::{Payer, PayerForm};
use shared::session::judge::settling;
use shared::session::{QuoteStanding, SessionStatus, SessionTerms};

use crate::checkout::quote_row::QuoteRow;
use crate::ops::config::Timing;

/// The columns every session query reads, in `SessionRow` order.
pub const COLUMNS: &str = "id, merchant_id, link_id, livemode, status, amount, currency, \
    assets, chain, url, title, description, client_reference_id, metadata, customer_email, \
    success_url, cancel_url, expires_at, watch_until, quotes_count, revision, last_event_id, \
    amount_reversed, counted, checked_at, created_at, updated_at, paid_at, canceled_at, \
    payer_form, unit_amount, quantity, customer, custom_fields, customer_data_redacted_at";

/// The stored session, column for column (see `migrations/0012_sessions_and_quotes.sql`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: String,
    pub merchant_id: String,
    pub link_id: Option<String>,
    pub livemode: i64,
    pub status: String,
    pub amount: String,
    pub currency: String,
    /// Comma-separated symbols.
    pub assets: String,
    pub chain: String,
    pub url: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub client_reference_id: Option<String>,
    /// JSON object of strings.
    pub metadata: String,
    pub customer_email: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub expires_at: i64,
    pub watch_until: i64,
    pub quotes_count: i64,
    /// Bumped by every write that read the session first; see the migration.
    pub revision: i64,
    pub last_event_id: Option<String>,
    /// Confirmed base units of the settling quote that a reorg took after it was paid.
    pub amount_reversed: String,
    /// 1 once the session counts in its link's `payments_count`.
    pub counted: i64,
    pub checked_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub paid_at: Option<i64>,
    pub canceled_at: Option<i64>,
    /// `shared::payer::PayerForm` JSON, copied from the link or given by the merchant.
    pub payer_form: String,
    /// The price of one; `None` (sessions before migration 0015): `amount`.
    pub unit_amount: Option<String>,
    pub quantity: i64,
    /// `shared::payer::Customer` JSON; `None` when nothing beyond `customer_email` is held.
    pub customer: Option<String>,
    /// `[{key, label, value}]` JSON; `None` when there is none.
    pub custom_fields: Option<String>,
    pub customer_data_redacted_at: Option<i64>,
}

/// Everything a new session is made of, gathered by the handler.
pub struct Opening {
    pub id: String,
    pub merchant_id: String,
    pub link_id: Option<String>,
    pub livemode: bool,
    /// What the session charges: `unit` × `payer.quantity`.
    pub fiat: FiatAmount,
    pub assets: Vec<Asset>,
    pub chain: Chain,
    /// The origin of the request that opened it: the hosted page is `{origin}/c/{id}`.
    pub origin: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub client_reference_id: Option<String>,
    /// JSON object of strings.
    pub metadata: String,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub expires_at: i64,
    pub timing: Timing,
    pub now: i64,
    pub form: PayerForm,
    /// The price of one; the session's amount is it times the payer's quantity.
    pub unit: FiatAmount,
    pub payer: Payer,
}

impl SessionRow {
    /// A new `open` session without a quote.
    pub fn open(new: Opening) -> Self {
        let symbols: Vec<&str> = new.assets.iter().map(|a| a.symbol()).collect();
        let mut row = SessionRow {
            url: format!("{}/c/{}", new.origin, new.id),
            id: new.id,
            merchant_id: new.merchant_id,
            link_id: new.link_id,
            livemode: i64::from(new.livemode),
            status: SessionStatus::Open.as_str().into(),
            amount: new.fiat.to_string(),
            currency: new.fiat.currency().code().into(),
            assets: symbols.join(","),
            chain: new.chain.name().into(),
            title: new.title,
            description: new.description,
            client_reference_id: new.client_reference_id,
            metadata: new.metadata,
            customer_email: None,
            success_url: new.success_url,
            cancel_url: new.cancel_url,
            expires_at: new.expires_at,
            watch_until: new.expires_at + new.timing.watch_secs,
            quotes_count: 0,
            revision: 0,
            last_event_id: None,
            amount_reversed: "0".into(),
            counted: 0,
            checked_at: None,
            created_at: new.now,
            updated_at: new.now,
            paid_at: None,
            canceled_at: None,
            payer_form: new.form.to_json(),
            unit_amount: Some(new.unit.to_string()),
            quantity: 1,
            customer: None,
            custom_fields: None,
            customer_data_redacted_at: None,
        };
        row.hold(&new.payer, new.fiat);
        row
    }

    pub fn status(&self) -> Result<SessionStatus, String> {
        SessionStatus::parse(&self.status)
            .ok_or_else(|| format!("session {} has status {:?}", self.id, self.status))
    }

    pub fn chain(&self) -> Result<Chain, String> {
        Chain::parse(&self.chain)
            .ok_or_else(|| format!("session {} has chain {:?}", self.id, self.chain))
    }

    pub fn accepted_assets(&self) -> Result<Vec<Asset>, String> {
        self.assets
            .split(',')
            .map(|s| Asset::parse(s).map_err(|_| format!("session {} has asset {s:?}", self.id)))
            .collect()
    }

    pub fn fiat(&self) -> Result<FiatAmount, String> {
        let currency = Currency::parse(&self.currency)
            .map_err(|_| format!("session {} has currency {:?}", self.id, self.currency))?;
        FiatAmount::parse(&self.amount, currency)
            .map_err(|_| format!("session {} has amount {:?}", self.id, self.amount))
    }

    pub fn reversed(&self) -> Result<u128, String> {
        self.amount_reversed.parse().map_err(|_| {
            format!(
                "session {} has amount_reversed {:?}",
                self.id, self.amount_reversed
            )
        })
    }

    /// The session's own terms for the status machine.
    pub fn terms(&self, grace_secs: i64) -> SessionTerms {
        SessionTerms {
            expires_at: self.expires_at,
            grace_secs,
            canceled: self.canceled_at.is_some(),
        }
    }

    fn symbols(&self) -> Vec<String> {
        self.assets.split(',').map(str::to_owned).collect()
    }
}

/// A session with its quotes, oldest first: what both views and every event show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub row: SessionRow,
    pub quotes: Vec<QuoteRow>,
}

impl Session {
    pub fn standings(&self) -> Result<Vec<QuoteStanding>, String> {
        self.quotes.iter().map(QuoteRow::standing).collect()
    }

    /// The quote that settled the session, if one did.
    pub fn settled_by(&self) -> Result<Option<usize>, String> {
        Ok(settling(&self.standings()?))
    }

    /// The current quote: the one that settled the session, else the newest.
    pub fn current(&self) -> Result<Option<&QuoteRow>, String> {
        let index = self.settled_by()?.or(self.quotes.len().checked_sub(1));
        Ok(index.map(|i| &self.quotes[i]))
    }

    /// Every quote's payments, oldest block first; money beyond the settling quote is extra.
    pub fn payments(&self) -> Result<Vec<Payment>, String> {
        let settled = self
            .settled_by()?
            .filter(|_| self.row.status().is_ok_and(|s| s.is_paid()));
        let mut list = Vec::new();
        for (i, quote) in self.quotes.iter().enumerate() {
            for p in quote.payment_list()? {
                list.push(Payment {
                    quote: quote.id.clone(),
                    asset: quote.asset.clone(),
                    tx_hash: p.tx_hash,
                    amount: p.amount,
                    block_number: p.block_number,
                    extra: settled.is_some_and(|s| s != i),
                });
            }
        }
        list.sort_by_key(|p| p.block_number.unwrap_or(u64::MAX));
        Ok(list)
    }

    fn amounts(&self) -> Result<(String, String), String> {
        Ok(match self.current()? {
            Some(q) => (q.amount_received.clone(), q.remaining()?),
            None => ("0".into(), "0".into()),
        })
    }

    /// The merchant's view.
    pub fn into_checkout(self) -> Result<CheckoutSession, String> {
        let payments = self.payments()?;
        let form = self.row.form()?;
        let payer = self.row.payer()?;
        let unit = self.row.unit()?;
        let (quantity, amount) = self.charged()?;
        let quote = self.current()?.map(QuoteRow::quote).transpose()?;
        let (received, remaining) = self.amounts()?;
        let assets = self.row.symbols();
        let quotes = self
            .quotes
            .into_iter()
            .map(QuoteRow::into_session_quote)
            .collect::<Result<Vec<_>, _>>()?;
        let row = self.row;
        let metadata: BTreeMap<String, String> = serde_json::from_str(&row.metadata)
            .map_err(|e| format!("session {} has unreadable metadata: {e}", row.id))?;
        Ok(CheckoutSession {
            object: "checkout_session".into(),
            url: row.url,
            payment_link: row.link_id,
            status: row.status,
            amount,
            currency: row.currency,
            title: row.title,
            description: row.description,
            assets,
            chain: row.chain,
            client_reference_id: row.client_reference_id,
            metadata,
            customer_email: row.customer_email,
            customer: payer.customer,
            custom_fields: payer.custom_fields,
            quantity,
            unit_amount: unit.to_string(),
            customer_data_redacted_at: row.customer_data_redacted_at,
            form: form.session_view(row.success_url.as_deref()),
            success_url: row.success_url,
            cancel_url: row.cancel_url,
            quote,
            quotes,
            amount_received: received,
            amount_remaining: remaining,
            amount_reversed: row.amount_reversed,
            payments,
            livemode: row.livemode == 1,
            expires_at: row.expires_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            paid_at: row.paid_at,
            canceled_at: row.canceled_at,
            watch_until: row.watch_until,
            id: row.id,
        })
    }

    /// The customer's view: the redirect only once the money is the merchant's, the way back
    /// while it is open and after it ended unpaid; no reference, metadata or email.
    pub fn into_public(
        self,
        merchant_name: String,
        link_slug: Option<String>,
        confirmations_required: u32,
    ) -> Result<PublicSession, String> {
        let payments = self.payments()?;
        let quote = self.current()?.map(QuoteRow::quote).transpose()?;
        let (received, remaining) = self.amounts()?;
        let status = self.row.status()?;
        let chain = self.row.chain()?;
        let assets = self.row.symbols();
        let form = self
            .row
            .form()?
            .public_view(self.row.success_url.as_deref());
        let unit = self.row.unit()?.to_string();
        let (_, amount) = self.charged()?;
        let way_back = match status {
            SessionStatus::Open
            | SessionStatus::Expired
            | SessionStatus::Underpaid
            | SessionStatus::Canceled => true,
            SessionStatus::Pending
            | SessionStatus::Paid
            | SessionStatus::Overpaid
            | SessionStatus::PaidLate => false,
        };
        let row = self.row;
        Ok(PublicSession {
            object: "public_session".into(),
            status: row.status,
            amount,
            currency: row.currency,
            merchant_name,
            title: row.title,
            description: row.description,
            assets,
            chain: chain.name().into(),
            chain_name: chain.display_name().into(),
            payment_link: link_slug,
            quote,
            amount_received: received,
            amount_remaining: remaining,
            payments,
            confirmations_required,
            success_url: row.success_url.filter(|_| status.is_paid()),
            cancel_url: row.cancel_url.filter(|_| way_back),
            expires_at: row.expires_at,
            livemode: row.livemode == 1,
            unit_amount: unit,
            form,
            id: row.id,
        })
    }
}

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
