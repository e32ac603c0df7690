//! Pricing a new session and rendering it: amounts digit for digit, the redirect withheld.

use shared::money::FiatAmount;

use super::*;

fn order(asset: Asset, amount: &str) -> SessionOrder {
    SessionOrder {
        asset,
        fiat: FiatAmount::parse(amount, Currency::Usd).unwrap(),
    }
}

fn rate(asset: Asset, price: &str) -> Rate {
    Rate::parse(asset, Currency::Usd, price).unwrap()
}

fn anvil(tolerance_bps: u32) -> ChainConfig {
    ChainConfig {
        chain: Chain::Anvil,
        rpc_url: Some("http://127.0.0.1:8545".into()),
        confirmations: 2,
        tolerance_bps,
    }
}

fn opened(asset: Asset, price: &str, token: Option<&str>) -> SessionRow {
    let rate = rate(asset, price);
    let chain = anvil(0);
    SessionRow::open(Opening {
        id: "cs_0123".into(),
        merchant_id: "mer_1",
        link_id: "pl_1",
        livemode: false,
        order: order(asset, "12.50"),
        rate: &rate,
        chain: &chain,
        token_address: token.map(str::to_owned),
        deposit_index: 7,
        deposit_address: "0x70997970C51812dc3A010C7d01b50e0d73dc79C8".into(),
        success_url: Some("https://shop.example/thanks".into()),
        quote_lock_secs: 900,
        timing: Timing {
            grace_secs: 60,
            watch_secs: 86_400,
        },
        now: 1_000,
    })
    .unwrap()
}

#[test]
fn ether_due_is_the_fiat_over_the_rate_rounded_up_to_the_wei() {
    let (due, accept) =
        amount_due(&order(Asset::Eth, "12.50"), &rate(Asset::Eth, "3000"), 0).unwrap();
    // 12.50 / 3000 = 0.0041666… ETH: the last wei rounds up.
    assert_eq!(due.to_base_units_string(), "4166666666666667");
    assert_eq!(accept, 4_166_666_666_666_667);
}

#[test]
fn usdc_due_is_exact_at_a_rate_of_one() {
    let (due, _) = amount_due(&order(Asset::Usdc, "12.50"), &rate(Asset::Usdc, "1"), 0).unwrap();
    assert_eq!(due.to_base_units_string(), "12500000");
    let (due, _) = amount_due(&order(Asset::Usdc, "10"), &rate(Asset::Usdc, "0.9999"), 0).unwrap();
    assert_eq!(due.to_base_units_string(), "10001001");
}

#[test]
fn the_tolerance_forgives_at_most_its_share_rounded_down() {
    let (_, accept) = amount_due(&order(Asset::Usdc, "100"), &rate(Asset::Usdc, "1"), 10).unwrap();
    assert_eq!(accept, 100_000_000 - 100_000);
    let (_, accept) =
        amount_due(&order(Asset::Usdc, "0.01"), &rate(Asset::Usdc, "1"), 100).unwrap();
    assert_eq!(accept, 9_900);
}

#[test]
fn a_new_session_is_open_with_its_quote_locked_and_watched_a_day_past_expiry() {
    let row = opened(Asset::Eth, "3000", None);
    assert_eq!(row.status, "open");
    assert_eq!((row.expires_at, row.watch_until), (1_900, 1_900 + 86_400));
    assert_eq!(
        (row.amount.as_str(), row.currency.as_str()),
        ("12.50", "USD")
    );
    assert_eq!(row.rate, "3000");
    assert_eq!(row.amount_received, "0");
}

#[test]
fn the_merchant_view_carries_the_quote_and_an_eip681_uri() {
    let session = opened(Asset::Eth, "3000", None).into_checkout().unwrap();
    assert_eq!(session.object, "checkout_session");
    assert_eq!(session.payment_link, "pl_1");
    assert_eq!(session.quote.amount_due_decimal, "0.004166666666666667");
    assert_eq!(session.quote.chain_id, 31337);
    assert_eq!(
        session.quote.payment_uri,
        "ethereum:0x70997970C51812dc3A010C7d01b50e0d73dc79C8@31337?value=4166666666666667"
    );
    assert_eq!(session.amount_remaining, "4166666666666667");
}

#[test]
fn a_token_session_pays_through_its_contract() {
    let token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    let session = opened(Asset::Usdc, "1", Some(token))
        .into_checkout()
        .unwrap();
    assert_eq!(session.quote.decimals, 6);
    assert_eq!(
        session.quote.payment_uri,
        format!(
            "ethereum:{token}@31337/transfer?address=0x70997970C51812dc3A010C7d01b50e0d73dc79C8&uint256=12500000"
        )
    );
}

#[test]
fn the_customer_sees_the_redirect_only_once_paid() {
    let open = opened(Asset::Eth, "3000", None);
    assert_eq!(open.clone().into_public(2).unwrap().success_url, None);
    let paid = SessionRow {
        status: "paid".into(),
        ..open
    };
    let public = paid.into_public(2).unwrap();
    assert_eq!(
        public.success_url.as_deref(),
        Some("https://shop.example/thanks")
    );
    assert_eq!(public.confirmations_required, 2);
}

#[test]
fn a_corrupt_row_is_an_error_not_a_panic() {
    let row = SessionRow {
        amount_due: "12.5".into(),
        ..opened(Asset::Eth, "3000", None)
    };
    assert!(row.into_checkout().is_err());
    let row = SessionRow {
        status: "done".into(),
        ..opened(Asset::Eth, "3000", None)
    };
    assert!(row.status().is_err());
}
