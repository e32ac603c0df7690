//! The session machine over its quotes: each rule, then random sequences of payments,
//! confirmations, shallow reorgs, re-quotes and time across quotes.

use proptest::prelude::*;

use super::*;
use crate::session::{Check, Terms};
use SessionStatus::*;

const SESSION: SessionTerms = SessionTerms {
    expires_at: 1_000,
    grace_secs: 10,
    canceled: false,
};

fn q(status: SessionStatus, seen: u128, confirmed: u128) -> QuoteStanding {
    QuoteStanding {
        status,
        seen,
        confirmed,
    }
}

fn status(quotes: &[QuoteStanding], now: i64) -> SessionStatus {
    judge(quotes, &SESSION, now).status
}

#[test]
fn a_session_without_quotes_is_open_until_it_expires() {
    assert_eq!(status(&[], 500), Open);
    assert_eq!(status(&[], 1_010), Open, "grace");
    assert_eq!(status(&[], 1_011), Expired);
}

#[test]
fn a_quote_that_ran_out_unpaid_leaves_the_session_open_for_a_new_quote() {
    let quotes = [q(Expired, 0, 0), q(Open, 0, 0)];
    assert_eq!(status(&quotes, 500), Open);
    assert!(may_quote(Open, &quotes));
    assert_eq!(status(&quotes, 2_000), Expired);
}

#[test]
fn the_oldest_quote_paid_in_time_settles_the_session() {
    let judged = judge(&[q(Expired, 0, 0), q(Paid, 5, 5)], &SESSION, 500);
    assert_eq!(
        judged,
        Judgement {
            status: Paid,
            settled_by: Some(1)
        }
    );
    let judged = judge(&[q(PaidLate, 5, 5), q(Paid, 5, 5)], &SESSION, 500);
    assert_eq!(judged.settled_by, Some(1), "in time wins over late");
}

#[test]
fn money_at_another_quotes_address_makes_a_paid_session_overpaid() {
    assert_eq!(
        status(&[q(Paid, 5, 5), q(Expired, 1, 0)], 500),
        Paid,
        "unconfirmed yet"
    );
    assert_eq!(status(&[q(Paid, 5, 5), q(Expired, 1, 1)], 500), Overpaid);
    assert_eq!(status(&[q(Overpaid, 9, 9)], 500), Overpaid);
    assert_eq!(
        status(&[q(PaidLate, 5, 5), q(Underpaid, 1, 1)], 500),
        PaidLate
    );
}

#[test]
fn waiting_for_confirmations_is_pending_and_a_short_quote_ends_underpaid() {
    assert_eq!(status(&[q(Expired, 0, 0), q(Pending, 5, 0)], 500), Pending);
    assert_eq!(status(&[q(Underpaid, 3, 3)], 500), Underpaid);
    assert_eq!(
        status(&[q(Underpaid, 3, 3), q(Pending, 5, 0)], 500),
        Pending
    );
    assert!(
        !may_quote(Open, &[q(Open, 3, 0)]),
        "finish a part payment on its quote"
    );
}

#[test]
fn a_canceled_session_stays_canceled_unless_its_money_arrives_in_full() {
    let canceled = SessionTerms {
        canceled: true,
        ..SESSION
    };
    assert_eq!(judge(&[q(Open, 0, 0)], &canceled, 500).status, Canceled);
    assert_eq!(judge(&[q(Pending, 5, 0)], &canceled, 500).status, Canceled);
    assert_eq!(judge(&[q(Paid, 5, 5)], &canceled, 500).status, PaidLate);
    assert!(!may_quote(Canceled, &[]));
}

#[test]
fn only_an_open_session_may_take_a_quote() {
    for s in SessionStatus::ALL {
        assert_eq!(may_quote(s, &[]), s == Open, "{s}");
    }
}

/// One step of a simulated customer, chain and clock.
#[derive(Debug, Clone)]
enum Step {
    Pay {
        quote: usize,
        amount: u128,
    },
    Confirm,
    /// A reorg shallower than the confirmation depth: unconfirmed money disappears.
    Reorg,
    Requote,
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 1..1_500u128).prop_map(|(quote, amount)| Step::Pay { quote, amount }),
        Just(Step::Confirm),
        Just(Step::Reorg),
        Just(Step::Requote),
        (1..400i64).prop_map(Step::Wait),
    ]
}

#[derive(Debug, Clone)]
struct Sim {
    terms: Vec<Terms>,
    quotes: Vec<QuoteStanding>,
    /// Per quote: its full amount was seen within its lock and grace.
    seen_in_time: Vec<bool>,
    now: i64,
}

const DUE: u128 = 1_000;
const LOCK: i64 = 300;

impl Sim {
    fn new() -> Self {
        Self {
            terms: Vec::new(),
            quotes: Vec::new(),
            seen_in_time: Vec::new(),
            now: 0,
        }
    }

    fn add_quote(&mut self) {
        self.terms.push(Terms {
            due: DUE,
            accept_from: DUE,
            expires_at: (self.now + LOCK).min(SESSION.expires_at),
            grace_secs: SESSION.grace_secs,
        });
        self.quotes.push(q(Open, 0, 0));
        self.seen_in_time.push(false);
    }

    fn apply(&mut self, step: &Step) {
        match *step {
            Step::Pay { quote, amount } if quote < self.quotes.len() => {
                self.quotes[quote].seen += amount;
            }
            Step::Pay { .. } => {}
            Step::Confirm => self.quotes.iter_mut().for_each(|q| q.confirmed = q.seen),
            Step::Reorg => self.quotes.iter_mut().for_each(|q| q.seen = q.confirmed),
            Step::Requote => {
                let status = judge(&self.quotes, &SESSION, self.now).status;
                if may_quote(status, &self.quotes) && self.now < SESSION.expires_at {
                    self.add_quote();
                }
            }
            Step::Wait(secs) => self.now += secs,
        }
        for (i, quote) in self.quotes.iter_mut().enumerate() {
            let terms = self.terms[i];
            if quote.seen < terms.accept_from {
                // A reorg took what was seen in time: what comes later is judged anew.
                self.seen_in_time[i] = false;
            } else if self.now <= terms.expires_at + terms.grace_secs {
                self.seen_in_time[i] = true;
            }
            let check = Check {
                seen: quote.seen,
                confirmed: quote.confirmed,
                now: self.now,
                link_accepts: true,
            };
            quote.status = quote.status.after_check(&terms, &check);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn across_quotes_the_session_is_paid_exactly_when_a_quote_was_paid_in_time(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut sim = Sim::new();
        sim.add_quote();
        let mut was_settled = false;
        for step in &steps {
            sim.apply(step);
            let judged = judge(&sim.quotes, &SESSION, sim.now);
            let confirmed_in_time = sim.quotes.iter().zip(&sim.seen_in_time)
                .any(|(q, in_time)| *in_time && q.confirmed >= DUE);
            let settled = judged.status.is_paid();
            // Reorgs here never reach confirmed money: a settled session stays settled.
            prop_assert!(!was_settled || settled, "{steps:?} -> {judged:?}");
            was_settled |= settled;
            if confirmed_in_time {
                prop_assert!(matches!(judged.status, Paid | Overpaid), "{steps:?} -> {judged:?}");
            }
            if matches!(judged.status, Paid | Overpaid) {
                let by = judged.settled_by.unwrap();
                prop_assert!(sim.seen_in_time[by] && sim.quotes[by].confirmed >= DUE);
            }
            if judged.status == Overpaid {
                let by = judged.settled_by.unwrap();
                let extra = sim.quotes.iter().enumerate()
                    .any(|(i, q)| i != by && q.confirmed > 0);
                prop_assert!(extra || sim.quotes[by].confirmed > DUE);
            }
            // Money is never read as nothing: an expired session holds none anywhere.
            if judged.status == Expired {
                prop_assert!(sim.quotes.iter().all(|q| q.seen == 0));
            }
            if judged.status == Pending {
                prop_assert!(sim.quotes.iter().any(|q| q.seen >= DUE));
            }
            if judged.status == Open {
                prop_assert!(sim.now <= SESSION.expires_at + SESSION.grace_secs
                    || sim.quotes.iter().any(|q| q.seen > 0));
            }
            // Judging again with nothing new changes nothing.
            prop_assert_eq!(judge(&sim.quotes, &SESSION, sim.now), judged);
        }
    }

    #[test]
    fn a_new_quote_is_offered_only_while_no_quote_holds_money(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut sim = Sim::new();
        sim.add_quote();
        for step in &steps {
            let before = sim.quotes.len();
            let held = sim.quotes.iter().any(|q| q.seen > 0);
            sim.apply(step);
            if sim.quotes.len() > before {
                prop_assert!(!held, "{steps:?}");
            }
        }
    }
}
