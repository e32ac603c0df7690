//! The watcher's SQL, pure so that host tests run it against the migrations: the due sessions
//! read together with their links' limits (a JOIN, so no statement binds one parameter per
//! link; their quotes come with `checkout::query::quotes_of`), the links of given sessions,
//! and the touch of sessions and quotes checked with nothing new.

use crate::checkout::row::COLUMNS;
use crate::platform::in_list::in_list;
use crate::platform::sql::{Arg, Query};

/// Statuses whose chain is still watched (see `SessionStatus::is_watched`); the partial index
/// `checkout_sessions_watched` has the same list, so the sweep reads it.
pub const WATCHED: &str =
    "('open', 'pending', 'paid', 'expired', 'underpaid', 'overpaid', 'paid_late', 'canceled')";

/// The link columns read beside a session, named apart from the session's own columns.
const LINK_COLUMNS: &str = "l.id AS link_id, l.slug AS link_slug, l.active AS link_active, \
    l.expires_at AS link_expires_at, l.max_payments AS link_max_payments, \
    l.payments_count AS link_payments_count";

/// Up to `?2` watched sessions still in their window at `?1`, the longest unchecked first,
/// each row with its link's limits (`LINK_COLUMNS`, all `NULL` for a session without a
/// link): two parameters however many links.
pub fn due() -> String {
    let session: Vec<String> = COLUMNS
        .split(',')
        .map(|c| format!("s.{}", c.trim()))
        .filter(|c| c != "s.link_id")
        .collect();
    format!(
        "SELECT {}, {LINK_COLUMNS} FROM checkout_sessions s LEFT JOIN payment_links l ON l.id = s.link_id \
         WHERE s.status IN {WATCHED} AND s.watch_until >= ?1 \
         ORDER BY s.checked_at IS NOT NULL, s.checked_at LIMIT ?2",
        session.join(", ")
    )
}

/// The limits of these links, with the column names [`due`] gives them, in as many
/// statements as D1's parameter bound needs.
pub fn limits(link_ids: &[String]) -> Result<Vec<Query>, String> {
    let ids: Vec<Arg> = link_ids.iter().cloned().map(Arg::Text).collect();
    in_list(
        &format!("SELECT {LINK_COLUMNS} FROM payment_links l WHERE l.id IN ({{list}})"),
        &[],
        &ids,
    )
}

/// The limits of session ?1's link (no row for a session without one), for the poll's read.
pub fn limits_of_session(id: &str) -> Query {
    Query {
        sql: format!(
            "SELECT {LINK_COLUMNS} FROM payment_links l \
             WHERE l.id = (SELECT link_id FROM checkout_sessions WHERE id = ?1)"
        ),
        args: vec![Arg::Text(id.to_owned())],
    }
}

/// The scan cursor of session ?1's chain (no row before the chain's first check).
pub fn cursor_of_session(id: &str) -> Query {
    Query {
        sql: "SELECT chain, scanned_block FROM chain_checks \
              WHERE chain = (SELECT chain FROM checkout_sessions WHERE id = ?1)"
            .into(),
        args: vec![Arg::Text(id.to_owned())],
    }
}

/// Marks these sessions checked at `now`, in as many statements as D1's parameter bound
/// needs.
pub fn touch(session_ids: &[String], now: i64) -> Result<Vec<Query>, String> {
    let ids: Vec<Arg> = session_ids.iter().cloned().map(Arg::Text).collect();
    in_list(
        "UPDATE checkout_sessions SET checked_at = ?1 WHERE id IN ({list})",
        &[Arg::Int(now)],
        &ids,
    )
}

/// Marks these quotes read at block `head` (their next log window starts from it).
pub fn touch_quotes(quote_ids: &[String], head: i64) -> Result<Vec<Query>, String> {
    let ids: Vec<Arg> = quote_ids.iter().cloned().map(Arg::Text).collect();
    in_list(
        "UPDATE checkout_quotes SET checked_block = ?1 WHERE id IN ({list})",
        &[Arg::Int(head)],
        &ids,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_sessions_bind_only_the_time_and_the_limit() {
        let sql = due();
        assert!(
            sql.contains("?1") && sql.contains("?2") && !sql.contains("?3"),
            "{sql}"
        );
        assert!(
            sql.contains("LEFT JOIN payment_links l ON l.id = s.link_id"),
            "{sql}"
        );
        assert!(
            !sql.contains("s.link_id,"),
            "the link's id is read once: {sql}"
        );
    }

    #[test]
    fn the_watched_statuses_in_sql_are_the_ones_the_status_machine_watches() {
        let watched: Vec<String> = shared::session::SessionStatus::ALL
            .into_iter()
            .filter(|s| s.is_watched())
            .map(|s| format!("'{s}'"))
            .collect();
        assert_eq!(WATCHED, format!("({})", watched.join(", ")));
    }

    #[test]
    fn limits_and_touches_of_many_sessions_split_under_the_bound() {
        let ids: Vec<String> = (0..250).map(|i| format!("x_{i}")).collect();
        assert_eq!(limits(&ids).unwrap().len(), 3);
        assert_eq!(touch(&ids, 1).unwrap().len(), 3);
        assert_eq!(touch_quotes(&ids, 9).unwrap().len(), 3);
        assert_eq!(limits(&[]).unwrap(), []);
    }
}
