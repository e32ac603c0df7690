//! The status of a whole session, judged from its quotes: one machine for the session however
//! many quotes (assets, re-quotes) it had.
//!
//! Each quote moves through [`SessionStatus::after_check`] against its own lock, so a quote
//! knows whether its money came in time. The session then takes, exhaustively: the quote
//! that settled it (paid on time before paid late, then the oldest), and money at any other
//! quote's address makes it `overpaid` (recorded as an extra payment, never lost); else a
//! quote waiting for confirmations (`pending`); else a quote that ran out short
//! (`underpaid`, which ends the session: the customer is shown the shortfall and the way
//! back); else the merchant's cancel; else the session's own expiry; else `open`, where the
//! customer may take a new quote. A payment after a cancel is still the merchant's money,
//! so a canceled session whose quote is paid in full is `paid_late`.

use crate::session::SessionStatus;

/// One quote as the session reads it: its own status and what its address holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteStanding {
    /// The quote's status from [`SessionStatus::after_check`]; never `Canceled`.
    pub status: SessionStatus,
    /// Base units seen at the head, unconfirmed included.
    pub seen: u128,
    /// Base units at the confirmation depth.
    pub confirmed: u128,
}

/// The session's own terms, beside its quotes'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTerms {
    /// Until when the customer may pay (unix seconds); quotes lock no later than this.
    pub expires_at: i64,
    /// As [`crate::session::Terms::grace_secs`].
    pub grace_secs: i64,
    /// The merchant canceled it.
    pub canceled: bool,
}

/// What the quotes say about the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub status: SessionStatus,
    /// The quote whose money settled the session (an index into the quotes), if any.
    pub settled_by: Option<usize>,
}

/// The quote that settles the session: the oldest paid in time, else the oldest paid late
/// (an index into `quotes`).
pub fn settling(quotes: &[QuoteStanding]) -> Option<usize> {
    let on_time =
        |q: &QuoteStanding| matches!(q.status, SessionStatus::Paid | SessionStatus::Overpaid);
    quotes.iter().position(on_time).or_else(|| {
        quotes
            .iter()
            .position(|q| q.status == SessionStatus::PaidLate)
    })
}

/// The session's status from `quotes` (oldest first) at `now`. Pure and total.
pub fn judge(quotes: &[QuoteStanding], terms: &SessionTerms, now: i64) -> Judgement {
    if let Some(index) = settling(quotes) {
        let extra = quotes
            .iter()
            .enumerate()
            .any(|(i, q)| i != index && q.confirmed > 0);
        let status = match (quotes[index].status, terms.canceled) {
            (SessionStatus::PaidLate, _) | (_, true) => SessionStatus::PaidLate,
            (SessionStatus::Overpaid, false) => SessionStatus::Overpaid,
            (SessionStatus::Paid, false) if extra => SessionStatus::Overpaid,
            (SessionStatus::Paid, false) => SessionStatus::Paid,
            // `settling` picks only the three statuses above.
            (
                SessionStatus::Open
                | SessionStatus::Pending
                | SessionStatus::Expired
                | SessionStatus::Underpaid
                | SessionStatus::Canceled,
                false,
            ) => SessionStatus::Open,
        };
        return Judgement {
            status,
            settled_by: Some(index),
        };
    }
    let has = |status: SessionStatus| quotes.iter().any(|q| q.status == status);
    let status = if terms.canceled {
        SessionStatus::Canceled
    } else if has(SessionStatus::Pending) {
        SessionStatus::Pending
    } else if has(SessionStatus::Underpaid) {
        SessionStatus::Underpaid
    } else if now > terms.expires_at.saturating_add(terms.grace_secs)
        && quotes.iter().all(|q| q.seen == 0)
    {
        SessionStatus::Expired
    } else {
        SessionStatus::Open
    };
    Judgement {
        status,
        settled_by: None,
    }
}

/// Whether the customer may take a new quote: the session is open and no quote's address
/// holds money (a part payment is finished on its own quote, not priced again).
pub fn may_quote(status: SessionStatus, quotes: &[QuoteStanding]) -> bool {
    match status {
        SessionStatus::Open => quotes.iter().all(|q| q.seen == 0),
        SessionStatus::Pending
        | SessionStatus::Paid
        | SessionStatus::Expired
        | SessionStatus::Underpaid
        | SessionStatus::Overpaid
        | SessionStatus::PaidLate
        | SessionStatus::Canceled => false,
    }
}

#[cfg(test)]
#[path = "judge_tests.rs"]
mod tests;
