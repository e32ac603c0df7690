//! The webhook endpoint list and the delivery log, paged against the migrations in SQLite: a
//! client walking older and back newer sees every row once (ties within a second included),
//! a page's attempts are exactly its deliveries', a cursor is looked up only among the
//! caller's rows, each statement binds a handful of parameters and seeks on its index.
#![cfg(not(target_arch = "wasm32"))]

use edge::platform::sql::Query;
use edge::webhooks::deliveries_query::{self as delivery_query, LogPage};
use edge::webhooks::endpoints_query;
use rusqlite::{Connection, params, params_from_iter};
use shared::api::list::Cursor;
use support::{migrated, plan, values};

mod support;

/// The first column of every row `query` reads; its parameters numbered 1 to N, N ≤ 5.
fn ids(conn: &Connection, query: &Query) -> Vec<String> {
    assert!(
        query.args.len() <= 5,
        "{} binds {}",
        query.sql,
        query.args.len()
    );
    let highest = (1..=query.args.len())
        .rev()
        .find(|n| query.sql.contains(&format!("?{n}")))
        .unwrap_or(0);
    assert_eq!(highest, query.args.len(), "{}", query.sql);
    let mut statement = conn.prepare(&query.sql).unwrap();
    statement
        .query_map(params_from_iter(values(&query.args)), |row| {
            row.get::<_, rusqlite::types::Value>(0)
        })
        .unwrap()
        .map(|value| match value.unwrap() {
            rusqlite::types::Value::Text(text) => text,
            rusqlite::types::Value::Integer(n) => n.to_string(),
            other => panic!("{other:?}"),
        })
        .collect()
}

/// What a client sees walking a list by `limit`: older pages (`starting_after` the last id)
/// until `has_more` is false, then newer ones (`ending_before` the first id) from the oldest
/// row back to the top. Both come back newest first, as pages are shown.
fn walk(limit: u32, page: impl Fn(&Cursor) -> Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut older = Vec::new();
    let mut cursor = Cursor::Start;
    loop {
        let mut rows = page(&cursor);
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let Some(last) = rows.last().cloned() else {
            break;
        };
        older.extend(rows);
        if !has_more {
            break;
        }
        cursor = Cursor::After(last);
    }
    let mut newer = older.last().cloned().into_iter().collect::<Vec<_>>();
    while let Some(first) = newer.first().cloned() {
        let mut rows = page(&Cursor::Before(first));
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        // Read upwards; turned back as `paging::shown` does.
        rows.reverse();
        rows.extend(newer);
        newer = rows;
        if !has_more {
            break;
        }
    }
    (older, newer)
}

/// 130 endpoints of `mer_1` in test mode (every third deleted, ten in one second), one of
/// another merchant and one live; and 130 deliveries to `we_live_001` with an attempt each,
/// forty of them in one second, and one to `we_live_002`.
fn fixture() -> Connection {
    let conn = migrated();
    conn.execute_batch(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'Bean Shop', 1), \
         ('mer_2', 'Other', 1);",
    )
    .unwrap();
    let endpoint = |id: &str, merchant: &str, livemode: i64, at: i64, deleted: Option<i64>| {
        conn.execute(
            "INSERT INTO webhook_endpoints (id, merchant_id, livemode, url, enabled_events, \
             enabled, secret, created_at, updated_at, deleted_at) \
             VALUES (?1, ?2, ?3, 'http://127.0.0.1/', '*', 1, 's', ?4, ?4, ?5)",
            params![id, merchant, livemode, at, deleted],
        )
        .unwrap();
    };
    for i in 0..130_i64 {
        let deleted = (i % 3 == 0).then_some(1000);
        endpoint(&format!("we_live_{i:03}"), "mer_1", 0, i.min(120), deleted);
    }
    endpoint("we_theirs", "mer_2", 0, 50, None);
    endpoint("we_livemode", "mer_1", 1, 50, None);
    for i in 0..131_i64 {
        let (id, to) = if i == 130 {
            ("whd_elsewhere".to_owned(), "we_live_002")
        } else {
            (format!("whd_{i:03}"), "we_live_001")
        };
        conn.execute(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data) \
             VALUES (?1, 'mer_1', 0, 'test.ping', ?2, '{}')",
            params![format!("evt_{i:03}"), i],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, \
             created_at, updated_at) VALUES (?1, ?2, ?3, 'failed', 1, ?4, ?4)",
            params![id, format!("evt_{i:03}"), to, i.min(90)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO webhook_attempts (delivery_id, attempt, duration_ms, attempted_at) \
             VALUES (?1, 1, 5, ?2)",
            params![id, i],
        )
        .unwrap();
    }
    conn
}

/// `table`'s ids as a list shows them: newest first, ties by id, newest id first.
fn expected(conn: &Connection, sql: &str) -> Vec<String> {
    ids(
        conn,
        &Query {
            sql: sql.to_owned(),
            args: Vec::new(),
        },
    )
}

#[test]
fn walking_the_endpoints_shows_each_live_one_of_the_caller_once_both_ways() {
    let conn = fixture();
    let all = expected(
        &conn,
        "SELECT id FROM webhook_endpoints WHERE merchant_id = 'mer_1' AND livemode = 0 \
         AND deleted_at IS NULL ORDER BY created_at DESC, id DESC",
    );
    assert_eq!(all.len(), 86);
    for limit in [1, 7, 25, 100] {
        let (older, newer) = walk(limit, |cursor| {
            ids(
                &conn,
                &endpoints_query::page("mer_1", false, cursor, limit).rows,
            )
        });
        assert_eq!(older, all, "older by {limit}");
        assert_eq!(newer, all, "back newer by {limit}");
    }
}

#[test]
fn an_endpoint_cursor_is_found_among_the_callers_own_even_once_deleted() {
    let conn = fixture();
    let lookup = |merchant: &str, livemode: bool, id: &str| {
        let page = endpoints_query::page(merchant, livemode, &Cursor::After(id.into()), 10);
        ids(&conn, &page.cursor.expect("a cursor page looks it up"))
    };
    assert_eq!(lookup("mer_1", false, "we_live_010"), ["10"]);
    assert_eq!(lookup("mer_1", false, "we_live_009"), ["9"], "deleted");
    assert!(
        lookup("mer_2", false, "we_live_010").is_empty(),
        "another merchant's"
    );
    assert!(
        lookup("mer_1", true, "we_live_010").is_empty(),
        "the other mode's"
    );
    // Past a deleted endpoint the page goes on from where it was.
    let page = endpoints_query::page("mer_1", false, &Cursor::After("we_live_009".into()), 2);
    assert_eq!(
        ids(&conn, &page.rows),
        ["we_live_008", "we_live_007", "we_live_005"]
    );
    // A cursor that names nothing yields no row rather than a page from anywhere.
    let page = endpoints_query::page("mer_1", false, &Cursor::After("we_theirs".into()), 2);
    assert!(ids(&conn, &page.rows).is_empty());
}

fn log(conn: &Connection, page: &LogPage) -> Vec<String> {
    let deliveries = ids(conn, &page.deliveries);
    let mut attempted = ids(conn, &page.attempts);
    let mut shown = deliveries.clone();
    shown.sort();
    attempted.sort();
    assert_eq!(
        attempted, shown,
        "the attempts of exactly the page's deliveries"
    );
    deliveries
}

#[test]
fn walking_the_delivery_log_shows_each_delivery_once_both_ways_with_its_attempts() {
    let conn = fixture();
    let all = expected(
        &conn,
        "SELECT id FROM webhook_deliveries WHERE endpoint_id = 'we_live_001' \
         ORDER BY created_at DESC, id DESC",
    );
    assert_eq!((all.len(), all[0].as_str()), (130, "whd_129"));
    for limit in [1, 25, 39, 100] {
        let (older, newer) = walk(limit, |cursor| {
            log(
                &conn,
                &delivery_query::log_page("mer_1", false, "we_live_001", cursor, limit),
            )
        });
        assert_eq!(older, all, "older by {limit}");
        assert_eq!(newer, all, "back newer by {limit}");
    }
}

#[test]
fn the_log_checks_the_callers_endpoint_and_takes_only_its_deliveries_as_cursors() {
    let conn = fixture();
    let page = |merchant: &str, livemode: bool, endpoint: &str, cursor: &str| {
        delivery_query::log_page(
            merchant,
            livemode,
            endpoint,
            &Cursor::Before(cursor.into()),
            5,
        )
    };
    let mine = page("mer_1", false, "we_live_001", "whd_010");
    assert_eq!(ids(&conn, &mine.endpoint), ["we_live_001"]);
    assert_eq!(ids(&conn, &mine.cursor.clone().unwrap()), ["10"]);
    assert_eq!(
        log(&conn, &mine),
        [
            "whd_011", "whd_012", "whd_013", "whd_014", "whd_015", "whd_016"
        ]
    );
    assert!(
        ids(
            &conn,
            &page("mer_2", false, "we_live_001", "whd_010").endpoint
        )
        .is_empty()
    );
    assert!(
        ids(
            &conn,
            &page("mer_1", true, "we_live_001", "whd_010").endpoint
        )
        .is_empty()
    );
    // Deleted endpoints have no log.
    assert!(
        ids(
            &conn,
            &page("mer_1", false, "we_live_003", "whd_010").endpoint
        )
        .is_empty()
    );
    let elsewhere = page("mer_1", false, "we_live_001", "whd_elsewhere");
    assert!(ids(&conn, &elsewhere.cursor.clone().unwrap()).is_empty());
    assert!(log(&conn, &elsewhere).is_empty());
}

#[test]
fn each_page_seeks_on_its_index_without_sorting() {
    let conn = fixture();
    for cursor in [
        Cursor::Start,
        Cursor::After("x".into()),
        Cursor::Before("x".into()),
    ] {
        let endpoints = plan(&conn, &endpoints_query::page("m", false, &cursor, 100).rows);
        assert!(
            endpoints.contains("USING INDEX webhook_endpoints_by_merchant"),
            "{cursor:?}: {endpoints}"
        );
        let log = delivery_query::log_page("m", false, "we_1", &cursor, 100);
        for query in [&log.deliveries, &log.attempts] {
            let plan = plan(&conn, query);
            assert!(
                plan.contains("USING INDEX webhook_deliveries_by_endpoint")
                    || plan.contains("USING COVERING INDEX webhook_deliveries_by_endpoint"),
                "{cursor:?}: {plan}"
            );
            assert!(!plan.contains("SCAN d"), "{cursor:?}: {plan}");
        }
        for plan in [endpoints, plan(&conn, &log.deliveries)] {
            assert!(!plan.contains("TEMP B-TREE"), "sorts: {cursor:?}: {plan}");
        }
        if !matches!(cursor, Cursor::Start) {
            assert!(
                plan(&conn, &log.deliveries).contains("(created_at,id)<(?,?)")
                    || plan(&conn, &log.deliveries).contains("(created_at,id)>(?,?)"),
                "seeks from the cursor: {}",
                plan(&conn, &log.deliveries)
            );
        }
    }
}
