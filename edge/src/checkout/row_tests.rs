//! Pricing a quote and rendering a session with its quotes: amounts digit for digit, the
//! redirect withheld until paid, the way back while open or after an unpaid end.

use shared::money::{Asset, Currency, FiatAmount, Rate};

use super::*;
use crate::checkout::quote_row::{Derivation, Pricing, amount_due};
use crate::ops::config::ChainConfig;

fn usd(amount: &str) -> FiatAmount {
    FiatAmount::parse(amount, Currency::Usd).unwrap()
}

fn rate(asset: Asset, price: &str) -> Rate {
    Rate::parse(asset, Currency::Usd, price).unwrap()
}

fn anvil() -> ChainConfig {
    ChainConfig {
        chain: Chain::Anvil,
        rpc_url: Some("http://127.0.0.1:8545".into()),
        confirmations: 2,
        tolerance_bps: 0,
        factory: shared::payout::CANONICAL_FACTORY,
    }
}

fn quote(asset: Asset, price: &str, token: Option<&str>) -> QuoteRow {
    let rate = rate(asset, price);
    QuoteRow::price(Pricing {
        id: "qt_1".into(),
        session_id: "cs_0123",
        merchant_id: "mer_1",
        livemode: false,
        asset,
        fiat: usd("12.50"),
        rate: &rate,
        chain: &anvil(),
        token_address: token.map(str::to_owned),
        derivation: Derivation::Index(7),
        deposit_address: "0x70997970C51812dc3A010C7d01b50e0d73dc79C8".into(),
        expires_at: 1_900,
        now: 1_000,
        quantity: 1,
    })
    .unwrap()
}

fn session(quotes: Vec<QuoteRow>) -> Session {
    let row = SessionRow::open(Opening {
        id: "cs_0123".into(),
        merchant_id: "mer_1".into(),
        link_id: Some("pl_1".into()),
        livemode: false,
        fiat: usd("12.50"),
        assets: vec![Asset::Eth, Asset::Usdc],
        chain: Chain::Anvil,
        origin: "https://pay.example".into(),
        title: Some("Beans".into()),
        description: None,
        client_reference_id: Some("A-1001".into()),
        metadata: r#"{"cart":"c_7"}"#.into(),
        success_url: Some("https://shop.example/thanks".into()),
        cancel_url: Some("https://shop.example/cart".into()),
        expires_at: 87_400,
        timing: Timing {
            grace_secs: 60,
            watch_secs: 86_400,
        },
        now: 1_000,
        form: shared::payer::PayerForm::default(),
        unit: usd("12.50"),
        payer: shared::payer::Payer {
            customer: shared::payer::Customer {
                email: Some("ada@example.com".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    });
    Session { row, quotes }
}

#[test]
fn ether_due_is_the_fiat_over_the_rate_rounded_up_to_the_wei() {
    let (due, accept) = amount_due(usd("12.50"), Asset::Eth, &rate(Asset::Eth, "3000"), 0).unwrap();
    // 12.50 / 3000 = 0.0041666… ETH: the last wei rounds up.
    assert_eq!(due.to_base_units_string(), "4166666666666667");
    assert_eq!(accept, 4_166_666_666_666_667);
}

#[test]
fn usdc_due_is_exact_at_a_rate_of_one() {
    let (due, _) = amount_due(usd("12.50"), Asset::Usdc, &rate(Asset::Usdc, "1"), 0).unwrap();
    assert_eq!(due.to_base_units_string(), "12500000");
    let (due, _) = amount_due(usd("10"), Asset::Usdc, &rate(Asset::Usdc, "0.9999"), 0).unwrap();
    assert_eq!(due.to_base_units_string(), "10001001");
}

#[test]
fn the_tolerance_forgives_at_most_its_share_rounded_down() {
    let (_, accept) = amount_due(usd("100"), Asset::Usdc, &rate(Asset::Usdc, "1"), 10).unwrap();
    assert_eq!(accept, 100_000_000 - 100_000);
    let (_, accept) = amount_due(usd("0.01"), Asset::Usdc, &rate(Asset::Usdc, "1"), 100).unwrap();
    assert_eq!(accept, 9_900);
}

#[test]
fn a_new_session_is_open_without_a_quote_and_watched_a_day_past_its_expiry() {
    let s = session(Vec::new());
    assert_eq!(s.row.status, "open");
    assert_eq!(s.row.url, "https://pay.example/c/cs_0123");
    assert_eq!(
        (s.row.expires_at, s.row.watch_until),
        (87_400, 87_400 + 86_400)
    );
    let view = s.into_checkout().unwrap();
    assert_eq!((view.quote, view.quotes.len()), (None, 0));
    assert_eq!(
        (
            view.amount_received.as_str(),
            view.amount_remaining.as_str()
        ),
        ("0", "0")
    );
    assert_eq!(view.assets, ["ETH", "USDC"]);
    assert_eq!(view.client_reference_id.as_deref(), Some("A-1001"));
    assert_eq!(view.metadata.get("cart").map(String::as_str), Some("c_7"));
}

#[test]
fn the_merchant_view_carries_the_current_quote_every_quote_and_an_eip681_uri() {
    let first = quote(
        Asset::Usdc,
        "1",
        Some("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
    );
    let second = QuoteRow {
        id: "qt_2".into(),
        ..quote(Asset::Eth, "3000", None)
    };
    let view = session(vec![first, second]).into_checkout().unwrap();
    let current = view.quote.unwrap();
    assert_eq!(current.id, "qt_2", "the newest, as none paid");
    assert_eq!(current.amount_due_decimal, "0.004166666666666667");
    assert_eq!(
        current.payment_uri,
        "ethereum:0x70997970C51812dc3A010C7d01b50e0d73dc79C8@31337?value=4166666666666667"
    );
    assert_eq!(view.quotes.len(), 2);
    assert_eq!(view.quotes[0].quote.decimals, 6);
    assert_eq!(view.quotes[0].status, "open");
    assert_eq!(view.amount_remaining, "4166666666666667");
}

#[test]
fn the_customer_sees_the_redirect_only_once_paid_and_the_way_back_only_while_unpaid() {
    let open = session(vec![quote(Asset::Eth, "3000", None)]);
    let public = open
        .clone()
        .into_public("Bean Shop".into(), Some("beans".into()), 2)
        .unwrap();
    assert_eq!(public.success_url, None);
    assert_eq!(
        public.cancel_url.as_deref(),
        Some("https://shop.example/cart")
    );
    assert_eq!(
        (public.merchant_name.as_str(), public.chain_name.as_str()),
        ("Bean Shop", "Local test chain")
    );
    let with = |status: &str| {
        let mut s = open.clone();
        s.row.status = status.into();
        s.into_public("Bean Shop".into(), None, 2).unwrap()
    };
    let paid = with("paid");
    assert_eq!(
        paid.success_url.as_deref(),
        Some("https://shop.example/thanks")
    );
    assert_eq!((paid.cancel_url, paid.confirmations_required), (None, 2));
    for ended in ["expired", "underpaid", "canceled"] {
        assert!(with(ended).cancel_url.is_some(), "{ended}");
    }
    assert_eq!(with("pending").cancel_url, None);
}

#[test]
fn a_corrupt_row_is_an_error_not_a_panic() {
    let mut bad = quote(Asset::Eth, "3000", None);
    bad.amount_due = "12.5".into();
    assert!(session(vec![bad]).into_checkout().is_err());
    let mut s = session(Vec::new());
    s.row.status = "done".into();
    assert!(s.row.status().is_err());
    s.row.metadata = "[".into();
    assert!(s.into_checkout().is_err());
}
