//! Unit tests of `status`: every status worded, amounts in whole units of the session's asset.

use shared::api::sessions::{Payment, Quote};

use super::*;

fn session(status: &str, asset: &str, due: &str, received: &str, remaining: &str) -> PublicSession {
    PublicSession {
        id: "cs_000000000000000000000001".into(),
        object: "public_session".into(),
        status: status.into(),
        amount: "12.50".into(),
        currency: "USD".into(),
        quote: Quote {
            asset: asset.into(),
            decimals: if asset == "ETH" { 18 } else { 6 },
            chain: "anvil".into(),
            chain_name: "Local test chain".into(),
            chain_id: 31337,
            token_address: None,
            rate: "3000.00".into(),
            amount_due: due.into(),
            amount_due_decimal: String::new(),
            amount_due_shown: String::new(),
            deposit_address: "0x9858EfFD232B4033E47d90003D41EC34EcaEda94".into(),
            payment_uri: String::new(),
            expires_at: 0,
        },
        amount_received: received.into(),
        amount_remaining: remaining.into(),
        payments: vec![],
        confirmations_required: 2,
        success_url: None,
        livemode: false,
    }
}

const DUE: &str = "4166666666666667";

#[test]
fn an_open_session_waits_and_shows_what_arrived_so_far() {
    let fresh = StatusView::of(&session("open", "ETH", DUE, "0", DUE), false);
    assert_eq!(fresh.headline, "Waiting for your payment");
    assert_eq!(fresh.tone, Tone::Waiting);
    assert!(!fresh.detail.contains("Received"));
    let part = StatusView::of(
        &session("open", "ETH", DUE, "1000000000000000", "3166666666666667"),
        false,
    );
    assert_eq!(
        part.detail,
        "Received so far: 0.001 ETH of 0.004166666666666667 ETH."
    );
}

#[test]
fn an_open_session_whose_countdown_ran_out_offers_a_new_quote() {
    let over = StatusView::of(&session("open", "ETH", DUE, "0", DUE), true);
    assert_eq!(over.headline, "The quote has run out");
    assert!(over.can_requote);
    // Part of the money arrived: a new quote would ask for all of it again.
    let part = StatusView::of(&session("open", "ETH", DUE, "1", DUE), true);
    assert_eq!(part.headline, "Waiting for your payment");
    assert!(!part.can_requote);
}

#[test]
fn a_pending_session_names_the_confirmations_needed() {
    let mut s = session("pending", "ETH", DUE, DUE, "0");
    let view = StatusView::of(&s, false);
    assert_eq!(view.headline, "Payment seen, waiting for confirmations");
    assert!(view.detail.contains("2 confirmations"), "{}", view.detail);
    s.confirmations_required = 1;
    assert!(StatusView::of(&s, false).detail.contains("1 confirmation "));
}

#[test]
fn a_paid_session_shows_a_receipt_with_the_transactions_known() {
    let mut s = session("paid", "USDC", "12500000", "12500000", "0");
    s.payments = vec![
        Payment {
            tx_hash: Some("0xabc".into()),
            amount: "12500000".into(),
            block_number: Some(7),
        },
        Payment {
            tx_hash: None,
            amount: "0".into(),
            block_number: None,
        },
    ];
    let view = StatusView::of(&s, false);
    assert_eq!(
        (view.tone, view.headline.as_str()),
        (Tone::Done, "Payment received")
    );
    assert_eq!(
        view.receipt,
        Some(Receipt {
            amount: "12.5 USDC".into(),
            tx_hashes: vec!["0xabc".into()]
        })
    );
    assert!(!view.can_requote);
}

#[test]
fn an_overpaid_session_names_the_excess() {
    let view = StatusView::of(
        &session("overpaid", "USDC", "12500000", "13000000", "0"),
        false,
    );
    assert_eq!(view.headline, "Payment received");
    assert!(
        view.detail.contains("You sent 0.5 USDC more"),
        "{}",
        view.detail
    );
    assert_eq!(view.receipt.unwrap().amount, "13 USDC");
}

#[test]
fn an_underpaid_session_names_the_shortfall_in_whole_units() {
    let view = StatusView::of(
        &session("underpaid", "USDC", "12500000", "12000000", "500000"),
        false,
    );
    assert_eq!(
        (view.tone, view.headline.as_str()),
        (Tone::Problem, "Payment incomplete")
    );
    assert!(
        view.detail.contains("12 USDC received, 0.5 USDC short"),
        "{}",
        view.detail
    );
    assert_eq!(view.receipt, None);
}

#[test]
fn expired_canceled_and_late_sessions_say_what_happens_next() {
    let expired = StatusView::of(&session("expired", "ETH", DUE, "0", DUE), false);
    assert_eq!(expired.headline, "This quote has expired");
    assert!(expired.can_requote);
    let canceled = StatusView::of(&session("canceled", "ETH", DUE, "0", DUE), false);
    assert_eq!(canceled.headline, "This checkout was canceled");
    assert!(!canceled.can_requote);
    let late = StatusView::of(&session("paid_late", "ETH", DUE, DUE, "0"), false);
    assert_eq!(late.headline, "Payment received after the quote ended");
    assert_eq!(late.detail, "The merchant will contact you.");
    assert!(late.receipt.is_some());
}

#[test]
fn an_unknown_status_still_reads_as_a_sentence() {
    let view = StatusView::of(&session("refunded", "ETH", DUE, "0", DUE), false);
    assert_eq!(view.headline, "Checking your payment");
}

#[test]
fn polling_stops_once_the_money_is_settled() {
    for status in ["open", "pending", "expired", "underpaid", "something_new"] {
        assert!(keeps_polling(status), "{status}");
    }
    for status in ["paid", "overpaid", "paid_late", "canceled"] {
        assert!(!keeps_polling(status), "{status}");
    }
}
