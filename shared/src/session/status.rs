//! `SessionStatus` and the one function that moves a checkout session between statuses.
//!
//! Every change of status, whether from a chain check, the clock or the merchant, goes through
//! [`SessionStatus::after_check`] or [`SessionStatus::cancel`]; both match exhaustively, so a new
//! status cannot be added without deciding every way into and out of it.

use core::fmt;

/// Where a checkout session stands. Stored and sent as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionStatus {
    /// Waiting for the customer's payment; the quote holds until `expires_at`.
    Open,
    /// The full amount was seen on chain in time but is not yet confirmed deep enough.
    Pending,
    /// The full amount is confirmed: the merchant can ship.
    Paid,
    /// The quote ran out with nothing received.
    Expired,
    /// The quote ran out with less than the amount due received; the shortfall is shown.
    Underpaid,
    /// Paid with more than the amount due; the excess is shown.
    Overpaid,
    /// The full amount arrived after the quote ran out, or after the link stopped accepting
    /// payments: the money is the merchant's, the merchant decides (ship or refund).
    PaidLate,
    /// The merchant expired the session before anything arrived.
    Canceled,
}

/// What a session was priced at: fixed when it was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// The amount due, in the asset's base units.
    pub due: u128,
    /// The least amount that counts as paid: `due` less the chain's configured tolerance.
    pub accept_from: u128,
    /// When the quote lock ends (unix seconds).
    pub expires_at: i64,
    /// How long after `expires_at` a payment first seen still counts as on time: detection is
    /// periodic, so a payment made just before expiry may be seen a little after it.
    pub grace_secs: i64,
}

/// One look at the chain (or only the clock, with the last amounts) at time `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    /// Received at the chain head, unconfirmed included, in base units.
    pub seen: u128,
    /// Received at the configured confirmation depth.
    pub confirmed: u128,
    pub now: i64,
    /// Whether the link still takes payments (active, not expired, below `max_payments`);
    /// checked again at payment so that limits hold however many sessions were opened.
    pub link_accepts: bool,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 8] = [
        SessionStatus::Open,
        SessionStatus::Pending,
        SessionStatus::Paid,
        SessionStatus::Expired,
        SessionStatus::Underpaid,
        SessionStatus::Overpaid,
        SessionStatus::PaidLate,
        SessionStatus::Canceled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Open => "open",
            SessionStatus::Pending => "pending",
            SessionStatus::Paid => "paid",
            SessionStatus::Expired => "expired",
            SessionStatus::Underpaid => "underpaid",
            SessionStatus::Overpaid => "overpaid",
            SessionStatus::PaidLate => "paid_late",
            SessionStatus::Canceled => "canceled",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        SessionStatus::ALL.into_iter().find(|s| s.as_str() == input)
    }

    /// Whether the chain is still watched for this session (until its watch window ends).
    /// Paid statuses too: a deeper reorg than the confirmations can still reverse their money
    /// (see `reversal`), and a paid session can become overpaid.
    pub fn is_watched(self) -> bool {
        match self {
            SessionStatus::Open
            | SessionStatus::Pending
            | SessionStatus::Expired
            | SessionStatus::Underpaid
            | SessionStatus::Paid
            | SessionStatus::Overpaid
            | SessionStatus::PaidLate
            // A customer may still pay a quote shown before the cancel: it is recorded.
            | SessionStatus::Canceled => true,
        }
    }

    /// Whether the money is the merchant's: the statuses that count as a payment of the link.
    pub fn is_paid(self) -> bool {
        match self {
            SessionStatus::Paid | SessionStatus::Overpaid | SessionStatus::PaidLate => true,
            SessionStatus::Open
            | SessionStatus::Pending
            | SessionStatus::Expired
            | SessionStatus::Underpaid
            | SessionStatus::Canceled => false,
        }
    }

    /// The status after `check`. Pure: the caller writes it with a conditional update on the
    /// status it read, so two concurrent checkers cannot both apply a change.
    pub fn after_check(self, terms: &Terms, check: &Check) -> SessionStatus {
        let in_time = check.now <= terms.expires_at.saturating_add(terms.grace_secs);
        let full = check.confirmed >= terms.accept_from;
        let settled =
            |on_time: bool| match (on_time && check.link_accepts, check.confirmed > terms.due) {
                (true, true) => SessionStatus::Overpaid,
                (true, false) => SessionStatus::Paid,
                (false, _) => SessionStatus::PaidLate,
            };
        // After expiry, short of a confirmed full amount. A full amount seen but unconfirmed
        // is not a shortfall: it waits for its confirmations to become `paid_late`.
        let unpaid_after_expiry = |current: SessionStatus| {
            if check.seen == 0 {
                SessionStatus::Expired
            } else if check.seen < terms.accept_from {
                SessionStatus::Underpaid
            } else {
                current
            }
        };
        match self {
            SessionStatus::Open if full => settled(in_time),
            SessionStatus::Open if check.seen >= terms.accept_from && in_time => {
                SessionStatus::Pending
            }
            SessionStatus::Open if in_time => SessionStatus::Open,
            SessionStatus::Open => unpaid_after_expiry(SessionStatus::Expired),
            // Seen in time: confirming later is still on time.
            SessionStatus::Pending if full => settled(true),
            SessionStatus::Pending if check.seen >= terms.accept_from => SessionStatus::Pending,
            // A reorg took the payment away.
            SessionStatus::Pending if in_time => SessionStatus::Open,
            SessionStatus::Pending => unpaid_after_expiry(SessionStatus::Expired),
            SessionStatus::Expired | SessionStatus::Underpaid if full => SessionStatus::PaidLate,
            SessionStatus::Expired | SessionStatus::Underpaid => unpaid_after_expiry(self),
            SessionStatus::Paid if check.confirmed > terms.due => SessionStatus::Overpaid,
            SessionStatus::Paid => SessionStatus::Paid,
            SessionStatus::Overpaid => SessionStatus::Overpaid,
            SessionStatus::PaidLate => SessionStatus::PaidLate,
            SessionStatus::Canceled => SessionStatus::Canceled,
        }
    }

    /// The merchant expires the session: only an open one with nothing seen on chain.
    pub fn cancel(self, seen: u128) -> Result<SessionStatus, SessionStatus> {
        match self {
            SessionStatus::Open if seen == 0 => Ok(SessionStatus::Canceled),
            SessionStatus::Open
            | SessionStatus::Pending
            | SessionStatus::Paid
            | SessionStatus::Expired
            | SessionStatus::Underpaid
            | SessionStatus::Overpaid
            | SessionStatus::PaidLate
            | SessionStatus::Canceled => Err(self),
        }
    }
}

impl fmt::Display for SessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
