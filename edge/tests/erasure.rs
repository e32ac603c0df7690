//! Erasing payer data against the real migrations: after `checkout::erase` no table holds a
//! session's payer values (row, events, delivery answers, idempotent replays); the retention
//! sweep picks exactly the ended sessions past their account's retention, on its index; and
//! whatever quantity a payer check accepts fits the table, as do the retention days the
//! account check accepts.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use edge::accounts::wallet_sql;
use edge::checkout::erase::{SWEEP_BATCH, due, erase};
use edge::platform::sql::Query;
use proptest::prelude::*;
use rusqlite::{Connection, params, params_from_iter};
use shared::api::account::CheckoutSettings;
use support::{migrated, values};

const EMAIL: &str = "ada.lovelace@example.com";
const PHONE: &str = "+44 20 7946 0958";

fn run(conn: &Connection, queries: &[Query]) {
    for q in queries {
        conn.execute(&q.sql, params_from_iter(values(&q.args)))
            .unwrap_or_else(|e| panic!("{e}: {}", q.sql));
    }
}

fn ids(conn: &Connection, q: &Query) -> Vec<String> {
    let mut statement = conn.prepare(&q.sql).unwrap();
    statement
        .query_map(params_from_iter(values(&q.args)), |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A merchant with a session `id` in `status` that ended at `ended` holding an email, a phone
/// and an answer, its event (with a delivery whose answer echoed it) and a stored replay.
fn session(conn: &Connection, id: &str, status: &str, ended: i64) {
    let customer = serde_json::json!({"email": EMAIL, "name": null, "phone": PHONE,
        "billing_address": null, "shipping_address": null});
    let answers = serde_json::json!([{"key": "size", "label": "Size", "value": "XL-secret"}]);
    conn.execute(
        "INSERT INTO checkout_sessions (id, merchant_id, livemode, status, amount, currency, \
         assets, chain, url, expires_at, watch_until, created_at, updated_at, paid_at, \
         customer_email, customer, custom_fields) VALUES (?1, 'mer_1', 0, ?2, '1', 'USD', 'ETH', \
         'anvil', '/c/' || ?1, ?3, ?3, 1, 1, CASE WHEN ?2 = 'paid' THEN ?3 END, ?4, ?5, ?6)",
        params![
            id,
            status,
            ended,
            EMAIL,
            customer.to_string(),
            answers.to_string()
        ],
    )
    .unwrap();
    let data = serde_json::json!({"id": id, "object": "checkout_session", "customer_email": EMAIL,
        "customer": customer, "custom_fields": answers, "metadata": {"order": "A-1"}});
    let event = format!("evt_{id}");
    conn.execute(
        "INSERT INTO events (id, merchant_id, livemode, type, created_at, data, object_id) \
         VALUES (?1, 'mer_1', 0, 'checkout_session.paid', 1, ?2, ?3)",
        params![event, data.to_string(), id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, created_at, \
         updated_at) VALUES (?1, ?2, 'we_1', 'succeeded', 1, 1, 1)",
        params![format!("whd_{id}"), event],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, \
         response_body, attempted_at) VALUES (?1, 1, 200, 5, ?2, 1)",
        params![format!("whd_{id}"), format!("got {EMAIL}")],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, status, response) \
         VALUES ('mer_1:test', ?1, 'f', 1000, 201, ?2)",
        params![format!("key-{id}"), data.to_string()],
    )
    .unwrap();
}

fn fixture() -> Connection {
    let conn = migrated();
    conn.execute(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'Shop', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO webhook_endpoints (id, merchant_id, livemode, url, enabled_events, enabled, \
         secret, created_at, updated_at) VALUES ('we_1', 'mer_1', 0, 'http://127.0.0.1/', '*', 1, 's', 1, 1)",
        [],
    )
    .unwrap();
    conn
}

/// Every text column of every table holding `needle`, as `table.column`.
fn holders(conn: &Connection, needle: &str) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in columns {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), ?1) > 0"),
                    [needle],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
    }
    found
}

#[test]
fn after_an_erase_no_table_holds_the_payer_values_and_the_events_remain() {
    let conn = fixture();
    session(&conn, "cs_a", "paid", 10);
    session(&conn, "cs_b", "paid", 10);
    assert_eq!(
        holders(&conn, EMAIL).len(),
        5,
        "{:?}",
        holders(&conn, EMAIL)
    );
    run(&conn, &erase(&["cs_a".into()], 2_000).unwrap());
    // Only the other session's copies are left.
    for needle in [EMAIL, PHONE, "XL-secret"] {
        let left = holders(&conn, needle);
        assert!(!left.is_empty(), "cs_b keeps its {needle}");
        let (row, event): (Option<String>, String) = conn
            .query_row(
                "SELECT s.customer_email, e.data FROM checkout_sessions s JOIN events e ON e.object_id = s.id WHERE s.id = 'cs_a'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(row, None);
        assert!(!event.contains(needle), "{event}");
    }
    run(&conn, &erase(&["cs_b".into()], 2_000).unwrap());
    for needle in [EMAIL, PHONE, "XL-secret"] {
        assert_eq!(holders(&conn, needle), Vec::<String>::new(), "{needle}");
    }
    let (count, data): (i64, String) = conn
        .query_row("SELECT count(*), max(data) FROM events", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(count, 2, "the events stay");
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["metadata"]["order"], "A-1", "only payer data goes");
    assert_eq!(data["customer"]["email"], serde_json::Value::Null);
    assert_eq!(data["custom_fields"], serde_json::json!([]));
    assert_eq!(data["customer_data_redacted_at"], 2_000);
    let stamp: i64 = conn
        .query_row(
            "SELECT customer_data_redacted_at FROM checkout_sessions WHERE id = 'cs_a'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stamp, 2_000);
    // A second erase keeps the first time.
    run(&conn, &erase(&["cs_a".into()], 3_000).unwrap());
    let again: i64 = conn
        .query_row(
            "SELECT customer_data_redacted_at FROM checkout_sessions WHERE id = 'cs_a'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(again, 2_000);
}

#[test]
fn the_sweep_takes_ended_sessions_past_their_accounts_retention_only() {
    let conn = fixture();
    let day = 86_400;
    session(&conn, "cs_open", "open", 0);
    session(&conn, "cs_pending", "pending", 0);
    session(&conn, "cs_old", "expired", 0);
    session(&conn, "cs_new", "paid", 10 * day);
    let at = 90 * day;
    // The default 90 days: the session that expired at 0 is due at 90 days, not a second before.
    assert_eq!(ids(&conn, &due(at - 1, SWEEP_BATCH)), Vec::<String>::new());
    assert_eq!(ids(&conn, &due(at, SWEEP_BATCH)), ["cs_old"]);
    // With 0 days, every ended session is due at once; open and pending ones never are.
    conn.execute(
        "INSERT INTO checkout_settings (merchant_id, livemode, quote_lock_secs, updated_at, \
         customer_data_retention_days) VALUES ('mer_1', 0, 900, 1, 0)",
        [],
    )
    .unwrap();
    let mut now_due = ids(&conn, &due(10 * day, SWEEP_BATCH));
    now_due.sort();
    assert_eq!(now_due, ["cs_new", "cs_old"]);
    run(&conn, &erase(&now_due, 10 * day).unwrap());
    assert_eq!(
        ids(&conn, &due(10 * day, SWEEP_BATCH)),
        Vec::<String>::new(),
        "erased is done"
    );
    assert_eq!(
        ids(&conn, &due(1_000 * day, 1)).len(),
        0,
        "open and pending are never due"
    );
}

#[test]
fn the_sweeps_read_uses_the_payer_data_index() {
    let conn = fixture();
    let q = due(1, SWEEP_BATCH);
    let plan: Vec<String> = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", q.sql))
        .unwrap()
        .query_map(params_from_iter(values(&q.args)), |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter()
            .any(|step| step.contains("checkout_sessions_payer_data")),
        "{plan:?}"
    );
}

proptest! {
    #[test]
    fn retention_days_the_check_refuses_are_refused_first(days in prop_oneof![0u32..4000, any::<u32>()]) {
        let mut settings = CheckoutSettings {
            deposit_xpub: None,
            quote_lock_seconds: 900,
            frame_ancestors: Vec::new(),
            payout_address: None,
            default_chain: None,
            customer_data_retention_days: days,
        };
        let valid = settings.validate(false).is_ok();
        let conn = fixture();
        conn.execute(
            wallet_sql::SAVE,
            params!["mer_1", 0, None::<&str>, 900, 1, "", None::<&str>, None::<&str>],
        )
        .unwrap();
        let saved = conn.execute(
            wallet_sql::SAVE_PAYOUT,
            params!["mer_1", 0, None::<&str>, None::<&str>, i64::from(days)],
        );
        prop_assert_eq!(valid, saved.is_ok(), "{} days", days);
    }

    #[test]
    fn whatever_quantity_a_payer_check_accepts_fits_the_table(
        minimum in 1u32..20, span in 0u32..1200, sent in proptest::option::of(0u32..1500),
    ) {
        let request = shared::payer::FormRequest {
            adjustable_quantity: Some(serde_json::from_value(serde_json::json!(
                {"enabled": true, "minimum": minimum, "maximum": minimum + span}
            )).unwrap()),
            ..Default::default()
        };
        let base = shared::payer::PayerForm::default();
        let unit = shared::money::FiatAmount::parse("1.00", shared::money::Currency::Usd).unwrap();
        let mut errors = Vec::new();
        let form = request.parse(&mut errors, &shared::payer::FormContext {
            livemode: false,
            unit_price: shared::payer::request::UnitPrice::Fixed(unit),
            success_url: None,
            base: &base,
        }).form;
        if !errors.is_empty() {
            return Ok(());
        }
        let input = shared::payer::PayerInput { quantity: sent, ..Default::default() };
        let Ok(payer) = shared::payer::check(&form, input) else {
            return Ok(());
        };
        let conn = fixture();
        let stored = conn.execute(
            "INSERT INTO checkout_sessions (id, merchant_id, livemode, status, amount, currency, \
             assets, chain, url, expires_at, watch_until, created_at, updated_at, quantity) \
             VALUES ('cs_q', 'mer_1', 0, 'open', '1', 'USD', 'ETH', 'anvil', '/c/cs_q', 1, 1, 1, 1, ?1)",
            [i64::from(payer.quantity)],
        );
        prop_assert!(stored.is_ok(), "quantity {} refused: {:?}", payer.quantity, stored);
    }
}
