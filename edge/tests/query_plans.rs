//! The migrations apply in order, and every list page seeks on its index (no scan, no sort).
#![cfg(not(target_arch = "wasm32"))]

use edge::links::query::{self as link_query, Filters, Seek};
use rusqlite::{Connection, params_from_iter};
use shared::link::StatusSet;
use shared::money::Currency;
use support::{migrated, plan, values};

mod support;

#[test]
fn every_list_page_seeks_on_the_page_index_without_sorting() {
    let conn = migrated();
    let status = |names: &str| Filters {
        status: StatusSet::parse(names).unwrap(),
        ..Filters::default()
    };
    let filter_sets = [
        Filters::default(),
        status("all"),
        status("active"),
        status("inactive"),
        status("expired"),
        status("sold_out"),
        status("archived"),
        status("active,inactive"),
        status("sold_out,archived"),
        status("active,inactive,expired,sold_out"),
        Filters {
            currency: Some(Currency::Eur),
            created_gte: Some(1),
            created_lte: Some(9),
            ..status("sold_out,inactive")
        },
        Filters {
            q: Some("beans".into()),
            ..Filters::default()
        },
    ];
    let seeks = [
        Seek::First,
        Seek::After(5, "pl_a".into()),
        Seek::Before(5, "pl_a".into()),
    ];
    for filters in &filter_sets {
        for seek in &seeks {
            let query = link_query::page("mer_1", false, filters, seek, 100, 1_000);
            let plan = plan(&conn, &query);
            assert!(
                plan.contains("USING INDEX payment_links_page"),
                "{filters:?} {seek:?}: {plan}"
            );
            assert!(
                !plan.contains("TEMP B-TREE"),
                "sorts: {filters:?} {seek:?}: {plan}"
            );
            assert!(
                !plan.contains("SCAN payment_links"),
                "scans: {filters:?} {seek:?}: {plan}"
            );
        }
    }
}

#[test]
fn a_cursor_page_seeks_from_the_cursor_rather_than_skipping_rows() {
    let conn = migrated();
    let query = link_query::page(
        "mer_1",
        true,
        &Filters::default(),
        &Seek::After(5, "pl_a".into()),
        25,
        1,
    );
    let plan = plan(&conn, &query);
    assert!(plan.contains("(created_at,id)<(?,?)"), "{plan}");
}

#[test]
fn api_key_lookups_and_idempotency_claims_use_their_keys() {
    let conn = migrated();
    let detail = |sql: &str| -> String {
        let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = statement
            .query_map([], |row| row.get::<_, String>(3))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    assert!(detail("SELECT id FROM api_keys WHERE key_hash = 'h'").contains("USING INDEX"));
    assert!(
        detail("SELECT status FROM idempotency_keys WHERE scope = 's' AND key = 'k'")
            .contains("PRIMARY KEY")
    );
    assert!(
        detail("SELECT count FROM rate_limits WHERE key_id = 'k' AND window_start = 1")
            .contains("PRIMARY KEY")
    );
}

/// The ids a page query finds among `rows` (title, slug) of merchant `mer_1`.
fn found(conn: &Connection, q: &str) -> Vec<String> {
    let filters = Filters {
        q: Some(q.to_owned()),
        ..Filters::default()
    };
    let query = link_query::page("mer_1", false, &filters, &Seek::First, 100, 1_000);
    let mut statement = conn.prepare(&query.sql).unwrap();
    let rows = statement
        .query_map(params_from_iter(values(&query.args)), |row| {
            row.get::<_, String>(0)
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn the_search_matches_literally_ignoring_ascii_case_at_any_length() {
    let conn = migrated();
    conn.execute_batch("INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'M', 1);")
        .unwrap();
    let long_title = format!("Big {} sale", "x".repeat(96));
    for (i, (title, slug)) in [
        ("Coffee Beans", "coffee-beans"),
        ("50% off_today", "half-off"),
        (long_title.as_str(), "big-sale"),
        ("Tea", "tea-50"),
    ]
    .into_iter()
    .enumerate()
    {
        conn.execute(
            "INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, amount, \
             currency, assets, chain, active, metadata, created_at, updated_at) \
             VALUES (?1, 'mer_1', 0, ?2, ?3, 'fixed', '1', 'USD', 'ETH', 'anvil', 1, '{}', ?4, ?4)",
            rusqlite::params![format!("pl_{i}"), slug, title, i as i64],
        )
        .unwrap();
    }
    assert_eq!(found(&conn, "coffee"), ["pl_0"]);
    assert_eq!(
        found(&conn, "50%"),
        ["pl_1"],
        "% is a character, not a wildcard"
    );
    assert_eq!(
        found(&conn, "f_t"),
        ["pl_1"],
        "_ is a character, not a wildcard"
    );
    assert_eq!(
        found(&conn, "50"),
        ["pl_3", "pl_1"],
        "title or slug, newest first"
    );
    let hundred = long_title.to_ascii_lowercase()[..100].to_owned();
    assert_eq!(hundred.len(), 100);
    assert_eq!(
        found(&conn, &hundred),
        ["pl_2"],
        "a 100-character search runs"
    );
    assert!(found(&conn, "\u{0}").is_empty(), "a NUL matches nothing");
}
