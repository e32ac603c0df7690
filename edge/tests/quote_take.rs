//! The quote's guarded index take against the real migrations: the settings read of the first
//! batch sees the next deposit index; `TAKE_AT` takes exactly that index; and the session
//! write after it applies only if the take did, so a quote that lost its index to another
//! writes nothing and a second one never reuses it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use edge::accounts::{settings_read, wallet_sql};
use edge::checkout::row::SessionRow;
use edge::checkout::statements::{after_take, claim_quote};
use edge::platform::sql::Query;
use rusqlite::{Connection, params, params_from_iter};
use support::{migrated, values};

const WALLET: &str = "0000000000000000000000000000000000000000000000000000000000000001";

fn exec(conn: &Connection, q: &Query) -> usize {
    conn.execute(&q.sql, params_from_iter(values(&q.args)))
        .unwrap_or_else(|e| panic!("{e}: {}", q.sql))
}

fn fixture() -> Connection {
    let conn = migrated();
    conn.execute_batch(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'Shop', 1);
         INSERT INTO checkout_settings (merchant_id, livemode, deposit_xpub, next_deposit_index, \
           quote_lock_secs, updated_at) VALUES ('mer_1', 0, 'xpub-a', 4, 300, 1);
         INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, amount, currency, \
           assets, chain, active, metadata, created_at, updated_at) VALUES ('pl_1', 'mer_1', 0, \
           'coffee', 'Coffee', 'fixed', '5.00', 'EUR', 'ETH', 'anvil', 1, '{}', 1, 1);
         INSERT INTO checkout_sessions (id, merchant_id, link_id, livemode, status, amount, \
           currency, assets, chain, url, expires_at, watch_until, created_at, updated_at) VALUES \
           ('cs_1', 'mer_1', 'pl_1', 0, 'open', '5.00', 'EUR', 'ETH', 'anvil', '/c/cs_1', 99, 99, 1, 1);",
    )
    .unwrap();
    conn
}

fn session(conn: &Connection) -> SessionRow {
    let json: String = conn
        .query_row(
            "SELECT json_object('id', id, 'merchant_id', merchant_id, 'link_id', link_id, \
             'livemode', livemode, 'status', status, 'amount', amount, 'currency', currency, \
             'assets', assets, 'chain', chain, 'url', url, 'title', title, 'description', \
             description, 'client_reference_id', client_reference_id, 'metadata', metadata, \
             'customer_email', customer_email, 'success_url', success_url, 'cancel_url', \
             cancel_url, 'expires_at', expires_at, 'watch_until', watch_until, 'quotes_count', \
             quotes_count, 'revision', revision, 'last_event_id', last_event_id, \
             'amount_reversed', amount_reversed, 'counted', counted, 'checked_at', checked_at, \
             'created_at', created_at, 'updated_at', updated_at, 'paid_at', paid_at, \
             'canceled_at', canceled_at, 'payer_form', payer_form, 'unit_amount', unit_amount, \
             'quantity', quantity, 'customer', customer, 'custom_fields', custom_fields, \
             'customer_data_redacted_at', customer_data_redacted_at) FROM checkout_sessions \
             WHERE id = 'cs_1'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// One quote's batch as the worker runs it: claim, take of `index`, guarded session write.
/// The changes of the take and of the session write.
fn quote_batch(conn: &mut Connection, row: &SessionRow, index: u32, token: &str) -> (usize, usize) {
    let tx = conn.transaction().unwrap();
    tx.execute(wallet_sql::CLAIM, params![0, WALLET, "mer_1", 1])
        .unwrap();
    let took = tx
        .execute(
            wallet_sql::TAKE_AT,
            params!["mer_1", 0, "xpub-a", index, WALLET],
        )
        .unwrap();
    let claimed = exec(&tx, &after_take(claim_quote(row, token, 5)));
    tx.commit().unwrap();
    (took, claimed)
}

fn next_index(conn: &Connection) -> u32 {
    conn.query_row(
        "SELECT next_deposit_index FROM checkout_settings WHERE merchant_id = 'mer_1'",
        [],
        |row| row.get(0),
    )
    .unwrap()
}

fn read(conn: &Connection, q: &Query) -> settings_read::InForce {
    let json: String = conn
        .query_row(
            &format!(
                "SELECT json_object('merchant_name', merchant_name, 'saved', saved, \
                 'deposit_xpub', deposit_xpub, 'next_deposit_index', next_deposit_index, \
                 'quote_lock_secs', quote_lock_secs, 'frame_ancestors', frame_ancestors, \
                 'payout_address', payout_address, 'default_chain', default_chain, \
                 'customer_data_retention_days', customer_data_retention_days) FROM ({})",
                q.sql
            ),
            params_from_iter(values(&q.args)),
            |row| row.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}: {}", q.sql));
    serde_json::from_str::<settings_read::Joined>(&json)
        .unwrap()
        .in_force()
}

#[test]
fn the_first_batch_reads_the_next_index_by_link_and_by_session() {
    let conn = fixture();
    for q in [
        settings_read::for_link("coffee"),
        settings_read::for_session("cs_1"),
    ] {
        let found = read(&conn, &q);
        assert_eq!(found.merchant_name, "Shop");
        assert_eq!(found.next_index, Some(4));
        assert_eq!(found.settings.deposit_xpub.as_deref(), Some("xpub-a"));
        assert_eq!(found.settings.quote_lock_seconds, 300);
    }
}

#[test]
fn a_merchant_without_settings_reads_defaults_and_no_index() {
    let conn = fixture();
    conn.execute("DELETE FROM checkout_settings", []).unwrap();
    let found = read(&conn, &settings_read::for_link("coffee"));
    assert_eq!(found.next_index, None);
    assert!(found.settings.deposit_xpub.is_none());
    assert_eq!(
        found.settings.quote_lock_seconds,
        settings_read::DEFAULT_QUOTE_LOCK_SECS
    );
}

#[test]
fn the_index_read_is_taken_once_and_the_session_moves_with_it() {
    let mut conn = fixture();
    let row = session(&conn);
    assert_eq!(quote_batch(&mut conn, &row, 4, "evt_a"), (1, 1));
    assert_eq!(next_index(&conn), 5);
    let after = session(&conn);
    assert_eq!(after.quotes_count, 1);
    assert_eq!(after.revision, row.revision + 1);
    assert_eq!(after.last_event_id.as_deref(), Some("evt_a"));
}

#[test]
fn a_quote_whose_index_was_taken_meanwhile_writes_nothing() {
    let mut conn = fixture();
    let row = session(&conn);
    // Another quote of the merchant took index 4 after this one read it.
    conn.execute("UPDATE checkout_settings SET next_deposit_index = 5", [])
        .unwrap();
    assert_eq!(quote_batch(&mut conn, &row, 4, "evt_b"), (0, 0));
    assert_eq!(next_index(&conn), 5);
    assert_eq!(session(&conn), row);
}

#[test]
fn an_index_of_a_replaced_xpub_or_a_wallet_held_by_another_is_not_taken() {
    let mut conn = fixture();
    let row = session(&conn);
    conn.execute_batch(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_2', 'Other', 1);
         INSERT INTO deposit_wallets (livemode, wallet_id, merchant_id, created_at) \
           VALUES (0, '0000000000000000000000000000000000000000000000000000000000000001', 'mer_2', 1);",
    )
    .unwrap();
    assert_eq!(quote_batch(&mut conn, &row, 4, "evt_c"), (0, 0));
    assert_eq!(next_index(&conn), 4);
    assert_eq!(session(&conn), row);
    // The merchant's own wallet again, but a new xpub saved after the read.
    conn.execute_batch(
        "DELETE FROM deposit_wallets; \
         UPDATE checkout_settings SET deposit_xpub = 'xpub-b';",
    )
    .unwrap();
    assert_eq!(quote_batch(&mut conn, &row, 4, "evt_d"), (0, 0));
    assert_eq!(next_index(&conn), 4);
    assert_eq!(session(&conn), row);
}
