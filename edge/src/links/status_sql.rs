//! The SQL condition for a set of link statuses: `LinkStatus::of`, written over the columns.
//!
//! Each status's condition excludes those that win over it (archived > expired > sold_out >
//! inactive > active), so a link matches exactly the statuses its object shows. The
//! conditions filter rows the page index already seeks to; they never need an index of their
//! own, so any set of statuses pages in the same plan.

use shared::link::{LinkStatus, StatusSet};

/// The condition matching links whose status at `now` is in `set`, or `None` when every link
/// matches. `now` gives the placeholder of the current time, and is called only when the
/// condition depends on time, so no parameter is bound that the statement does not use.
pub fn condition(set: StatusSet, now: impl FnOnce() -> String) -> Option<String> {
    let unarchived: Vec<LinkStatus> = set
        .statuses()
        .filter(|s| *s != LinkStatus::Archived)
        .collect();
    let archived = set.contains(LinkStatus::Archived);
    let every_unarchived = unarchived.len() == LinkStatus::ALL.len() - 1;
    let live = match unarchived.as_slice() {
        [] => None,
        _ if every_unarchived => Some("archived_at IS NULL".to_owned()),
        statuses => {
            let t = now();
            let parts: Vec<String> = statuses.iter().map(|s| unarchived_sql(*s, &t)).collect();
            let joined = match parts.as_slice() {
                [one] => one.clone(),
                _ => format!("({})", parts.join(" OR ")),
            };
            Some(format!("archived_at IS NULL AND {joined}"))
        }
    };
    match (archived, live) {
        (true, _) if every_unarchived => None,
        (true, None) => Some("archived_at IS NOT NULL".to_owned()),
        (true, Some(live)) => Some(format!("(archived_at IS NOT NULL OR ({live}))")),
        (false, Some(live)) => Some(live),
        // Only an empty set gets here; parsing never makes one.
        (false, None) => Some("0".to_owned()),
    }
}

/// The condition of one status among links that are not archived; `t` is the time placeholder.
fn unarchived_sql(status: LinkStatus, t: &str) -> String {
    let expired = format!("expires_at IS NOT NULL AND expires_at <= {t}");
    let unexpired = format!("(expires_at IS NULL OR expires_at > {t})");
    let sold_out = "max_payments IS NOT NULL AND payments_count >= max_payments";
    let room_left = "(max_payments IS NULL OR payments_count < max_payments)";
    match status {
        LinkStatus::Expired => format!("({expired})"),
        LinkStatus::SoldOut => format!("({unexpired} AND {sold_out})"),
        LinkStatus::Inactive => format!("({unexpired} AND {room_left} AND active = 0)"),
        LinkStatus::Active => format!("({unexpired} AND {room_left} AND active = 1)"),
        // Not reached: archived links are matched by `archived_at IS NOT NULL` alone.
        LinkStatus::Archived => "archived_at IS NOT NULL".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sql(set: &str) -> Option<String> {
        condition(StatusSet::parse(set).unwrap(), || "?1".to_owned())
    }

    #[test]
    fn every_status_or_all_but_archived_need_no_time() {
        assert_eq!(sql("all"), None);
        assert_eq!(
            sql("active,inactive,expired,sold_out,archived"),
            None,
            "every name listed is all"
        );
        let mut asked = false;
        let default = condition(StatusSet::UNARCHIVED, || {
            asked = true;
            "?1".into()
        });
        assert_eq!(default.as_deref(), Some("archived_at IS NULL"));
        assert!(!asked, "no time parameter is bound for it");
        assert_eq!(sql("archived").as_deref(), Some("archived_at IS NOT NULL"));
    }

    #[test]
    fn sold_out_is_its_count_at_the_limit_on_a_link_not_expired() {
        assert_eq!(
            sql("sold_out").as_deref(),
            Some(
                "archived_at IS NULL AND ((expires_at IS NULL OR expires_at > ?1) AND \
                 max_payments IS NOT NULL AND payments_count >= max_payments)"
            )
        );
    }

    #[test]
    fn a_list_of_statuses_matches_any_of_them() {
        let both = sql("active,inactive").unwrap();
        assert!(both.starts_with("archived_at IS NULL AND (("), "{both}");
        assert!(
            both.contains("active = 1) OR (") && both.contains("active = 0)"),
            "{both}"
        );
        let with_archived = sql("archived,expired").unwrap();
        assert!(
            with_archived.starts_with("(archived_at IS NOT NULL OR (archived_at IS NULL AND "),
            "{with_archived}"
        );
    }

    /// Run in SQLite, on the host only (rusqlite does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    mod in_sqlite {
        use super::*;
        use rusqlite::Connection;
        use shared::link::StatusInputs;

        const NOW: i64 = 100;

        /// Every combination of the columns a status reads, one row each.
        fn rows() -> Vec<StatusInputs> {
            let mut rows = Vec::new();
            for archived in [false, true] {
                for active in [false, true] {
                    for expires_at in [None, Some(NOW), Some(NOW + 1)] {
                        for max_payments in [None, Some(1), Some(2)] {
                            rows.push(StatusInputs {
                                archived,
                                active,
                                expires_at,
                                max_payments,
                                payments_count: 1,
                            });
                        }
                    }
                }
            }
            rows
        }

        /// Which of `rows` the condition of `set` selects, run in SQLite.
        fn selected(conn: &Connection, set: StatusSet) -> Vec<usize> {
            let condition = condition(set, || "?1".to_owned()).unwrap_or_else(|| "1".into());
            // `?1 = ?1` uses the time parameter in every statement, as SQLite wants each bound one
            // to appear; it is true for any time.
            let sql = format!("SELECT n FROM t WHERE {condition} AND ?1 = ?1 ORDER BY n");
            let mut statement = conn.prepare(&sql).unwrap();
            statement
                .query_map([NOW], |row| row.get::<_, usize>(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        }

        #[test]
        fn the_sql_selects_exactly_the_links_link_status_of_gives_those_statuses() {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(
                "CREATE TABLE t (n INTEGER, archived_at INTEGER, active INTEGER, expires_at INTEGER, \
                 max_payments INTEGER, payments_count INTEGER)",
            )
            .unwrap();
            let rows = rows();
            for (n, row) in rows.iter().enumerate() {
                conn.execute(
                    "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![
                        n,
                        row.archived.then_some(5),
                        i64::from(row.active),
                        row.expires_at,
                        row.max_payments,
                        row.payments_count
                    ],
                )
                .unwrap();
            }
            // Every subset of the five statuses.
            for bits in 0..(1_u32 << LinkStatus::ALL.len()) {
                let set: StatusSet = LinkStatus::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, s)| s)
                    .collect();
                let expected: Vec<usize> = rows
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| set.contains(LinkStatus::of(**row, NOW)))
                    .map(|(n, _)| n)
                    .collect();
                assert_eq!(selected(&conn, set), expected, "{set:?}");
            }
        }
    }
}
