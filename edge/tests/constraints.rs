//! Every CHECK and UNIQUE in the migrations, driven against the real tables: those input can
//! reach are refused first by the parsers in `shared` (so they never answer 500), and the
//! wallet claims keep two merchants from sharing deposit addresses.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use edge::accounts::wallet_sql;
use edge::links::row::LinkRow;
use proptest::prelude::*;
use rusqlite::{Connection, params};
use shared::api::account::CheckoutSettings;
use shared::api::keys::CreateMerchantRequest;
use shared::api::links::CreateLinkRequest;
use shared::api::sessions::fields::client_reference_id;
use shared::slug::Slug;
use support::{migrated, migration_files};

/// Each constraint, by the table and column it guards, and why API input cannot break it.
/// The census test below counts them in the migrations: a new one must be added here.
const CONSTRAINTS: &[(&str, &str)] = &[
    ("cron_ticks.run_count > 0", "written by the cron tick only"),
    (
        "merchants.name length 1..100",
        "input: merchant_names_the_check_refuses_are_refused_first",
    ),
    ("api_keys.kind", "from the KeyKind enum"),
    ("api_keys.livemode", "from a bool"),
    ("api_keys.key_hash UNIQUE", "SHA-256 of 32 random bytes"),
    ("rate_limits.count > 0", "counted by the worker"),
    ("payment_links.livemode", "from a bool"),
    (
        "payment_links.slug UNIQUE",
        "input: insert ON CONFLICT (slug) DO NOTHING → 409 slug_taken",
    ),
    (
        "payment_links.kind",
        "input: whatever_a_link_create_accepts_fits_the_table",
    ),
    (
        "payment_links.max_payments > 0",
        "input: whatever_a_link_create_accepts_fits_the_table",
    ),
    (
        "payment_links.active",
        "input: whatever_a_link_create_accepts_fits_the_table",
    ),
    (
        "payment_links fixed ⇔ amount",
        "input: whatever_a_link_create_accepts_fits_the_table",
    ),
    ("webhook_endpoints.livemode", "from a bool"),
    ("webhook_endpoints.enabled", "from a bool"),
    ("checkout_settings.livemode", "from a bool"),
    (
        "checkout_settings.next_deposit_index >= 0",
        "starts at 0 and only grows",
    ),
    (
        "checkout_settings.quote_lock_secs 60..3600",
        "input: quote_locks_the_check_refuses_are_refused_first",
    ),
    ("checkout_sessions.livemode", "from a bool"),
    ("checkout_sessions.status", "from the SessionStatus enum"),
    ("checkout_sessions.counted", "from a bool"),
    (
        "checkout_sessions.livemode (rebuilt in 0012)",
        "from a bool",
    ),
    (
        "checkout_sessions.status (rebuilt in 0012)",
        "from the SessionStatus enum",
    ),
    ("checkout_sessions.counted (rebuilt in 0012)", "from a bool"),
    (
        "checkout_sessions (merchant, mode, index) UNIQUE",
        "indexes are taken atomically",
    ),
    (
        "checkout_sessions (address, chain) UNIQUE",
        "input: one_wallet_is_one_merchants",
    ),
    (
        "checkout_sessions.client_reference_id length <= 200",
        "input: whatever_reference_a_checkout_accepts_fits_the_table",
    ),
    (
        "checkout_sessions.quotes_count >= 0",
        "starts at 0 and only grows",
    ),
    ("checkout_quotes.livemode", "from a bool"),
    (
        "checkout_quotes.status",
        "from the SessionStatus enum (never canceled: a quote is not)",
    ),
    (
        "checkout_quotes (merchant, mode, index) UNIQUE",
        "indexes are taken atomically",
    ),
    (
        "checkout_quotes (address, chain) UNIQUE",
        "input: one_wallet_is_one_merchants",
    ),
    ("checkout_quotes.livemode (rebuilt in 0014)", "from a bool"),
    (
        "checkout_quotes.status (rebuilt in 0014)",
        "from the SessionStatus enum (never canceled: a quote is not)",
    ),
    (
        "checkout_quotes index xor forwarder (0014)",
        "from quote_row::Derivation: one or the other",
    ),
    (
        "checkout_quotes (merchant, mode, index) UNIQUE (rebuilt in 0014)",
        "indexes are taken atomically; payout-mode quotes have none",
    ),
    (
        "checkout_quotes (address, chain) UNIQUE (rebuilt in 0014)",
        "input: one_wallet_is_one_merchants; forwarders: a salt per quote id",
    ),
    ("chain_checks.ok", "from a bool"),
    ("events.livemode", "from a bool"),
    ("webhook_deliveries.status", "from the delivery state"),
    ("deposit_wallets.livemode", "from a bool"),
    (
        "deposit_wallets.wallet_id length 64",
        "wallet_ids_are_64_hex_digits",
    ),
    (
        "checkout_sessions.quantity 1..1000 (0015)",
        "input: payer_constraints::whatever_quantity_a_payer_check_accepts_fits_the_table",
    ),
    (
        "checkout_settings.customer_data_retention_days 0..3650 (0015)",
        "input: payer_constraints::retention_days_the_check_refuses_are_refused_first",
    ),
];

#[test]
fn every_check_and_unique_in_the_migrations_is_accounted_for() {
    let mut count = 0;
    for file in migration_files() {
        let sql = std::fs::read_to_string(file).unwrap();
        for line in sql.lines() {
            let code = line.split("--").next().unwrap_or_default();
            count += code.matches("CHECK (").count() + code.matches("UNIQUE").count();
        }
    }
    assert_eq!(
        count,
        CONSTRAINTS.len(),
        "add the new constraint to CONSTRAINTS, and a test"
    );
}

fn merchant(conn: &Connection, id: &str) {
    conn.execute(
        "INSERT INTO merchants (id, name, created_at) VALUES (?1, 'M', 1)",
        [id],
    )
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn whatever_reference_a_checkout_accepts_fits_the_table(reference in "(?s)\\PC{0,3}|.{198,203}|\\PC{199,202}") {
        let conn = migrated();
        merchant(&conn, "mer_1");
        if let Ok(Some(parsed)) = client_reference_id(Some(reference.clone())) {
            let stored = conn.execute(
                "INSERT INTO checkout_sessions (id, merchant_id, livemode, status, amount, currency, \
                 assets, chain, url, client_reference_id, expires_at, watch_until, created_at, \
                 updated_at) VALUES ('cs_1', 'mer_1', 0, 'open', '1', 'USD', 'ETH', 'anvil', \
                 '/c/cs_1', ?1, 1, 1, 1, 1)",
                [&parsed],
            );
            prop_assert!(stored.is_ok(), "accepted {parsed:?} but the table refuses it: {stored:?}");
        }
    }

    #[test]
    fn merchant_names_the_check_refuses_are_refused_first(name in "(?s).{0,3}|.{99,102}|\\PC{1,4}\u{0}") {
        let conn = migrated();
        let stored = |name: &str| {
            conn.execute(
                "INSERT INTO merchants (id, name, created_at) VALUES (?1, ?2, 1)",
                params![format!("mer_{}", name.len()), name],
            )
            .is_ok()
        };
        if let Ok(parsed) = (CreateMerchantRequest { name: name.clone() }).parse() {
            prop_assert!(stored(&parsed), "accepted {parsed:?} but the table refuses it");
        }
    }

    /// The round trip at the table: any create the parser accepts is stored, and reads back
    /// as the API object.
    #[test]
    fn whatever_a_link_create_accepts_fits_the_table(
        kind in prop_oneof![Just("fixed"), Just("custom"), Just("other")],
        amount in proptest::option::of(prop_oneof![Just("0".to_owned()), Just("1.5".to_owned()), "[0-9]{1,12}"]),
        max_payments in proptest::option::of(any::<u32>()),
        expires_at in proptest::option::of(prop_oneof![any::<i64>(), 0..=253_402_300_799_i64]),
        active in any::<bool>(),
        title in "(?s).{0,4}",
    ) {
        let body = serde_json::json!({
            "title": title, "type": kind, "amount": amount, "currency": "USD",
            "assets": ["ETH"], "chain": "anvil", "max_payments": max_payments,
            "expires_at": expires_at, "active": active,
        });
        let Ok(request) = serde_json::from_value::<CreateLinkRequest>(body) else {
            return Ok(());
        };
        let defaults = shared::api::links::LinkDefaults {
            chain: Some(shared::chain::Chain::Anvil),
            assets: &|_| vec![shared::money::Asset::Eth],
        };
        let Ok(link) = request.parse(false, 1_000, &defaults) else {
            return Ok(());
        };
        let conn = migrated();
        merchant(&conn, "mer_1");
        let slug = Slug::parse("link-000000").unwrap();
        let row = LinkRow::new("pl_1".into(), "mer_1", false, &slug, &link, 1_000);
        let serde_json::Value::Object(columns) = serde_json::to_value(&row).unwrap() else {
            unreachable!("a row serializes as an object");
        };
        let names: Vec<&str> = columns.keys().map(String::as_str).collect();
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let values: Vec<rusqlite::types::Value> = columns
            .values()
            .map(|v| match v {
                serde_json::Value::Null => rusqlite::types::Value::Null,
                serde_json::Value::Number(n) => rusqlite::types::Value::Integer(n.as_i64().unwrap()),
                serde_json::Value::String(s) => rusqlite::types::Value::Text(s.clone()),
                other => panic!("unexpected column value {other}"),
            })
            .collect();
        let sql = format!(
            "INSERT INTO payment_links ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let inserted = conn.execute(&sql, rusqlite::params_from_iter(values));
        prop_assert!(inserted.is_ok(), "{inserted:?} for {row:?}");
        prop_assert!(row.into_object("https://pay.example", 1_000).is_ok());
    }

    #[test]
    fn quote_locks_the_check_refuses_are_refused_first(lock in prop_oneof![any::<u32>(), 0..4000_u32]) {
        let mut settings = CheckoutSettings {
            deposit_xpub: None,
            quote_lock_seconds: lock,
            frame_ancestors: Vec::new(),
            payout_address: None,
            default_chain: None,
            customer_data_retention_days: 90,
        };
        let valid = settings.validate(false).is_ok();
        let conn = migrated();
        merchant(&conn, "mer_1");
        let saved = save(&conn, "mer_1", None, None, lock);
        prop_assert_eq!(valid, saved.is_ok(), "lock {}", lock);
    }
}

#[test]
fn a_taken_slug_changes_no_row_and_so_answers_409() {
    let conn = migrated();
    merchant(&conn, "mer_1");
    let insert = |id: &str| {
        conn.execute(
            "INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, amount, \
             currency, assets, chain, active, metadata, created_at, updated_at) VALUES (?1, \
             'mer_1', 0, 'taken', 'T', 'fixed', '1', 'USD', 'ETH', 'anvil', 1, '{}', 1, 1) \
             ON CONFLICT (slug) DO NOTHING",
            [id],
        )
        .unwrap()
    };
    assert_eq!(insert("pl_1"), 1);
    assert_eq!(insert("pl_2"), 0, "handlers map 0 changes to slug_taken");
}

const XPUB_A: &str = "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP";

fn wallet(xpub: &str) -> String {
    shared::hd::ExtendedPublicKey::parse(xpub)
        .unwrap()
        .wallet_id()
}

/// The claim and save of `PATCH /v1/account`, in one transaction; the rows saved.
fn save(
    conn: &Connection,
    merchant: &str,
    xpub: Option<&str>,
    wallet_id: Option<&str>,
    lock: u32,
) -> rusqlite::Result<usize> {
    let tx = conn.unchecked_transaction()?;
    if let Some(w) = wallet_id {
        tx.execute(wallet_sql::CLAIM, params![0, w, merchant, 1])?;
    }
    let changed = tx.execute(
        wallet_sql::SAVE,
        params![merchant, 0, xpub, lock, 1, "", wallet_id, None::<&str>],
    )?;
    tx.commit()?;
    Ok(changed)
}

/// The claim and index allocation of a session create, in one transaction.
fn take(conn: &Connection, merchant: &str, xpub: &str) -> Option<i64> {
    let tx = conn.unchecked_transaction().unwrap();
    let w = wallet(xpub);
    tx.execute(wallet_sql::CLAIM, params![0, w, merchant, 1])
        .unwrap();
    let index = tx
        .query_row(
            wallet_sql::TAKE,
            params![merchant, 0, xpub, None::<i64>, None::<i64>, None::<i64>, w],
            |row| row.get(0),
        )
        .ok();
    tx.commit().unwrap();
    index
}

fn holder(conn: &Connection, xpub: &str) -> String {
    conn.query_row(wallet_sql::HOLDER, params![0, wallet(xpub)], |row| {
        row.get(0)
    })
    .unwrap()
}

#[test]
fn one_wallet_is_one_merchants_even_after_it_moves_on() {
    let conn = migrated();
    merchant(&conn, "mer_a");
    merchant(&conn, "mer_b");
    let w = wallet(XPUB_A);
    assert_eq!(
        save(&conn, "mer_a", Some(XPUB_A), Some(&w), 900).unwrap(),
        1
    );
    assert_eq!(
        save(&conn, "mer_b", Some(XPUB_A), Some(&w), 900).unwrap(),
        0,
        "→ 409 xpub_in_use"
    );
    assert_eq!(take(&conn, "mer_a", XPUB_A), Some(0));
    assert_eq!(take(&conn, "mer_a", XPUB_A), Some(1));
    assert_eq!(
        take(&conn, "mer_b", XPUB_A),
        None,
        "b has no such xpub saved"
    );
    // A moves to no wallet; its sessions paid to addresses of this one, so b still cannot.
    assert_eq!(save(&conn, "mer_a", None, None, 900).unwrap(), 1);
    assert_eq!(
        save(&conn, "mer_b", Some(XPUB_A), Some(&w), 900).unwrap(),
        0
    );
    assert_eq!(holder(&conn, XPUB_A), "mer_a");
    // Saving other settings without a wallet works for b.
    assert_eq!(save(&conn, "mer_b", None, None, 600).unwrap(), 1);
}

#[test]
fn a_wallet_two_merchants_saved_before_claims_goes_to_the_first_to_use_it() {
    let conn = migrated();
    merchant(&conn, "mer_a");
    merchant(&conn, "mer_b");
    for m in ["mer_a", "mer_b"] {
        conn.execute(
            "INSERT INTO checkout_settings (merchant_id, livemode, deposit_xpub, updated_at) \
             VALUES (?1, 0, ?2, 1)",
            params![m, XPUB_A],
        )
        .unwrap();
    }
    assert_eq!(take(&conn, "mer_b", XPUB_A), Some(0));
    assert_eq!(
        take(&conn, "mer_a", XPUB_A),
        None,
        "→ 409 xpub_in_use, no index used up"
    );
    let next: i64 = conn
        .query_row(
            "SELECT next_deposit_index FROM checkout_settings WHERE merchant_id = 'mer_a'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(next, 0);
    assert_eq!(holder(&conn, XPUB_A), "mer_b");
}

#[test]
fn wallet_ids_are_64_hex_digits() {
    let conn = migrated();
    merchant(&conn, "mer_a");
    let w = wallet(XPUB_A);
    assert!(w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(
        conn.execute(wallet_sql::CLAIM, params![0, "short", "mer_a", 1])
            .is_err()
    );
}

#[test]
fn expiries_stored_out_of_range_are_brought_into_it_by_migration_0011() {
    let conn = Connection::open_in_memory().unwrap();
    let files = migration_files();
    for file in &files {
        if file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("0011")
        {
            merchant(&conn, "mer_1");
            for (i, at) in [Some(9_007_199_254_740_992_i64), Some(-5), Some(100), None]
                .iter()
                .enumerate()
            {
                conn.execute(
                    "INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, \
                     amount, currency, assets, chain, active, metadata, created_at, updated_at, \
                     expires_at) VALUES (?1, 'mer_1', 0, ?1, 'T', 'fixed', '1', 'USD', 'ETH', \
                     'anvil', 1, '{}', 1, 1, ?2)",
                    params![format!("pl_{i}"), at],
                )
                .unwrap();
            }
        }
        conn.execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
    }
    let mut statement = conn
        .prepare("SELECT expires_at FROM payment_links ORDER BY id")
        .unwrap();
    let stored: Vec<Option<i64>> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(stored, [Some(253_402_300_799), Some(0), Some(100), None]);
}
