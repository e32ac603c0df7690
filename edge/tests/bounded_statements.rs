//! Every statement that reads or writes a list of rows at once, run against the migrations in
//! SQLite at 0, 1, 100, 101 and 250 items: each binds at most D1's 100 parameters (SQLite
//! itself would take far more, so the count is asserted, not left to SQLite) and together they
//! touch every item once.
#![cfg(not(target_arch = "wasm32"))]

use edge::chain::query as watch_query;
use edge::checkout::query as checkout_query;
use edge::links::query::{self as link_query, Filters, Seek};
use edge::platform::in_list::MAX_BOUND_PARAMETERS;
use edge::platform::sql::{Arg, Query};
use edge::webhooks::deliveries_query as delivery_query;
use rusqlite::{Connection, params, params_from_iter};
use shared::link::{LinkStatus, StatusSet};
use support::{migrated, values};

mod support;

const SIZES: [usize; 5] = [0, 1, 100, 101, 250];

/// The highest `?N` in `sql`: what D1 counts against its bound.
fn highest_placeholder(sql: &str) -> usize {
    sql.split('?')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

fn assert_bounded(queries: &[Query]) {
    for q in queries {
        assert!(
            q.args.len() <= MAX_BOUND_PARAMETERS,
            "{} args",
            q.args.len()
        );
        assert_eq!(highest_placeholder(&q.sql), q.args.len(), "{}", q.sql);
    }
}

/// Rows the queries read, all together.
fn read(conn: &Connection, queries: &[Query]) -> usize {
    assert_bounded(queries);
    queries
        .iter()
        .map(|q| {
            let mut statement = conn.prepare(&q.sql).unwrap();
            statement
                .query_map(params_from_iter(values(&q.args)), |_| Ok(()))
                .unwrap()
                .count()
        })
        .sum()
}

/// `n` links with one watched ETH session each, and one delivery (with one attempt) of one
/// event per session to one endpoint.
fn fixture(n: usize) -> Connection {
    let conn = migrated();
    conn.execute(
        "INSERT INTO merchants (id, name, created_at) VALUES ('mer_1', 'Bean Shop', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO webhook_endpoints (id, merchant_id, livemode, url, enabled_events, enabled, \
         secret, created_at, updated_at) VALUES ('we_1', 'mer_1', 0, 'http://127.0.0.1/', '*', 1, 's', 1, 1)",
        [],
    )
    .unwrap();
    for i in 0..n {
        conn.execute(
            "INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, amount, \
             currency, assets, chain, active, metadata, created_at, updated_at) \
             VALUES (?1, 'mer_1', 0, ?2, 'Beans', 'fixed', '1', 'USD', 'ETH', 'anvil', 1, '{}', 1, 1)",
            params![format!("pl_{i}"), format!("beans-{i}")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO checkout_sessions (id, merchant_id, link_id, livemode, status, amount, \
             currency, assets, chain, url, expires_at, watch_until, quotes_count, created_at, \
             updated_at) VALUES (?1, 'mer_1', ?2, 0, 'open', '1', 'USD', 'ETH', 'anvil', \
             '/c/' || ?1, 100, 1000, 1, 1, 1)",
            params![format!("cs_{i}"), format!("pl_{i}")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO checkout_quotes (id, session_id, merchant_id, livemode, status, asset, \
             chain, rate, amount_due, accept_from, deposit_index, deposit_address, expires_at, \
             created_at, updated_at) VALUES (?1, ?2, 'mer_1', 0, 'open', 'ETH', 'anvil', '3000', \
             '5', '5', ?3, ?4, 100, 1, 1)",
            params![
                format!("qt_{i}"),
                format!("cs_{i}"),
                i as i64,
                format!("0x{i:040x}")
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO events (id, merchant_id, livemode, type, created_at, data) \
             VALUES (?1, 'mer_1', 0, 'checkout_session.paid', ?2, '{}')",
            params![format!("evt_{i}"), i as i64],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, \
             created_at, updated_at) VALUES (?1, ?2, 'we_1', 'succeeded', 1, ?3, ?3)",
            params![format!("whd_{i}"), format!("evt_{i}"), i as i64],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, attempted_at) \
             VALUES (?1, 1, 200, 5, ?2)",
            params![format!("whd_{i}"), i as i64],
        )
        .unwrap();
    }
    conn
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}_{i}")).collect()
}

#[test]
fn the_due_sessions_come_with_their_links_limits_from_one_statement_of_two_parameters() {
    for n in SIZES {
        let conn = fixture(n);
        let plan: String = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", watch_query::due()))
            .unwrap()
            .query_map(params![500, 400], |row| row.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join("; ");
        assert!(
            plan.contains("USING INDEX checkout_sessions_watched"),
            "{plan}"
        );
        assert!(
            !plan.contains("SCAN l"),
            "links are looked up by key: {plan}"
        );
        let mut statement = conn.prepare(&watch_query::due()).unwrap();
        let names: Vec<String> = statement
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        for column in [
            "id",
            "link_id",
            "status",
            "link_slug",
            "link_payments_count",
        ] {
            assert_eq!(
                names.iter().filter(|c| *c == column).count(),
                1,
                "{column} in {names:?}"
            );
        }
        let rows: Vec<(String, String, String)> = statement
            .query_map(params![500, 400], |row| {
                Ok((row.get("id")?, row.get("link_id")?, row.get("link_slug")?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), n.min(400));
        for (session, link, slug) in rows {
            let i = session.trim_start_matches("cs_");
            assert_eq!(
                (link.as_str(), slug.as_str()),
                (format!("pl_{i}").as_str(), format!("beans-{i}").as_str())
            );
        }
        // Their quotes come in one more statement of the same two parameters.
        let quotes = checkout_query::quotes_of(&Query {
            sql: watch_query::due(),
            args: vec![Arg::Int(500), Arg::Int(400)],
        });
        assert_eq!(read(&conn, &[quotes]), n.min(400));
    }
}

#[test]
fn link_limits_and_outgoing_deliveries_of_any_number_are_read_in_bounded_statements() {
    type Build = fn(&[String]) -> Result<Vec<Query>, String>;
    let reads: [(&str, Build); 2] = [
        ("pl", watch_query::limits),
        ("whd", delivery_query::outgoing),
    ];
    for n in SIZES {
        let conn = fixture(n);
        for (prefix, build) in reads {
            let queries = build(&ids(prefix, n)).unwrap();
            assert_eq!(read(&conn, &queries), n, "{n} of {prefix}");
        }
    }
}

#[test]
fn touching_any_number_of_sessions_writes_each_once_in_bounded_statements() {
    for n in SIZES {
        let conn = fixture(n);
        let mut queries = watch_query::touch(&ids("cs", n), 77).unwrap();
        queries.extend(watch_query::touch_quotes(&ids("qt", n), 42).unwrap());
        assert_bounded(&queries);
        let changed: usize = queries
            .iter()
            .map(|q| {
                conn.execute(&q.sql, params_from_iter(values(&q.args)))
                    .unwrap()
            })
            .sum();
        assert_eq!(changed, 2 * n);
        let touched: usize = conn
            .query_row(
                "SELECT (SELECT count(*) FROM checkout_sessions WHERE checked_at = 77) \
                 + (SELECT count(*) FROM checkout_quotes WHERE checked_block = 42) - ?1",
                [n as i64],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(touched, n);
    }
}

#[test]
fn one_delivery_is_read_with_its_attempts_however_old_and_only_of_its_endpoint() {
    let conn = fixture(250);
    let read = |sql: &str, endpoint: &str, id: &str| -> Vec<String> {
        let mut statement = conn.prepare(sql).unwrap();
        statement
            .query_map(params![endpoint, id], |row| row.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    // whd_3 is far older than the newest 100, the most one page of the log shows.
    assert_eq!(read(delivery_query::ONE, "we_1", "whd_3"), ["whd_3"]);
    let attempts = read(delivery_query::ONE_ATTEMPTS, "we_1", "whd_3");
    assert!(
        !attempts.is_empty() && attempts.iter().all(|d| d == "whd_3"),
        "{attempts:?}"
    );
    assert!(read(delivery_query::ONE, "we_other", "whd_3").is_empty());
    assert!(read(delivery_query::ONE_ATTEMPTS, "we_other", "whd_3").is_empty());
    assert_eq!(highest_placeholder(delivery_query::ONE_ATTEMPTS), 2);
}

#[test]
fn every_link_list_page_binds_the_parameters_it_uses_and_no_more() {
    let conn = fixture(3);
    // Every set of statuses a filter can name, with each cursor and every other filter: the
    // time is bound once however many statuses use it, and not at all when none does.
    for bits in 1..(1_u32 << LinkStatus::ALL.len()) {
        let status: StatusSet = LinkStatus::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, s)| s)
            .collect();
        for seek in [
            Seek::First,
            Seek::After(5, "pl_a".into()),
            Seek::Before(5, "pl_a".into()),
        ] {
            let filters = Filters {
                status,
                currency: Some(shared::money::Currency::Usd),
                created_gte: Some(0),
                created_lte: Some(10),
                q: Some("bean".into()),
            };
            let query = link_query::page("mer_1", false, &filters, &seek, 100, 1_000);
            read(&conn, &[query]);
        }
    }
}
