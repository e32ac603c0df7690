//! The migrations apply in order, and every list page seeks on its index (no scan, no sort).
#![cfg(not(target_arch = "wasm32"))]

use edge::links::query::{self as link_query, Arg, Filters, Seek};
use rusqlite::{Connection, params_from_iter};
use shared::link::LinkStatus;
use shared::money::Currency;
use support::migrated;

mod support;

fn plan(conn: &Connection, query: &link_query::Query) -> String {
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", query.sql))
        .unwrap();
    let args = query.args.iter().map(|arg| match arg {
        Arg::Text(text) => rusqlite::types::Value::Text(text.clone()),
        Arg::Int(n) => rusqlite::types::Value::Integer(*n),
    });
    let rows = statement
        .query_map(params_from_iter(args), |row| row.get::<_, String>(3))
        .unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
}

#[test]
fn every_list_page_seeks_on_the_page_index_without_sorting() {
    let conn = migrated();
    let filter_sets = [
        Filters::default(),
        Filters {
            status: Some(None),
            ..Filters::default()
        },
        Filters {
            status: Some(Some(LinkStatus::Active)),
            ..Filters::default()
        },
        Filters {
            status: Some(Some(LinkStatus::Expired)),
            ..Filters::default()
        },
        Filters {
            status: Some(Some(LinkStatus::Archived)),
            ..Filters::default()
        },
        Filters {
            currency: Some(Currency::Eur),
            created_gte: Some(1),
            created_lte: Some(9),
            ..Filters::default()
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
