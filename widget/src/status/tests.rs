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
        merchant_name: "Bean Shop".into(),
        title: None,
        description: None,
        assets: vec!["ETH".into(), "USDC".into()],
        chain: "anvil".into(),
        chain_name: "Local test chain".into(),
        payment_link: Some("test-beans".into()),
        quote: Some(Quote {
            id: "qt_000000000000000000000001".into(),
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
        }),
        amount_received: received.into(),
        amount_remaining: remaining.into(),
        payments: vec![],
        confirmations_required: 2,
        success_url: None,
        cancel_url: None,
        expires_at: 0,
        livemode: false,
        unit_amount: "12.50".into(),
        form: Default::default(),
    }
}

fn payment(asset: &str, hash: Option<&str>, amount: &str, extra: bool) -> Payment {
    Payment {
        quote: "qt_000000000000000000000001".into(),
        asset: asset.into(),
        tx_hash: hash.map(Into::into),
        amount: amount.into(),
        block_number: hash.map(|_| 7),
        extra,
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
        payment("USDC", Some("0xabc"), "12500000", false),
        payment("USDC", None, "0", false),
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
    assert!(view.extras.is_empty());
}

#[test]
fn money_sent_to_an_earlier_quote_after_payment_is_shown_as_extra() {
    let mut s = session("overpaid", "ETH", DUE, DUE, "0");
    s.payments = vec![
        payment("ETH", Some("0xeth"), DUE, false),
        payment("USDC", Some("0xusdc"), "12500000", true),
    ];
    let view = StatusView::of(&s, false);
    assert_eq!(view.extras, vec!["12.5 USDC".to_owned()]);
    // The quote that paid was paid exactly: no "0 ETH more than the amount due".
    assert!(!view.detail.contains("more than"), "{}", view.detail);
    // The receipt is of the quote that paid; the extra money is named on its own.
    assert_eq!(view.receipt.unwrap().tx_hashes, vec!["0xeth".to_owned()]);
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
    assert_eq!(expired.headline, "This checkout has expired");
    assert_eq!(
        expired.detail,
        "Nothing was received. Get a new quote to pay."
    );
    assert!(
        expired.can_requote,
        "a link's session starts over on the link"
    );
    let canceled = StatusView::of(&session("canceled", "ETH", DUE, "0", DUE), false);
    assert_eq!(canceled.headline, "This checkout was canceled");
    assert_eq!(
        canceled.detail,
        "Nothing was charged. Ask the merchant how to pay."
    );
    assert!(!canceled.can_requote);
    let late = StatusView::of(&session("paid_late", "ETH", DUE, DUE, "0"), false);
    assert_eq!(late.headline, "Payment received after the quote ended");
    assert_eq!(late.detail, "The merchant will contact you.");
    assert!(late.receipt.is_some());
}

#[test]
fn a_merchants_checkout_that_ended_points_back_to_the_merchant() {
    let mut s = session("expired", "ETH", DUE, "0", DUE);
    s.payment_link = None;
    let view = StatusView::of(&s, false);
    assert!(
        !view.can_requote,
        "only the merchant can make a new checkout"
    );
    assert_eq!(
        view.detail,
        "Nothing was received. Ask the merchant for a new checkout."
    );
    s.cancel_url = Some("https://shop.example/cart".into());
    assert_eq!(
        StatusView::of(&s, false).detail,
        "Nothing was received. Return to the merchant to start again."
    );
    s.status = "canceled".into();
    assert_eq!(
        StatusView::of(&s, false).detail,
        "Nothing was charged. Return to the merchant to start again."
    );
}

#[test]
fn a_session_without_a_quote_reads_without_amounts() {
    let mut s = session("open", "ETH", DUE, "0", "0");
    s.quote = None;
    let view = StatusView::of(&s, false);
    assert_eq!(view.headline, "Waiting for your payment");
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
