//! The shell rewritten for a link or a checkout: words, escaping, band, way back, framing, payer form.

use super::*;
use shared::payer::{AdjustableQuantity, CollectMode, PublicAfterCompletion};

const SHELL: &str = "<!doctype html>\n<html lang=\"en\">\n<head><title>Pay with Paylink</title></head>\n<body>\n<noscript>x</noscript></body></html>";

fn link() -> PublicLink {
    PublicLink {
        object: "public_link".into(),
        slug: "house-blend".into(),
        merchant_name: "Demo Coffee Roasters".into(),
        title: "House blend, 250 g".into(),
        description: None,
        kind: "fixed".into(),
        amount: Some("12.50".into()),
        currency: "USD".into(),
        custom_amount: None,
        assets: vec!["ETH".into(), "USDC".into()],
        chain: "base-sepolia".into(),
        chain_name: "Base Sepolia".into(),
        chain_id: 84532,
        state: "payable".into(),
        inactive_message: None,
        cancel_url: None,
        livemode: true,
        form: PublicFormView::default(),
    }
}

#[test]
fn the_title_names_the_merchant_and_the_link() {
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&link())),
        false,
        &Prefill::default(),
    );
    assert!(html.contains("<title>Pay Demo Coffee Roasters — House blend, 250 g</title>"));
    assert!(!html.contains("Pay with Paylink"));
}

#[test]
fn the_description_says_what_how_much_and_on_which_network() {
    assert_eq!(
        description(Subject::Link(Some(&link()))),
        "Demo Coffee Roasters: House blend, 250 g, 12.50 USD. Pay with ETH, USDC on Base Sepolia."
    );
    let mut custom = link();
    custom.amount = None;
    assert!(description(Subject::Link(Some(&custom))).contains("an amount you choose in USD"));
}

#[test]
fn an_unknown_slug_gets_a_not_found_title() {
    let html = rewrite(SHELL, Subject::Link(None), false, &Prefill::default());
    assert!(html.contains("<title>Payment link not found — Paylink</title>"));
    assert!(html.contains(r#"<meta name="description" content="This payment link"#));
    assert!(!html.contains("test-band") && !html.contains("class=\"cancel\""));
}

#[test]
fn hostile_names_are_escaped_in_the_title_the_description_and_the_link() {
    let mut evil = link();
    evil.merchant_name = "</title><script>alert(1)</script>".into();
    evil.title = "\"><img src=x onerror=alert(1)>".into();
    evil.cancel_url = Some("https://shop.example/?a=1&b=\"><script>".into());
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&evil)),
        false,
        &Prefill::default(),
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("\"><img"), "{html}");
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;"));
    assert!(html.contains(r#"href="https://shop.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;""#));
    assert_eq!(html.matches("</title>").count(), 1);
}

#[test]
fn a_test_link_carries_the_band_and_a_live_one_does_not() {
    let mut test = link();
    test.livemode = false;
    assert!(
        rewrite(
            SHELL,
            Subject::Link(Some(&test)),
            false,
            &Prefill::default()
        )
        .contains("<body><p class=\"test-band\">Test payment — no real money</p>")
    );
    let live = rewrite(
        SHELL,
        Subject::Link(Some(&link())),
        false,
        &Prefill::default(),
    );
    assert!(
        !live.contains("test-band") && !live.contains("<style>"),
        "{live}"
    );
}

#[test]
fn the_way_back_is_offered_only_for_a_web_cancel_url() {
    let mut with = link();
    with.cancel_url = Some("https://shop.example/cart".into());
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&with)),
        false,
        &Prefill::default(),
    );
    assert!(html.contains(r#"<a class="button" href="https://shop.example/cart">"#));
    // One flex item inside the button, so the space before "to" is kept.
    assert!(html.contains("<span><span class=\"cancel-open\">Cancel and return</span><span class=\"cancel-ended\">Return</span> to Demo Coffee Roasters</span></a>"));
    with.cancel_url = Some("javascript:alert(1)".into());
    assert!(
        !rewrite(
            SHELL,
            Subject::Link(Some(&with)),
            false,
            &Prefill::default()
        )
        .contains("class=\"cancel\"")
    );
    assert!(
        !rewrite(
            SHELL,
            Subject::Link(Some(&link())),
            false,
            &Prefill::default()
        )
        .contains("class=\"cancel\"")
    );
}

#[test]
fn framed_the_root_is_marked_escape_is_relayed_and_the_way_back_leaves_the_frame() {
    let mut with = link();
    with.cancel_url = Some("https://shop.example/cart".into());
    let html = rewrite(SHELL, Subject::Link(Some(&with)), true, &Prefill::default());
    assert!(html.contains(r#"<html class="embed" lang="en">"#));
    assert!(html.contains("paylink:close"));
    assert!(html.contains(r#"href="https://shop.example/cart" target="_top""#));
    let plain = rewrite(
        SHELL,
        Subject::Link(Some(&with)),
        false,
        &Prefill::default(),
    );
    assert!(!plain.contains("class=\"embed\"") && !plain.contains("paylink:close"));
    assert!(!plain.contains("_top"));
}

#[test]
fn only_embed_1_asks_for_the_framed_look() {
    let query = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    };
    assert!(is_embed(&query(&[
        ("parent", "https://shop.example"),
        ("embed", "1")
    ])));
    assert!(!is_embed(&query(&[("embed", "0")])));
    assert!(!is_embed(&query(&[("noembed", "1")])));
    assert!(!is_embed(&[]));
}

#[test]
fn a_shell_without_markers_is_returned_as_it_is() {
    assert_eq!(
        rewrite(
            "<p>plain</p>",
            Subject::Link(Some(&link())),
            false,
            &Prefill::default()
        ),
        "<p>plain</p>"
    );
}

fn collecting() -> PublicLink {
    let mut link = link();
    link.kind = "fixed".into();
    link.amount = Some("9.99".into());
    link.currency = "EUR".into();
    link.form.collect.email = CollectMode::Required;
    link.form.adjustable_quantity = AdjustableQuantity {
        enabled: true,
        minimum: 1,
        maximum: 5,
    };
    link
}

#[test]
fn a_link_that_collects_carries_its_fields_script_and_styles() {
    let prefill = Prefill {
        email: Some("ada@example.com".into()),
        quantity: Some(3),
        ..Prefill::default()
    };
    let html = rewrite(SHELL, Subject::Link(Some(&collecting())), false, &prefill);
    assert!(
        html.contains(r#"<script src="/payer.js" defer></script></head>"#),
        "{html}"
    );
    assert!(html.contains("<style>.payer{"));
    assert!(html.contains(r#"<body><template id="paylink-payer">"#));
    assert!(html.contains(r#"value="ada@example.com""#));
    assert!(html.contains("3 × EUR 9.99 = EUR 29.97"));
    assert!(description(Subject::Link(Some(&collecting()))).contains("9.99 EUR each."));
}

#[test]
fn a_link_that_collects_nothing_gets_no_script_and_no_template() {
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&link())),
        false,
        &Prefill::default(),
    );
    assert!(
        !html.contains("payer") && !html.contains("<template"),
        "{html}"
    );
}

#[test]
fn a_link_that_cannot_be_paid_shows_no_fields() {
    let mut closed = collecting();
    closed.state = "inactive".into();
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&closed)),
        false,
        &Prefill::default(),
    );
    assert!(!html.contains("payer"), "{html}");
}

#[test]
fn framed_the_fields_come_too() {
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&collecting())),
        true,
        &Prefill::default(),
    );
    assert!(html.contains(r#"<html class="embed" lang="en">"#));
    assert!(html.contains("paylink:close"));
    assert!(html.contains(r#"<template id="paylink-payer">"#));
}

#[test]
fn donate_and_book_change_the_words_and_mark_the_root() {
    let mut donation = link();
    donation.form.submit_label = SubmitLabel::Donate;
    assert_eq!(
        title(Subject::Link(Some(&donation))),
        "Donate to Demo Coffee Roasters — House blend, 250 g"
    );
    assert!(
        description(Subject::Link(Some(&donation)))
            .ends_with("Donate with ETH, USDC on Base Sepolia.")
    );
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&donation)),
        true,
        &Prefill::default(),
    );
    assert!(
        html.contains(r#"<html class="embed" data-submit="donate" lang="en">"#),
        "{html}"
    );
    let mut booking = link();
    booking.form.submit_label = SubmitLabel::Book;
    assert!(title(Subject::Link(Some(&booking))).starts_with("Book with Demo Coffee Roasters"));
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&booking)),
        false,
        &Prefill::default(),
    );
    assert!(html.contains(r#"<html data-submit="book" lang="en">"#));
    assert!(
        !rewrite(
            SHELL,
            Subject::Link(Some(&link())),
            false,
            &Prefill::default()
        )
        .contains("data-submit")
    );
}

#[test]
fn the_merchants_message_is_in_the_page_for_the_paid_status() {
    let mut thanks = link();
    thanks.form.after_completion = Some(PublicAfterCompletion::Message {
        message: "We roast on Mondays.".into(),
    });
    let html = rewrite(
        SHELL,
        Subject::Link(Some(&thanks)),
        false,
        &Prefill::default(),
    );
    assert!(html.contains(r#"<section class="after-paid" aria-labelledby="after-paid-from"><p class="merchant" id="after-paid-from">A message from Demo Coffee Roasters</p><p>We roast on Mondays.</p></section>"#));
    assert!(html.contains("body:has(.status-done) .after-paid{display:block}"));
    assert!(!html.contains("payer.js"));
}

#[test]
fn a_quantity_is_priced_from_a_fixed_links_amount_only() {
    assert_eq!(
        Subject::Link(Some(&collecting())).unit_price(),
        FiatAmount::parse("9.99", Currency::Eur).ok()
    );
    let mut custom = collecting();
    custom.kind = "custom".into();
    custom.amount = None;
    assert_eq!(Subject::Link(Some(&custom)).unit_price(), None);
}
