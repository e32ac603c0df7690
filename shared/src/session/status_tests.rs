//! Every rule of the session state machine, each with the case that must not move.

use super::*;
use SessionStatus::*;

const TERMS: Terms = Terms {
    due: 1_000,
    accept_from: 1_000,
    expires_at: 100,
    grace_secs: 10,
};

fn check(seen: u128, confirmed: u128, now: i64) -> Check {
    Check {
        seen,
        confirmed,
        now,
        link_accepts: true,
    }
}

#[test]
fn statuses_round_trip_through_their_names() {
    for status in SessionStatus::ALL {
        assert_eq!(SessionStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(SessionStatus::parse("Paid"), None);
    assert_eq!(PaidLate.to_string(), "paid_late");
}

#[test]
fn an_open_session_stays_open_until_the_full_amount_is_seen() {
    assert_eq!(Open.after_check(&TERMS, &check(0, 0, 50)), Open);
    assert_eq!(Open.after_check(&TERMS, &check(999, 999, 50)), Open);
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 0, 50)), Pending);
}

#[test]
fn a_confirmed_full_payment_is_paid_and_more_than_due_is_overpaid() {
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 1_000, 50)), Paid);
    assert_eq!(Pending.after_check(&TERMS, &check(1_000, 1_000, 50)), Paid);
    assert_eq!(
        Pending.after_check(&TERMS, &check(1_001, 1_001, 50)),
        Overpaid
    );
    assert_eq!(Pending.after_check(&TERMS, &check(1_000, 999, 50)), Pending);
}

#[test]
fn partial_payments_add_up_because_checks_see_totals() {
    let first = Open.after_check(&TERMS, &check(400, 400, 40));
    assert_eq!(first, Open);
    assert_eq!(first.after_check(&TERMS, &check(1_000, 400, 45)), Pending);
    assert_eq!(Pending.after_check(&TERMS, &check(1_000, 1_000, 46)), Paid);
}

#[test]
fn the_tolerance_accepts_a_little_less_than_due() {
    let terms = Terms {
        accept_from: 990,
        ..TERMS
    };
    assert_eq!(Open.after_check(&terms, &check(995, 995, 50)), Paid);
    assert_eq!(Open.after_check(&terms, &check(989, 989, 50)), Open);
}

#[test]
fn the_quote_running_out_expires_or_underpays() {
    assert_eq!(Open.after_check(&TERMS, &check(0, 0, 110)), Open);
    assert_eq!(Open.after_check(&TERMS, &check(0, 0, 111)), Expired);
    assert_eq!(Open.after_check(&TERMS, &check(300, 300, 111)), Underpaid);
}

#[test]
fn a_payment_first_seen_within_the_grace_counts_as_on_time() {
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 0, 110)), Pending);
    assert_eq!(Pending.after_check(&TERMS, &check(1_000, 1_000, 500)), Paid);
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 1_000, 110)), Paid);
}

#[test]
fn a_full_payment_after_expiry_is_paid_late_once_confirmed() {
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 0, 200)), Expired);
    assert_eq!(Expired.after_check(&TERMS, &check(1_000, 0, 200)), Expired);
    assert_eq!(
        Expired.after_check(&TERMS, &check(1_000, 1_000, 200)),
        PaidLate
    );
    assert_eq!(
        Underpaid.after_check(&TERMS, &check(1_000, 1_000, 200)),
        PaidLate
    );
    assert_eq!(
        Open.after_check(&TERMS, &check(1_000, 1_000, 200)),
        PaidLate
    );
}

#[test]
fn an_underpaid_session_shows_later_partial_payments_and_reorgs() {
    assert_eq!(Expired.after_check(&TERMS, &check(10, 0, 200)), Underpaid);
    assert_eq!(Underpaid.after_check(&TERMS, &check(0, 0, 200)), Expired);
    assert_eq!(
        Underpaid.after_check(&TERMS, &check(999, 999, 200)),
        Underpaid
    );
}

#[test]
fn a_reorg_that_removes_a_pending_payment_moves_it_back() {
    assert_eq!(Pending.after_check(&TERMS, &check(0, 0, 50)), Open);
    assert_eq!(Pending.after_check(&TERMS, &check(0, 0, 500)), Expired);
    assert_eq!(Pending.after_check(&TERMS, &check(500, 0, 500)), Underpaid);
}

#[test]
fn a_payment_when_the_link_no_longer_accepts_is_paid_late() {
    let closed = Check {
        link_accepts: false,
        ..check(1_000, 1_000, 50)
    };
    assert_eq!(Open.after_check(&TERMS, &closed), PaidLate);
    assert_eq!(Pending.after_check(&TERMS, &closed), PaidLate);
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 1_000, 50)), Paid);
}

#[test]
fn settled_sessions_do_not_move_back() {
    for status in [Paid, Overpaid, PaidLate, Canceled] {
        assert_eq!(status.after_check(&TERMS, &check(0, 0, 50)), status);
    }
    assert_eq!(Paid.after_check(&TERMS, &check(1_500, 1_500, 50)), Overpaid);
    assert_eq!(Paid.after_check(&TERMS, &check(1_500, 1_000, 50)), Paid);
}

#[test]
fn only_an_open_session_with_nothing_seen_can_be_canceled() {
    assert_eq!(Open.cancel(0), Ok(Canceled));
    assert_eq!(Open.cancel(1), Err(Open));
    for status in [
        Pending, Paid, Expired, Underpaid, Overpaid, PaidLate, Canceled,
    ] {
        assert_eq!(status.cancel(0), Err(status));
    }
}

#[test]
fn paid_statuses_are_the_ones_that_count_against_the_link() {
    let paid: Vec<SessionStatus> = SessionStatus::ALL
        .into_iter()
        .filter(|s| s.is_paid())
        .collect();
    assert_eq!(paid, [Paid, Overpaid, PaidLate]);
    assert!(
        Canceled.is_watched(),
        "a quote shown before the cancel may still be paid"
    );
    assert!(Expired.is_watched());
    assert!(
        PaidLate.is_watched() && Overpaid.is_watched(),
        "a reorg can reverse them"
    );
}

#[test]
fn a_late_full_amount_waiting_for_confirmations_is_no_shortfall() {
    assert_eq!(Open.after_check(&TERMS, &check(1_000, 10, 200)), Expired);
    assert_eq!(
        Underpaid.after_check(&TERMS, &check(1_000, 10, 200)),
        Underpaid
    );
    assert_eq!(Expired.after_check(&TERMS, &check(1_000, 10, 200)), Expired);
}
