//! A session judged from readings of its quotes: statuses, payment times, reversals, extra
//! payments to an earlier quote, and the clock alone.

use serde_json::{Value, json};
use shared::money::{Asset, Currency, FiatAmount};

use super::*;
use crate::chain::detect::tests::{reading, session as quote};
use crate::checkout::row::{Opening, SessionRow};
use crate::ops::config::Timing;

const HOLDER: &str = "0x1111111111111111111111111111111111111111";
const OTHER: &str = "0x2222222222222222222222222222222222222222";

fn open_session(quotes: Vec<QuoteRow>) -> Session {
    let row = SessionRow::open(Opening {
        id: "cs_1".into(),
        merchant_id: "mer_1".into(),
        link_id: Some("pl_1".into()),
        livemode: false,
        fiat: FiatAmount::parse("12.34", Currency::Usd).unwrap(),
        assets: vec![Asset::Eth, Asset::Usdc],
        chain: shared::chain::Chain::Anvil,
        origin: "http://127.0.0.1:8787".into(),
        title: None,
        description: None,
        client_reference_id: Some("A-1001".into()),
        metadata: "{}".into(),
        success_url: None,
        cancel_url: None,
        expires_at: 5_000,
        timing: Timing {
            grace_secs: 60,
            watch_secs: 86_400,
        },
        now: 1_000,
        form: shared::payer::PayerForm::default(),
        unit: FiatAmount::parse("12.34", Currency::Usd).unwrap(),
        payer: shared::payer::Payer::default(),
    });
    Session { row, quotes }
}

fn judged(session: &Session, readings: &[(u128, u128)], accepts: bool, now: i64) -> Outcome {
    let outcomes = session
        .quotes
        .iter()
        .zip(readings)
        .map(|(q, (seen, confirmed))| {
            quote_outcome(q, &reading(*seen, *confirmed), accepts, now, 60).unwrap()
        })
        .collect();
    outcome(session, outcomes, now, 60).unwrap()
}

#[test]
fn an_outcome_moves_the_status_and_stamps_the_first_payment_time() {
    let eth = quote(Asset::Eth, None, HOLDER);
    let due: u128 = eth.amount_due.parse().unwrap();
    let session = open_session(vec![eth]);
    let pending = judged(&session, &[(due, 0)], true, 1_100);
    assert_eq!(pending.status, SessionStatus::Pending);
    assert_eq!(pending.paid_at, None);
    let session = pending.applied(&session, 1_100);
    let settled = judged(&session, &[(due, due)], true, 1_200);
    assert_eq!(settled.status, SessionStatus::Paid);
    assert_eq!(settled.paid_at, Some(1_200));
    assert_eq!(
        serde_json::from_str::<Value>(&settled.quotes[0].payments).unwrap(),
        json!([{"tx_hash": null, "amount": due.to_string(), "block_number": 10}])
    );
    let closed = judged(&session, &[(due, due)], false, 1_200);
    assert_eq!(closed.status, SessionStatus::PaidLate);
}

#[test]
fn a_later_quote_pays_the_session_and_money_at_the_first_is_an_extra_payment() {
    // Native payments are read from balances, so both quotes are ETH here; the e2e test pays
    // a USDC quote and then an ETH one.
    let usdc = QuoteRow {
        expires_at: 1_100,
        ..quote(Asset::Eth, None, OTHER)
    };
    let eth = QuoteRow {
        id: "qt_2".into(),
        ..quote(Asset::Eth, None, HOLDER)
    };
    let due: u128 = eth.amount_due.parse().unwrap();
    let session = open_session(vec![usdc, eth]);
    let expired_quote = judged(&session, &[(0, 0), (0, 0)], true, 1_200);
    assert_eq!(
        expired_quote.status,
        SessionStatus::Open,
        "the session takes a new quote"
    );
    assert_eq!(expired_quote.quotes[0].status, SessionStatus::Expired);
    let session = expired_quote.applied(&session, 1_200);
    let paid = judged(&session, &[(0, 0), (due, due)], true, 1_300);
    assert_eq!(paid.status, SessionStatus::Paid);
    let session = paid.applied(&session, 1_300);
    assert_eq!(session.current().unwrap().unwrap().id, "qt_2");
    let extra = judged(&session, &[(5, 5), (due, due)], true, 1_400);
    assert_eq!(
        (extra.status, extra.notice),
        (SessionStatus::Overpaid, Notice::Status)
    );
    let session = extra.applied(&session, 1_400);
    let payments = session.payments().unwrap();
    assert_eq!(payments.len(), 2);
    let first = payments.iter().find(|p| p.quote == "qt_1").unwrap();
    assert!(first.extra && first.amount == "5");
    assert!(!payments.iter().find(|p| p.quote == "qt_2").unwrap().extra);
}

#[test]
fn a_session_without_quotes_expires_by_the_clock() {
    let session = open_session(Vec::new());
    assert_eq!(
        judged(&session, &[], true, 5_060).status,
        SessionStatus::Open
    );
    let expired = judged(&session, &[], true, 5_061);
    assert_eq!(
        (expired.status, expired.notice),
        (SessionStatus::Expired, Notice::Status)
    );
    assert!(expired.changed(&session));
}

#[test]
fn a_reorg_deeper_than_the_confirmations_keeps_a_paid_session_paid_and_reports_it_once() {
    let eth = quote(Asset::Eth, None, HOLDER);
    let due: u128 = eth.amount_due.parse().unwrap();
    let session = open_session(vec![eth]);
    let paid = judged(&session, &[(due, due)], true, 1_200).applied(&session, 1_200);
    let reversed = judged(&paid, &[(0, 0)], true, 1_300);
    assert_eq!(reversed.status, SessionStatus::Paid);
    assert_eq!(reversed.amount_reversed, due.to_string());
    assert_eq!(reversed.notice, Notice::PaymentReversed);
    assert_eq!(reversed.paid_at, Some(1_200), "still paid since then");
    let later = reversed.applied(&paid, 1_300);
    let again = judged(&later, &[(0, 0)], true, 1_400);
    assert_eq!(
        (again.notice, again.amount_reversed.as_str()),
        (Notice::Quiet, due.to_string().as_str())
    );
    let restored = judged(&later, &[(due, due)], true, 1_500);
    assert_eq!(restored.amount_reversed, "0");
    assert_eq!(restored.notice, Notice::Status);
    let kept = judged(&paid, &[(due, due)], true, 1_300);
    assert_eq!(
        (kept.notice, kept.amount_reversed.as_str()),
        (Notice::Quiet, "0")
    );
    assert!(!kept.changed(&paid));
}
