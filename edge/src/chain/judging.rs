//! Judging a session after a reading of its quotes, pure: each quote's new amounts, payments
//! and status; the session's status from all its quotes (`shared::session::judge`); what a
//! reorg reversed; and what the merchant is told.

use shared::money::Asset;
use shared::session::judge::{judge, settling};
use shared::session::reversal::{self, Held, Notice};
use shared::session::{Check, QuoteStanding, SessionStatus};

use crate::chain::detect::{Reading, payments};
use crate::checkout::quote_row::QuoteRow;
use crate::checkout::row::Session;

/// A quote after a reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteOutcome {
    pub status: SessionStatus,
    pub amount_received: String,
    pub amount_confirmed: String,
    pub payments: String,
}

impl QuoteOutcome {
    /// The quote as stored, for sessions read without a reading of this quote.
    pub fn unchanged(quote: &QuoteRow) -> Self {
        Self {
            status: quote.status().unwrap_or(SessionStatus::Open),
            amount_received: quote.amount_received.clone(),
            amount_confirmed: quote.amount_confirmed.clone(),
            payments: quote.payments.clone(),
        }
    }

    pub fn differs(&self, quote: &QuoteRow) -> bool {
        self.status.as_str() != quote.status
            || self.amount_received != quote.amount_received
            || self.amount_confirmed != quote.amount_confirmed
            || self.payments != quote.payments
    }

    fn standing(&self) -> Result<QuoteStanding, String> {
        let units = |t: &str| t.parse::<u128>().map_err(|_| format!("units {t:?}"));
        Ok(QuoteStanding {
            status: self.status,
            seen: units(&self.amount_received)?,
            confirmed: units(&self.amount_confirmed)?,
        })
    }
}

/// Judges a reading of one quote through the status machine against its lock.
/// `link_accepts` is the link's state now: a payment that settles after the link closed is
/// `paid_late`.
pub fn quote_outcome(
    quote: &QuoteRow,
    reading: &Reading,
    link_accepts: bool,
    now: i64,
    grace_secs: i64,
    head: u64,
    window_from: u64,
) -> Result<QuoteOutcome, String> {
    let status = quote.status()?.after_check(
        &quote.terms(grace_secs)?,
        &Check {
            seen: reading.seen,
            confirmed: reading.confirmed,
            now,
            link_accepts,
        },
    );
    let native = quote.asset()? == Asset::Eth;
    let list = payments(quote.payment_list()?, reading, native, head, window_from);
    Ok(QuoteOutcome {
        status,
        amount_received: reading.seen.to_string(),
        amount_confirmed: reading.confirmed.to_string(),
        payments: serde_json::to_string(&list).map_err(|e| e.to_string())?,
    })
}

/// The new state of a session after a check at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: SessionStatus,
    pub amount_reversed: String,
    pub paid_at: Option<i64>,
    /// What the merchant is told: the status event, a reversal, or nothing.
    pub notice: Notice,
    /// One per quote, in the session's order.
    pub quotes: Vec<QuoteOutcome>,
}

/// The session after its quotes' outcomes (one per quote, in order).
pub fn outcome(
    session: &Session,
    quotes: Vec<QuoteOutcome>,
    now: i64,
    grace_secs: i64,
) -> Result<Outcome, String> {
    let before = session.row.status()?;
    let standings = quotes
        .iter()
        .map(QuoteOutcome::standing)
        .collect::<Result<Vec<_>, _>>()?;
    let judged = judge(&standings, &session.row.terms(grace_secs), now);
    // The reversal rule reads the settling quote's confirmed money before and after.
    let settled_before = settling(&session.standings()?);
    let confirmed_before = settled_before.map_or(0, |i| session.quotes[i].confirmed().unwrap_or(0));
    let held = Held {
        status: before,
        confirmed: confirmed_before,
        reversed: session.row.reversed()?,
    };
    let confirmed_after = judged
        .settled_by
        .or(settled_before)
        .map_or(0, |i| standings[i].confirmed);
    let reversed = reversal::reversed(held, judged.status, confirmed_after);
    Ok(Outcome {
        status: judged.status,
        amount_reversed: reversed.to_string(),
        notice: reversal::notice(held, judged.status, reversed),
        paid_at: session
            .row
            .paid_at
            .or_else(|| (judged.status.is_paid() && !before.is_paid()).then_some(now)),
        quotes,
    })
}

impl Outcome {
    /// Whether anything the merchant can see changed.
    pub fn changed(&self, session: &Session) -> bool {
        self.status.as_str() != session.row.status
            || self.amount_reversed != session.row.amount_reversed
            || self
                .quotes
                .iter()
                .zip(&session.quotes)
                .any(|(o, q)| o.differs(q))
    }

    /// The session as the API will show it after this outcome, for event data.
    pub fn applied(&self, session: &Session, now: i64) -> Session {
        let mut after = session.clone();
        after.row.status = self.status.as_str().into();
        after.row.amount_reversed = self.amount_reversed.clone();
        after.row.paid_at = self.paid_at;
        after.row.updated_at = now;
        for (quote, outcome) in after.quotes.iter_mut().zip(&self.quotes) {
            quote.status = outcome.status.as_str().into();
            quote.amount_received = outcome.amount_received.clone();
            quote.amount_confirmed = outcome.amount_confirmed.clone();
            quote.payments = outcome.payments.clone();
        }
        after
    }
}

#[cfg(test)]
#[path = "judging_tests.rs"]
mod tests;
