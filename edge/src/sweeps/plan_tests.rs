//! Sweep plans: totals, one payout per transaction, batches under the gas budget, and the
//! calldata of each.

use super::*;

const PAYOUT: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const OTHER: &str = "0x70997970c51812dc3a010c7d01b50e0d73dc79c8";
const USDC: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

fn holding(i: u32, payout: &str, eth: u128, usdc: u128) -> Holding {
    let quote = format!("qt_{i:024x}");
    let payout = EvmAddress::parse(payout).unwrap();
    let salt = Salt::for_quote(&quote);
    let factory = shared::payout::CANONICAL_FACTORY;
    let token = EvmAddress::parse(USDC).unwrap();
    let mut balances = Vec::new();
    if eth > 0 {
        balances.push((Asset::Eth, None, eth));
    }
    if usdc > 0 {
        balances.push((Asset::Usdc, Some(token), usdc));
    }
    Holding {
        chain: Chain::Anvil,
        quote,
        session: format!("cs_{i}"),
        deposit_address: shared::payout::deposit_address(factory, payout, salt),
        payout,
        factory,
        salt,
        balances,
    }
}

#[test]
fn totals_add_up_per_chain_and_asset() {
    let all = [
        holding(1, PAYOUT, 5, 0),
        holding(2, PAYOUT, 7, 3),
        holding(3, OTHER, 0, 4),
    ];
    let totals = totals(&all);
    let view: Vec<(&str, &str, u32)> = totals
        .iter()
        .map(|t| (t.asset.as_str(), t.total.as_str(), t.addresses))
        .collect();
    assert_eq!(view, [("ETH", "12", 2), ("USDC", "7", 2)]);
    assert_eq!(totals[1].token_address.as_deref(), Some(USDC));
}

#[test]
fn one_payout_per_transaction_and_only_the_tokens_its_addresses_hold() {
    let all = [
        holding(1, PAYOUT, 5, 0),
        holding(2, OTHER, 0, 4),
        holding(3, PAYOUT, 9, 0),
    ];
    let txs = transactions(&all);
    assert_eq!(txs.len(), 2);
    assert_eq!(txs[0].payout_address, PAYOUT);
    assert_eq!(txs[0].deposit_addresses.len(), 2);
    assert!(txs[0].tokens.is_empty());
    assert_eq!(txs[1].tokens, [USDC]);
    assert_eq!(txs[0].to, shared::payout::CANONICAL_FACTORY.to_string());
    let salts = [all[0].salt, all[2].salt];
    let expected = hex(&deploy_and_flush(all[0].payout, &salts, &[]));
    assert_eq!(txs[0].data, expected);
    assert_eq!(txs[0].chain_id, 31337);
}

#[test]
fn batches_stay_under_the_gas_budget_and_an_address_holding_nothing_is_left_out() {
    let many: Vec<Holding> = (0..250).map(|i| holding(i, PAYOUT, 1, 1)).collect();
    let txs = transactions(&many);
    let each = per_transaction(1);
    assert_eq!(each, 79);
    assert_eq!(txs.len(), 250_usize.div_ceil(each));
    for tx in &txs {
        assert!(
            tx.gas.parse::<u64>().unwrap() <= TX_GAS_BUDGET,
            "{}",
            tx.gas
        );
    }
    assert!(transactions(&[holding(1, PAYOUT, 0, 0)]).is_empty());
}

#[test]
fn a_row_with_a_stored_form_that_does_not_parse_is_an_error() {
    let row = SweepRow {
        id: "qt_1".into(),
        session_id: "cs_1".into(),
        chain: "anvil".into(),
        deposit_address: PAYOUT.into(),
        payout_address: PAYOUT.into(),
        factory_address: PAYOUT.into(),
        salt: "0x12".into(),
    };
    assert!(Holding::of(&row, Vec::new()).is_err());
    let good = SweepRow {
        salt: Salt::for_quote("qt_1").to_string(),
        ..row
    };
    assert!(
        Holding::of(&good, vec![(Asset::Eth, None, 0)])
            .unwrap()
            .balances
            .is_empty()
    );
}
