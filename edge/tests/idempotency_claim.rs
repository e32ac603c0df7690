//! The idempotency claim taken inside the authentication batch, against the real migrations:
//! it lands in the same scope the pipeline computes for the key's merchant and mode, only
//! once per key, never for a revoked or unknown API key, and a refused request's release
//! frees only a claim that holds no answer.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use edge::api::idempotency::{
    claim_by_api_key_sql, load_by_api_key_sql, merchant_scope, release_by_api_key_sql,
};
use rusqlite::{Connection, OptionalExtension, params};
use support::migrated;

fn fixture() -> Connection {
    let conn = migrated();
    conn.execute_batch(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'Shop', 1);
         INSERT INTO api_keys (id, merchant_id, kind, livemode, key_hash, last4, scopes, created_at) \
           VALUES ('key_t', 'mer_1', 'secret', 0, 'hash-test', 'abcd', '', 1), \
                  ('key_l', 'mer_1', 'secret', 1, 'hash-live', 'efgh', '', 1);
         INSERT INTO api_keys (id, merchant_id, kind, livemode, key_hash, last4, scopes, created_at, \
           revoked_at) VALUES ('key_r', 'mer_1', 'secret', 0, 'hash-revoked', 'ijkl', '', 1, 2);",
    )
    .unwrap();
    conn
}

fn claim(conn: &Connection, hash: &str, key: &str) -> usize {
    conn.execute(&claim_by_api_key_sql(), params![hash, key, "fp", 100])
        .unwrap()
}

fn load(conn: &Connection, hash: &str, key: &str) -> Option<(String, i64, Option<i64>)> {
    conn.query_row(&load_by_api_key_sql(), params![hash, key], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    })
    .optional()
    .unwrap()
}

fn scopes(conn: &Connection) -> Vec<String> {
    let mut statement = conn
        .prepare("SELECT scope FROM idempotency_keys ORDER BY scope")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_claim_lands_in_the_scope_the_pipeline_computes_per_mode() {
    let conn = fixture();
    assert_eq!(claim(&conn, "hash-test", "k1"), 1);
    assert_eq!(claim(&conn, "hash-live", "k1"), 1);
    assert_eq!(
        scopes(&conn),
        vec![
            merchant_scope("mer_1", true),
            merchant_scope("mer_1", false)
        ]
    );
    assert_eq!(
        load(&conn, "hash-test", "k1"),
        Some(("fp".into(), 100, None))
    );
}

#[test]
fn a_second_claim_of_one_key_changes_nothing_and_reads_the_first() {
    let conn = fixture();
    assert_eq!(claim(&conn, "hash-test", "k1"), 1);
    conn.execute(
        "UPDATE idempotency_keys SET status = 201, response = '{}'",
        [],
    )
    .unwrap();
    assert_eq!(claim(&conn, "hash-test", "k1"), 0);
    assert_eq!(
        load(&conn, "hash-test", "k1"),
        Some(("fp".into(), 100, Some(201)))
    );
}

#[test]
fn a_revoked_or_unknown_api_key_claims_nothing() {
    let conn = fixture();
    assert_eq!(claim(&conn, "hash-revoked", "k1"), 0);
    assert_eq!(claim(&conn, "hash-nobody", "k1"), 0);
    assert!(scopes(&conn).is_empty());
    assert_eq!(load(&conn, "hash-nobody", "k1"), None);
}

#[test]
fn a_release_frees_an_unanswered_claim_only() {
    let conn = fixture();
    claim(&conn, "hash-test", "open");
    claim(&conn, "hash-test", "answered");
    conn.execute(
        "UPDATE idempotency_keys SET status = 201, response = '{}' WHERE key = 'answered'",
        [],
    )
    .unwrap();
    let release = release_by_api_key_sql();
    assert_eq!(
        conn.execute(&release, params!["hash-test", "open"])
            .unwrap(),
        1
    );
    assert_eq!(
        conn.execute(&release, params!["hash-test", "answered"])
            .unwrap(),
        0
    );
    // Another mode's key of the same merchant frees nothing of this one.
    claim(&conn, "hash-test", "open");
    assert_eq!(
        conn.execute(&release, params!["hash-live", "open"])
            .unwrap(),
        0
    );
    assert_eq!(load(&conn, "hash-test", "open").map(|r| r.1), Some(100));
}
