//! A `checkout_quotes` row: one asset priced for a session, its deposit address and what
//! arrived there; how a new quote is priced, and its wire objects.

use serde::{Deserialize, Serialize};
use shared::api::sessions::{Quote, SessionQuote};
use shared::chain::Chain;
use shared::money::{Asset, CryptoAmount, MoneyError, Rate, fiat_to_crypto};
use shared::session::eip681::payment_uri;
use shared::session::{QuoteStanding, SessionStatus, Terms};

use crate::ops::config::ChainConfig;

/// The columns every quote query reads, in `QuoteRow` order.
pub const QUOTE_COLUMNS: &str = "id, session_id, merchant_id, livemode, status, asset, chain, \
    token_address, rate, amount_due, accept_from, amount_received, amount_confirmed, \
    deposit_index, deposit_address, expires_at, payments, checked_block, created_at, updated_at, \
    payout_address, factory_address, salt, amount_moved_out, quantity";

/// The stored quote, column for column (see `migrations/0012_sessions_and_quotes.sql`, rebuilt
/// in `0014_payout_mode.sql`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub id: String,
    pub session_id: String,
    pub merchant_id: String,
    pub livemode: i64,
    pub status: String,
    pub asset: String,
    pub chain: String,
    pub token_address: Option<String>,
    pub rate: String,
    pub amount_due: String,
    pub accept_from: String,
    pub amount_received: String,
    pub amount_confirmed: String,
    /// xpub mode: the index the address was derived at; `None` in payout mode.
    pub deposit_index: Option<i64>,
    pub deposit_address: String,
    pub expires_at: i64,
    /// JSON array of [`StoredPayment`]s seen at this quote's address, oldest first.
    pub payments: String,
    pub checked_block: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Payout mode: the forwarder's payout, factory and CREATE2 salt (all three or none).
    pub payout_address: Option<String>,
    pub factory_address: Option<String>,
    pub salt: Option<String>,
    /// Base units that left the address without a payment being taken back (see
    /// `chain::credits`): what it holds is `amount_received` less this.
    pub amount_moved_out: String,
    /// The session's quantity when this quote priced it.
    #[serde(default = "one")]
    pub quantity: i64,
}

fn one() -> i64 {
    1
}

/// How a quote's deposit address was made; kept with the quote, so a later change of the
/// merchant's mode or wallet changes nothing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Derivation {
    /// `…/0/index` of the merchant's xpub.
    Index(u32),
    /// The CREATE2 address of a forwarder of `payout` deployed by `factory` with `salt`.
    Forwarder {
        payout: String,
        factory: String,
        salt: String,
    },
}

/// A payment as a quote stores it; the session's view adds the quote, asset and `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPayment {
    pub tx_hash: Option<String>,
    pub amount: String,
    pub block_number: Option<u64>,
}

/// Everything a new quote is made of, gathered by the handler.
pub struct Pricing<'a> {
    pub id: String,
    pub session_id: &'a str,
    pub merchant_id: &'a str,
    pub livemode: bool,
    pub asset: Asset,
    pub fiat: shared::money::FiatAmount,
    pub rate: &'a Rate,
    pub chain: &'a ChainConfig,
    pub token_address: Option<String>,
    pub derivation: Derivation,
    pub deposit_address: String,
    /// When the lock ends: the account's lock from now, never past the session's expiry.
    pub expires_at: i64,
    pub now: i64,
    /// The session's quantity, which `fiat` is the price of.
    pub quantity: i64,
}

/// The amount due for `fiat` in `asset` at `rate`: rounded up to the base unit (the
/// merchant is never short), and the least amount accepted as paid under the tolerance.
pub fn amount_due(
    fiat: shared::money::FiatAmount,
    asset: Asset,
    rate: &Rate,
    tolerance_bps: u32,
) -> Result<(CryptoAmount, u128), MoneyError> {
    let due = fiat_to_crypto(fiat, rate, asset)?;
    let units = due.base_units();
    // Tolerance rounds down, so it never forgives more than configured.
    let forgiven = units / 10_000 * u128::from(tolerance_bps)
        + units % 10_000 * u128::from(tolerance_bps) / 10_000;
    Ok((due, units - forgiven))
}

impl QuoteRow {
    /// A new `open` quote priced at `rate`.
    pub fn price(new: Pricing<'_>) -> Result<Self, MoneyError> {
        let (due, accept_from) =
            amount_due(new.fiat, new.asset, new.rate, new.chain.tolerance_bps)?;
        let (deposit_index, forwarder) = match new.derivation {
            Derivation::Index(index) => (Some(i64::from(index)), None),
            Derivation::Forwarder {
                payout,
                factory,
                salt,
            } => (None, Some((payout, factory, salt))),
        };
        let (payout_address, factory_address, salt) = match forwarder {
            Some((p, f, s)) => (Some(p), Some(f), Some(s)),
            None => (None, None, None),
        };
        Ok(QuoteRow {
            id: new.id,
            session_id: new.session_id.to_owned(),
            merchant_id: new.merchant_id.to_owned(),
            livemode: i64::from(new.livemode),
            status: SessionStatus::Open.as_str().into(),
            asset: new.asset.symbol().into(),
            chain: new.chain.chain.name().into(),
            token_address: new.token_address,
            rate: new.rate.price().to_string(),
            amount_due: due.to_base_units_string(),
            accept_from: accept_from.to_string(),
            amount_received: "0".into(),
            amount_confirmed: "0".into(),
            deposit_index,
            deposit_address: new.deposit_address,
            expires_at: new.expires_at,
            payments: "[]".into(),
            checked_block: None,
            created_at: new.now,
            updated_at: new.now,
            payout_address,
            factory_address,
            salt,
            amount_moved_out: "0".into(),
            quantity: new.quantity,
        })
    }

    pub fn status(&self) -> Result<SessionStatus, String> {
        SessionStatus::parse(&self.status)
            .ok_or_else(|| format!("quote {} has status {:?}", self.id, self.status))
    }

    pub fn asset(&self) -> Result<Asset, String> {
        Asset::parse(&self.asset)
            .map_err(|_| format!("quote {} has asset {:?}", self.id, self.asset))
    }

    pub fn chain(&self) -> Result<Chain, String> {
        Chain::parse(&self.chain)
            .ok_or_else(|| format!("quote {} has chain {:?}", self.id, self.chain))
    }

    fn units(&self, column: &str, text: &str) -> Result<u128, String> {
        text.parse()
            .map_err(|_| format!("quote {} has {column} {text:?}", self.id))
    }

    pub fn due(&self) -> Result<u128, String> {
        self.units("amount_due", &self.amount_due)
    }

    pub fn received(&self) -> Result<u128, String> {
        self.units("amount_received", &self.amount_received)
    }

    pub fn confirmed(&self) -> Result<u128, String> {
        self.units("amount_confirmed", &self.amount_confirmed)
    }

    /// The terms the status machine judges this quote's checks against.
    pub fn terms(&self, grace_secs: i64) -> Result<Terms, String> {
        Ok(Terms {
            due: self.due()?,
            accept_from: self.units("accept_from", &self.accept_from)?,
            expires_at: self.expires_at,
            grace_secs,
        })
    }

    /// The quote as the session machine reads it.
    pub fn standing(&self) -> Result<QuoteStanding, String> {
        Ok(QuoteStanding {
            status: self.status()?,
            seen: self.received()?,
            confirmed: self.confirmed()?,
        })
    }

    /// The payments seen so far.
    pub fn payment_list(&self) -> Result<Vec<StoredPayment>, String> {
        serde_json::from_str(&self.payments)
            .map_err(|e| format!("quote {} has unreadable payments: {e}", self.id))
    }

    pub fn remaining(&self) -> Result<String, String> {
        Ok(self.due()?.saturating_sub(self.received()?).to_string())
    }

    /// What the customer pays, as both views show it.
    pub fn quote(&self) -> Result<Quote, String> {
        let asset = self.asset()?;
        let chain = self.chain()?;
        let due = CryptoAmount::from_base_units(self.due()?, asset);
        Ok(Quote {
            id: self.id.clone(),
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

    /// The merchant's view of the quote.
    pub fn into_session_quote(self) -> Result<SessionQuote, String> {
        Ok(SessionQuote {
            quote: self.quote()?,
            status: self.status,
            amount_received: self.amount_received,
            amount_confirmed: self.amount_confirmed,
            created_at: self.created_at,
        })
    }
}
