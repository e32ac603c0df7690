//! Credits: what arrived stays counted whatever leaves; a reorg that takes a transaction or
//! a log takes its credit; a balance nothing explains is a credit without a hash.

use super::*;

fn hash(c: char) -> String {
    format!("0x{}", c.to_string().repeat(64))
}

fn sent(c: char, value: u128, block: u64) -> ValueTransfer {
    ValueTransfer {
        tx_hash: hash(c),
        to: "0x1111111111111111111111111111111111111111".into(),
        value,
        block_number: block,
    }
}

fn mined(block: u64) -> Option<Receipt> {
    Some(Receipt {
        block_number: block,
        success: true,
    })
}

fn check<'a>(
    scanned: Vec<&'a ValueTransfer>,
    receipts: Vec<(String, Option<Receipt>)>,
    balance: u128,
    at: u64,
) -> NativeCheck<'a> {
    NativeCheck {
        scanned,
        receipts,
        balance,
        at,
    }
}

fn amounts(c: &Credits) -> Vec<(Option<String>, u128)> {
    c.payments
        .iter()
        .map(|p| (p.tx_hash.clone(), units(p)))
        .collect()
}

#[test]
fn a_scanned_transfer_is_seen_at_once_and_confirmed_when_the_balance_shows_it_deep_enough() {
    let pay = sent('a', 500, 10);
    let pending = native(
        Vec::new(),
        0,
        &check(vec![&pay], vec![(hash('a'), mined(10))], 0, 9),
    );
    assert_eq!(
        (pending.seen, pending.confirmed, pending.moved_out),
        (500, 0, 0)
    );
    assert_eq!(amounts(&pending), [(Some(hash('a')), 500)]);
    let paid = native(
        pending.payments,
        0,
        &check(vec![], vec![(hash('a'), mined(10))], 500, 10),
    );
    assert_eq!((paid.seen, paid.confirmed, paid.moved_out), (500, 500, 0));
}

#[test]
fn a_sweep_moves_money_out_and_changes_nothing_that_arrived_and_a_late_payment_adds_up() {
    let pay = sent('a', 500, 10);
    let paid = native(Vec::new(), 0, &check(vec![&pay], vec![], 500, 12));
    let swept = native(
        paid.payments.clone(),
        paid.moved_out,
        &check(vec![], vec![], 0, 20),
    );
    assert_eq!(
        (swept.seen, swept.confirmed, swept.moved_out),
        (500, 500, 500)
    );
    assert_eq!(swept.payments, paid.payments);
    let late = sent('b', 70, 30);
    let again = native(
        swept.payments,
        swept.moved_out,
        &check(vec![&late], vec![(hash('b'), mined(30))], 70, 31),
    );
    assert_eq!(
        (again.seen, again.confirmed, again.moved_out),
        (570, 570, 500)
    );
    // Swept again: still 570 arrived.
    let twice = native(
        again.payments,
        again.moved_out,
        &check(vec![], vec![(hash('b'), mined(30))], 0, 40),
    );
    assert_eq!((twice.seen, twice.moved_out), (570, 570));
}

#[test]
fn a_reorg_that_drops_the_transaction_drops_its_credit_even_after_a_sweep() {
    let pay = sent('a', 500, 10);
    let paid = native(Vec::new(), 0, &check(vec![&pay], vec![], 500, 12));
    let swept = native(paid.payments, 0, &check(vec![], vec![], 0, 14));
    assert_eq!(swept.moved_out, 500);
    // The chain forgets the payment (and with it the sweep): nothing arrived, nothing left.
    let gone = native(
        swept.payments,
        swept.moved_out,
        &check(vec![], vec![(hash('a'), None)], 0, 15),
    );
    assert_eq!((gone.seen, gone.confirmed, gone.moved_out), (0, 0, 0));
    assert!(gone.payments.is_empty());
}

#[test]
fn a_reverted_transaction_brings_nothing_and_a_remined_one_moves_block() {
    let pay = sent('a', 500, 10);
    let reverted = Some(Receipt {
        block_number: 10,
        success: false,
    });
    let none = native(
        Vec::new(),
        0,
        &check(vec![&pay], vec![(hash('a'), reverted)], 0, 12),
    );
    assert_eq!((none.seen, none.moved_out), (0, 0));
    let moved = native(
        Vec::new(),
        0,
        &check(vec![&pay], vec![(hash('a'), mined(13))], 0, 12),
    );
    assert_eq!(
        (moved.seen, moved.confirmed),
        (500, 0),
        "re-mined above the reference block"
    );
    assert_eq!(moved.payments[0].block_number, Some(13));
}

#[test]
fn a_balance_nothing_explains_is_a_credit_without_a_hash_taken_only_from_confirmed_state() {
    // A smart-contract wallet paid by an internal call: no transaction to the address.
    let by_contract = native(Vec::new(), 0, &check(vec![], vec![], 300, 20));
    assert_eq!(amounts(&by_contract), [(None, 300)]);
    assert_eq!((by_contract.seen, by_contract.confirmed), (300, 300));
    // Checked again with the same balance: nothing new.
    let again = native(
        by_contract.payments.clone(),
        0,
        &check(vec![], vec![], 300, 21),
    );
    assert_eq!(again.payments, by_contract.payments);
    // Then moved out by the merchant's own wallet: still 300 arrived.
    let out = native(again.payments, 0, &check(vec![], vec![], 0, 22));
    assert_eq!((out.seen, out.moved_out), (300, 300));
}

#[test]
fn a_payment_the_scan_missed_is_counted_by_balance_once() {
    let first = native(Vec::new(), 0, &check(vec![], vec![], 400, 20));
    let second = native(first.payments.clone(), 0, &check(vec![], vec![], 400, 30));
    assert_eq!(second.seen, 400);
    assert_eq!(second.payments.len(), 1);
}

#[test]
fn receipts_are_asked_for_recent_payments_and_new_transfers_once() {
    let previous = vec![
        StoredPayment {
            tx_hash: Some(hash('a')),
            amount: "1".into(),
            block_number: Some(100),
        },
        StoredPayment {
            tx_hash: Some(hash('b')),
            amount: "1".into(),
            block_number: Some(10),
        },
        StoredPayment {
            tx_hash: None,
            amount: "1".into(),
            block_number: Some(100),
        },
    ];
    let again = sent('a', 1, 100);
    let new = sent('c', 1, 101);
    assert_eq!(
        receipts_wanted(&previous, &[&again, &new, &new], 110),
        [hash('a'), hash('c')]
    );
}

fn log(c: char, amount: u128, block: u64) -> TransferLog {
    TransferLog {
        tx_hash: hash(c),
        block_number: block,
        log_index: 0,
        from: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266".into(),
        to: "0x1111111111111111111111111111111111111111".into(),
        amount,
        removed: false,
    }
}

#[test]
fn token_credits_are_logs_kept_before_the_window_and_replaced_within_it() {
    let first = token(Vec::new(), &[log('a', 5, 3)], 0, 3, 0);
    assert_eq!((first.seen, first.confirmed), (5, 5));
    // A later window from block 4 keeps block 3's log whatever the balance: a sweep of the
    // tokens is a Transfer *from* the address, which is no credit.
    let later = token(first.payments.clone(), &[log('b', 7, 9)], 4, 8, 0);
    assert_eq!((later.seen, later.confirmed), (12, 5));
    // A reorg inside the window took block 9's log.
    let reorged = token(later.payments, &[], 4, 9, 0);
    assert_eq!(reorged.payments, first.payments);
}
