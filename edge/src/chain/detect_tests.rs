//! Detection against answers recorded from anvil: the calls planned, the readings, payments
//! added up and trimmed by reorgs, and statuses judged.

use shared::chain::Chain;
use shared::money::{Currency, FiatAmount, Rate};

use super::*;
use crate::chain::rpc::ValueTransfer;
use crate::chain::rpc::parse_batch;
use crate::chain::rpc::recorded::{BATCH, TOKEN};
use crate::checkout::quote_row::{Derivation, Pricing, StoredPayment};
use crate::ops::config::ChainConfig;
use shared::money::Asset;

const HOLDER: &str = "0x1111111111111111111111111111111111111111";

/// A quote of USD 12.34 priced on anvil, as `checkout::quoting` makes one.
pub(crate) fn session(asset: Asset, token: Option<&str>, address: &str) -> QuoteRow {
    let rate = Rate::parse(
        asset,
        Currency::Usd,
        if asset == Asset::Eth { "3000" } else { "1" },
    )
    .unwrap();
    let chain = ChainConfig {
        chain: Chain::Anvil,
        rpc_url: None,
        confirmations: 2,
        tolerance_bps: 0,
        factory: shared::payout::CANONICAL_FACTORY,
    };
    QuoteRow::price(Pricing {
        id: "qt_1".into(),
        session_id: "cs_1",
        merchant_id: "mer_1",
        livemode: false,
        asset,
        fiat: FiatAmount::parse("12.34", Currency::Usd).unwrap(),
        rate: &rate,
        chain: &chain,
        token_address: token.map(str::to_owned),
        derivation: Derivation::Index(0),
        deposit_address: address.into(),
        expires_at: 1_900,
        now: 1_000,
        quantity: 1,
    })
    .unwrap()
}

#[test]
fn the_head_counts_as_the_first_confirmation() {
    assert_eq!(confirmed_block(10, 1), 10);
    assert_eq!(confirmed_block(10, 2), 9);
    assert_eq!(confirmed_block(1, 12), 0);
}

fn scope(head: u64, confirmations: u32) -> Scope<'static> {
    Scope {
        head,
        confirmations,
        scanned_to: head,
        transfers: &[],
    }
}

#[test]
fn a_chunk_costs_one_balance_per_eth_quote_and_one_log_query_per_token() {
    let eth = session(
        Asset::Eth,
        None,
        "0x2222222222222222222222222222222222222222",
    );
    let usdc_a = session(Asset::Usdc, Some(TOKEN), HOLDER);
    let usdc_b = session(
        Asset::Usdc,
        Some(TOKEN),
        "0x3333333333333333333333333333333333333333",
    );
    let plan = plan(&[&eth, &usdc_a, &usdc_b], &scope(1_000, 3)).unwrap();
    assert_eq!(
        plan.batch.len(),
        1 + 1,
        "token quotes cost no call of their own"
    );
    assert_eq!(plan.slots[0].logs, None);
    assert_eq!(plan.slots[1].logs, plan.slots[2].logs);
    assert_eq!(plan.slots[1].window_from, 1_000 - FIRST_WINDOW);
    let body: Value = serde_json::from_str(&plan.batch.to_json()).unwrap();
    assert_eq!(body[0]["method"], "eth_getLogs");
    assert_eq!(body[1]["method"], "eth_getBalance");
    assert_eq!(body[1]["params"][1], "0x3e6", "confirmed = head - (3 - 1)");
}

#[test]
fn an_eth_quote_asks_the_receipts_of_its_recent_and_newly_scanned_payments() {
    let mut eth = session(Asset::Eth, None, HOLDER);
    let hash = |c: char| format!("0x{}", c.to_string().repeat(64));
    eth.payments = serde_json::to_string(&[
        StoredPayment {
            tx_hash: Some(hash('a')),
            amount: "1".into(),
            block_number: Some(10),
        },
        StoredPayment {
            tx_hash: Some(hash('b')),
            amount: "1".into(),
            block_number: Some(990),
        },
        StoredPayment {
            tx_hash: None,
            amount: "1".into(),
            block_number: Some(995),
        },
    ])
    .unwrap();
    let scanned = [ValueTransfer {
        tx_hash: hash('c'),
        to: HOLDER.into(),
        value: 5,
        block_number: 1_000,
    }];
    let scope = Scope {
        transfers: &scanned,
        ..scope(1_000, 2)
    };
    let plan = plan(&[&eth], &scope).unwrap();
    let asked: Vec<&str> = plan.slots[0]
        .receipts
        .iter()
        .map(|(h, _)| h.as_str())
        .collect();
    assert_eq!(
        asked,
        [hash('b'), hash('c')],
        "not the one buried past the reorg window"
    );
}

#[test]
fn a_checked_session_looks_back_only_the_reorg_window() {
    let mut row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    row.checked_block = Some(900);
    let plan = plan(&[&row], &scope(1_000, 2)).unwrap();
    assert_eq!(plan.slots[0].window_from, 900 - REORG_WINDOW);
}

#[test]
fn a_token_reading_counts_only_its_own_transfers() {
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    let slot = Slot {
        balance: None,
        receipts: Vec::new(),
        logs: Some(3),
        window_from: 0,
        at: 3,
    };
    let credits = read(&row, &slot, &answers, &scope(4, 2)).unwrap();
    assert_eq!((credits.seen, credits.confirmed), (12_345_678, 12_345_678));
    assert_eq!(
        credits.payments.len(),
        1,
        "the transfer to 0x2222… is not ours"
    );
    assert!(
        credits.payments[0]
            .tx_hash
            .as_deref()
            .unwrap()
            .starts_with("0xa489")
    );
    let shallow = read(&row, &slot, &answers, &scope(4, 3)).unwrap();
    assert_eq!(
        shallow.confirmed, 0,
        "block 3 is not 3 confirmations deep at 4"
    );
}

#[test]
fn a_failed_call_fails_the_reading_instead_of_reading_zero() {
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Eth, None, HOLDER);
    let slot = Slot {
        balance: Some(5),
        receipts: Vec::new(),
        logs: None,
        window_from: 0,
        at: 3,
    };
    assert!(read(&row, &slot, &answers, &scope(4, 2)).is_err());
}

/// Credits of `seen` wei of which `confirmed` are confirmed, as judging reads them.
pub(crate) fn reading(seen: u128, confirmed: u128) -> Credits {
    let paid = |amount: u128, block: u64| StoredPayment {
        tx_hash: None,
        amount: amount.to_string(),
        block_number: Some(block),
    };
    let mut payments = Vec::new();
    if confirmed > 0 {
        payments.push(paid(confirmed, 10));
    }
    if seen > confirmed {
        payments.push(paid(seen - confirmed, 11));
    }
    Credits {
        payments,
        seen,
        confirmed,
        moved_out: 0,
    }
}
