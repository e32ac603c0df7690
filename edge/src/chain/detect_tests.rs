//! Detection against answers recorded from anvil: the calls planned, the readings, payments
//! added up and trimmed by reorgs, and statuses judged.

use shared::chain::Chain;
use shared::money::{Currency, FiatAmount, Rate};

use super::*;
use crate::chain::rpc::parse_batch;
use crate::chain::rpc::recorded::{BATCH, TOKEN};
use crate::checkout::quote_row::Pricing;
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
        deposit_index: 0,
        deposit_address: address.into(),
        expires_at: 1_900,
        now: 1_000,
    })
    .unwrap()
}

#[test]
fn the_head_counts_as_the_first_confirmation() {
    assert_eq!(confirmed_block(10, 1), 10);
    assert_eq!(confirmed_block(10, 2), 9);
    assert_eq!(confirmed_block(1, 12), 0);
}

#[test]
fn a_chunk_costs_two_calls_per_session_and_one_log_query_per_token() {
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
    let plan = plan(&[&eth, &usdc_a, &usdc_b], 1_000, 3).unwrap();
    assert_eq!(plan.batch.len(), 1 + 3 * 2);
    assert_eq!(plan.slots[0].logs, None);
    assert_eq!(plan.slots[1].logs, plan.slots[2].logs);
    assert_eq!(plan.slots[1].window_from, 1_000 - FIRST_WINDOW);
    let body: Value = serde_json::from_str(&plan.batch.to_json()).unwrap();
    assert_eq!(body[0]["method"], "eth_getLogs");
    assert_eq!(body[1]["method"], "eth_getBalance");
    assert_eq!(body[1]["params"][1], "0x3e8");
    assert_eq!(body[2]["params"][1], "0x3e6", "confirmed = head - (3 - 1)");
    assert_eq!(body[3]["method"], "eth_call");
}

#[test]
fn a_checked_session_looks_back_only_the_reorg_window() {
    let mut row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    row.checked_block = Some(900);
    let plan = plan(&[&row], 1_000, 2).unwrap();
    assert_eq!(plan.slots[0].window_from, 900 - REORG_WINDOW);
}

#[test]
fn a_token_reading_takes_the_balances_and_only_its_own_transfers() {
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    let slot = Slot {
        seen: 2,
        confirmed: 2,
        logs: Some(3),
        window_from: 0,
    };
    let reading = read(&row, &slot, &answers).unwrap();
    assert_eq!((reading.seen, reading.confirmed), (12_345_678, 12_345_678));
    assert_eq!(
        reading.transfers.len(),
        1,
        "the transfer to 0x2222… is not ours"
    );
    assert_eq!(reading.transfers[0].amount, 12_345_678);
}

#[test]
fn a_failed_call_fails_the_reading_instead_of_reading_zero() {
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Eth, None, HOLDER);
    let slot = Slot {
        seen: 1,
        confirmed: 6,
        logs: None,
        window_from: 0,
    };
    assert!(read(&row, &slot, &answers).is_err());
}

pub(crate) fn reading(seen: u128, confirmed: u128) -> Reading {
    Reading {
        seen,
        confirmed,
        transfers: Vec::new(),
    }
}

fn paid(amount: u128, block: u64) -> StoredPayment {
    StoredPayment {
        tx_hash: None,
        amount: amount.to_string(),
        block_number: Some(block),
    }
}

#[test]
fn native_payments_are_balance_increases_and_reorgs_trim_the_newest() {
    let one = payments(Vec::new(), &reading(400, 0), true, 10, 0);
    assert_eq!(one, [paid(400, 10)]);
    let two = payments(one, &reading(1_000, 400), true, 12, 0);
    assert_eq!(two, [paid(400, 10), paid(600, 12)]);
    let reorged = payments(two.clone(), &reading(400, 400), true, 13, 0);
    assert_eq!(reorged, [paid(400, 10)]);
    assert_eq!(
        payments(two.clone(), &reading(1_000, 1_000), true, 14, 0),
        two
    );
}

#[test]
fn token_payments_come_from_logs_within_the_window() {
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    let slot = Slot {
        seen: 2,
        confirmed: 2,
        logs: Some(3),
        window_from: 3,
    };
    let fresh = read(&row, &slot, &answers).unwrap();
    let older = StoredPayment {
        tx_hash: Some("0xold".into()),
        amount: "5".into(),
        block_number: Some(1),
    };
    let moved = StoredPayment {
        tx_hash: Some("0xreorged".into()),
        amount: "7".into(),
        block_number: Some(3),
    };
    let list = payments(vec![older.clone(), moved], &fresh, false, 4, 3);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0], older);
    assert_eq!(list[1].amount, "12345678");
    assert_eq!(list[1].block_number, Some(3));
    assert!(list[1].tx_hash.as_deref().unwrap().starts_with("0xa489"));
}

#[test]
fn a_token_younger_than_the_confirmation_depth_holds_nothing_there() {
    // Answer 3 is the holder's balance at the head; answer 5 is a call to an address without
    // code (`0x`), as a token deployed after the confirmed block answers there.
    let answers = parse_batch(BATCH, 9).unwrap();
    let row = session(Asset::Usdc, Some(TOKEN), HOLDER);
    let young = Slot {
        seen: 2,
        confirmed: 4,
        logs: None,
        window_from: 0,
    };
    let reading = read(&row, &young, &answers).unwrap();
    assert_eq!((reading.seen, reading.confirmed), (12_345_678, 0));
    let missing = Slot {
        seen: 4,
        confirmed: 2,
        logs: None,
        window_from: 0,
    };
    assert_eq!(read(&row, &missing, &answers), Err(RpcError::NoContract));
}
