//! The delivery sender's and the delivery log's reads of many rows at once, pure so that host
//! tests run them against the migrations; none binds one parameter per row without a bound.

use shared::api::list::Cursor;

use crate::api::paging;
use crate::platform::in_list::in_list;
use crate::platform::sql::{Arg, Query};

/// The claimed deliveries' events and endpoints, in as many statements as D1's parameter
/// bound needs.
pub fn outgoing(delivery_ids: &[String]) -> Result<Vec<Query>, String> {
    let ids: Vec<Arg> = delivery_ids.iter().cloned().map(Arg::Text).collect();
    in_list(
        "SELECT d.id, d.attempts, ev.id AS event_id, ev.type AS event_type, \
         ev.created_at AS event_created_at, ev.livemode, ev.data, e.id AS endpoint_id, \
         e.merchant_id, e.url, e.enabled, e.secret, e.previous_secret, e.previous_secret_until \
         FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
         JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id IN ({list})",
        &[],
        &ids,
    )
}

/// Deliveries on a page of the log unless `limit` says otherwise (the API's usual page).
pub const LOG_DEFAULT_LIMIT: u32 = shared::api::list::ListParams::DEFAULT_LIMIT;

/// The columns of a delivery as the log shows it, `d` the delivery and `ev` its event.
const LOG_COLUMNS: &str = "d.id, d.event_id, ev.type AS event_type, d.endpoint_id, d.status, \
    d.next_attempt_at, d.created_at";

/// The statements of one page of an endpoint's delivery log, run as one batch in this order,
/// so the caller's check, the cursor and the page are read in one round trip and see the same
/// rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPage {
    /// The endpoint, if it is the caller's and not deleted: no row is a 404.
    pub endpoint: Query,
    /// The cursor delivery's `created_at`, when the page has a cursor: no row is a 400.
    pub cursor: Option<Query>,
    /// `limit + 1` deliveries, so the caller knows whether more follow.
    pub deliveries: Query,
    /// The attempts of exactly those deliveries: selected by the same subquery, with the same
    /// parameters, rather than by one parameter per delivery.
    pub attempts: Query,
}

/// The cursor's sort key, with `?{n}` its id: a delivery of this endpoint (`?1`) only.
fn sort_key(n: usize) -> String {
    format!("SELECT created_at FROM webhook_deliveries WHERE id = ?{n} AND endpoint_id = ?1")
}

/// A page of endpoint `endpoint_id`'s log, newest first, seeking on
/// `webhook_deliveries_by_endpoint (endpoint_id, created_at DESC, id DESC)`. The newest page
/// starts at the top whatever was delivered since an older one was read, so a test ping or
/// a delivery written just before is on it; a redelivery keeps its delivery's place.
pub fn log_page(
    merchant_id: &str,
    livemode: bool,
    endpoint_id: &str,
    cursor: &Cursor,
    limit: u32,
) -> LogPage {
    let endpoint = Query {
        sql: "SELECT id FROM webhook_endpoints WHERE id = ?1 AND merchant_id = ?2 \
              AND livemode = ?3 AND deleted_at IS NULL"
            .into(),
        args: vec![
            Arg::Text(endpoint_id.to_owned()),
            Arg::Text(merchant_id.to_owned()),
            Arg::Int(i64::from(livemode)),
        ],
    };
    let mut args = vec![Arg::Text(endpoint_id.to_owned())];
    let mut clauses = vec!["d.endpoint_id = ?1".to_owned()];
    let (seek, order) = paging::seek_sql(cursor, "d.", sort_key, &mut args);
    clauses.extend(seek);
    args.push(Arg::Int(i64::from(limit) + 1));
    let shown = format!(
        "WHERE {} ORDER BY d.created_at {order}, d.id {order} LIMIT ?{}",
        clauses.join(" AND "),
        args.len()
    );
    let deliveries = Query {
        sql: format!(
            "SELECT {LOG_COLUMNS} FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
             {shown}"
        ),
        args: args.clone(),
    };
    let attempts = Query {
        sql: format!(
            "SELECT delivery_id, attempt, status_code, duration_ms, response_body, error, \
             attempted_at FROM webhook_attempts WHERE delivery_id IN ( \
             SELECT d.id FROM webhook_deliveries d {shown}) ORDER BY attempt"
        ),
        args,
    };
    let cursor = match cursor {
        Cursor::Start => None,
        Cursor::After(id) | Cursor::Before(id) => Some(Query {
            sql: sort_key(2),
            args: vec![Arg::Text(endpoint_id.to_owned()), Arg::Text(id.clone())],
        }),
    };
    LogPage {
        endpoint,
        cursor,
        deliveries,
        attempts,
    }
}

/// One delivery of an endpoint (`?1`: the endpoint, `?2`: the delivery), as [`log_page`]
/// reads it: however old, so a redelivery answers the delivery it requeued and a test ping
/// the delivery it wrote.
pub const ONE: &str = "SELECT d.id, d.event_id, ev.type AS event_type, d.endpoint_id, d.status, \
    d.next_attempt_at, d.created_at FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
    WHERE d.endpoint_id = ?1 AND d.id = ?2";

/// The attempts of the delivery [`ONE`] reads, with the same two parameters.
pub const ONE_ATTEMPTS: &str = "SELECT a.delivery_id, a.attempt, a.status_code, a.duration_ms, \
    a.response_body, a.error, a.attempted_at FROM webhook_attempts a \
    JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ?1 AND d.id = ?2 \
    ORDER BY a.attempt";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_page_checks_the_endpoint_and_reads_one_extra_delivery() {
        let page = log_page("mer_1", false, "we_1", &Cursor::Start, 25);
        assert_eq!(page.cursor, None);
        assert!(page.endpoint.sql.contains("deleted_at IS NULL"));
        assert_eq!(
            page.endpoint.args,
            [
                Arg::Text("we_1".into()),
                Arg::Text("mer_1".into()),
                Arg::Int(0)
            ]
        );
        assert!(
            page.deliveries.sql.ends_with(
                "WHERE d.endpoint_id = ?1 ORDER BY d.created_at DESC, d.id DESC LIMIT ?2"
            ),
            "{}",
            page.deliveries.sql
        );
        assert_eq!(
            page.deliveries.args,
            [Arg::Text("we_1".into()), Arg::Int(26)]
        );
    }

    #[test]
    fn the_attempts_are_those_of_the_same_deliveries_with_the_same_parameters() {
        for cursor in [
            Cursor::Start,
            Cursor::After("whd_x".into()),
            Cursor::Before("whd_x".into()),
        ] {
            let page = log_page("m", true, "we_1", &cursor, 10);
            assert_eq!(page.attempts.args, page.deliveries.args, "{cursor:?}");
            let tail = |sql: &str| sql[sql.find("WHERE d.endpoint_id").unwrap()..].to_owned();
            assert_eq!(
                tail(&page.attempts.sql).replace(") ORDER BY attempt", ""),
                tail(&page.deliveries.sql),
                "{cursor:?}"
            );
        }
    }

    #[test]
    fn a_cursor_is_a_delivery_of_this_endpoint_and_seeks_both_ways() {
        let after = log_page("m", true, "we_1", &Cursor::After("whd_x".into()), 10);
        assert_eq!(
            after.cursor.map(|q| (q.sql, q.args)),
            Some((
                "SELECT created_at FROM webhook_deliveries WHERE id = ?2 AND endpoint_id = ?1"
                    .to_owned(),
                vec![Arg::Text("we_1".into()), Arg::Text("whd_x".into())]
            ))
        );
        assert!(
            after
                .deliveries
                .sql
                .contains("(d.created_at, d.id) < ((SELECT created_at FROM webhook_deliveries WHERE id = ?2 AND endpoint_id = ?1), ?2)"),
            "{}",
            after.deliveries.sql
        );
        let before = log_page("m", true, "we_1", &Cursor::Before("whd_x".into()), 10);
        assert!(before.deliveries.sql.contains("(d.created_at, d.id) > (("));
        assert!(
            before
                .deliveries
                .sql
                .contains("ORDER BY d.created_at ASC, d.id ASC LIMIT ?3")
        );
    }
}
