//! Reversals: confirmed money of a paid session that a chain reorganisation deeper than the
//! confirmation depth took away, and what each check tells the merchant.
//!
//! The truth after such a reorg: the merchant may already have shipped, so the status stays
//! (`paid`, `overpaid` or `paid_late`) and still counts against the link; but the session
//! says what was reversed (`amount_reversed`) and the merchant is told once, by a
//! `checkout_session.payment_reversed` event. BTCPay marks such invoices invalid; a status
//! that changes under a shipped order would be the worse surprise. Money that arrives again
//! (the transaction mined anew, or paid again) restores the session, which is told by its
//! status event once more (`checkout_session.paid` …).

use crate::session::SessionStatus;

/// A session's money as stored before a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub status: SessionStatus,
    /// Confirmed base units at the last check.
    pub confirmed: u128,
    /// Base units reversed at the last check (0 unless a reorg took confirmed money).
    pub reversed: u128,
}

/// What the merchant is told about one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Nothing (amounts may still have changed).
    Quiet,
    /// The event of the session's status: it changed, or a reversal was made good.
    Status,
    /// A reorg took confirmed money from a paid session that had lost none.
    PaymentReversed,
}

/// The confirmed base units a reorg has taken from a session that was paid before this check
/// and is in status `after` now, with `confirmed` base units confirmed: the most it held
/// confirmed while paid, less what it holds now. Sessions that are not paid have nothing
/// reversed (their status says what they lack); a session paid by this check starts at 0.
pub fn reversed(before: Held, after: SessionStatus, confirmed: u128) -> u128 {
    let was_paid = before.status.is_paid();
    match after {
        SessionStatus::Paid | SessionStatus::Overpaid | SessionStatus::PaidLate if was_paid => {
            before
                .confirmed
                .saturating_add(before.reversed)
                .saturating_sub(confirmed)
        }
        SessionStatus::Paid | SessionStatus::Overpaid | SessionStatus::PaidLate => 0,
        SessionStatus::Open
        | SessionStatus::Pending
        | SessionStatus::Expired
        | SessionStatus::Underpaid
        | SessionStatus::Canceled => 0,
    }
}

/// What a check that moved a session from `before` to `after` with `reversed` base units
/// reversed tells the merchant: a status change first; else the start of a reversal (once,
/// however many checks see it); else the end of one, as the status event again.
pub fn notice(before: Held, after: SessionStatus, reversed: u128) -> Notice {
    match (before.status == after, before.reversed > 0, reversed > 0) {
        (false, _, _) => Notice::Status,
        (true, false, true) => Notice::PaymentReversed,
        (true, true, false) => Notice::Status,
        (true, false, false) | (true, true, true) => Notice::Quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionStatus::*;

    fn held(status: SessionStatus, confirmed: u128, reversed: u128) -> Held {
        Held {
            status,
            confirmed,
            reversed,
        }
    }

    #[test]
    fn a_reorg_below_the_confirmation_depth_reverses_what_a_paid_session_held() {
        assert_eq!(reversed(held(Paid, 1_000, 0), Paid, 0), 1_000);
        assert_eq!(reversed(held(Paid, 1_000, 0), Paid, 400), 600);
        assert_eq!(reversed(held(Overpaid, 1_500, 0), Overpaid, 0), 1_500);
        assert_eq!(reversed(held(PaidLate, 1_000, 0), PaidLate, 0), 1_000);
    }

    #[test]
    fn a_paid_session_that_keeps_its_money_has_nothing_reversed() {
        assert_eq!(reversed(held(Paid, 1_000, 0), Paid, 1_000), 0);
        assert_eq!(reversed(held(Paid, 1_000, 0), Overpaid, 1_500), 0);
    }

    #[test]
    fn a_reversal_is_measured_from_the_most_held_so_later_checks_keep_it() {
        let first = reversed(held(Paid, 1_000, 0), Paid, 0);
        assert_eq!(reversed(held(Paid, 0, first), Paid, 0), 1_000);
        assert_eq!(
            reversed(held(Paid, 0, first), Paid, 300),
            700,
            "partly back"
        );
        assert_eq!(reversed(held(Paid, 0, first), Paid, 1_000), 0, "made good");
        assert_eq!(
            reversed(held(Paid, 0, first), Overpaid, 1_200),
            0,
            "more than before"
        );
    }

    #[test]
    fn sessions_that_are_not_paid_have_nothing_reversed() {
        // A reorg that takes a pending payment moves the status back instead.
        assert_eq!(reversed(held(Pending, 1_000, 0), Open, 0), 0);
        assert_eq!(reversed(held(Underpaid, 500, 0), Expired, 0), 0);
        for status in [Open, Pending, Expired, Underpaid, Canceled] {
            assert_eq!(reversed(held(Paid, 1_000, 0), status, 0), 0, "{status}");
        }
    }

    #[test]
    fn a_session_paid_by_this_check_starts_with_nothing_reversed() {
        assert_eq!(reversed(held(Pending, 1_000, 0), Paid, 1_000), 0);
        assert_eq!(reversed(held(Expired, 2_000, 0), PaidLate, 1_000), 0);
    }

    #[test]
    fn the_merchant_is_told_of_a_reversal_once() {
        assert_eq!(
            notice(held(Paid, 1_000, 0), Paid, 1_000),
            Notice::PaymentReversed
        );
        assert_eq!(notice(held(Paid, 0, 1_000), Paid, 1_000), Notice::Quiet);
        assert_eq!(notice(held(Paid, 0, 1_000), Paid, 600), Notice::Quiet);
        assert_eq!(notice(held(Paid, 1_000, 0), Paid, 0), Notice::Quiet);
    }

    #[test]
    fn a_reversal_made_good_repeats_the_status_event_and_a_status_change_comes_first() {
        assert_eq!(notice(held(Paid, 0, 1_000), Paid, 0), Notice::Status);
        assert_eq!(notice(held(Paid, 0, 1_000), Overpaid, 0), Notice::Status);
        assert_eq!(notice(held(Pending, 1_000, 0), Paid, 0), Notice::Status);
        assert_eq!(notice(held(Open, 0, 0), Open, 0), Notice::Quiet);
    }
}
