//! The endpoint list, built without I/O: a page of one mode's endpoints, newest first, read in
//! one D1 batch with the lookup of its cursor.

use shared::api::list::Cursor;

use crate::api::paging;
use crate::platform::sql::{Arg, Query};
use crate::webhooks::endpoint_row::COLUMNS;

/// The statements of one page, run as one batch in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The cursor endpoint's `created_at`, when the page has a cursor: no row is a 400.
    pub cursor: Option<Query>,
    /// `limit + 1` endpoints, so the caller knows whether more follow.
    pub rows: Query,
}

/// The cursor's sort key, with `?{n}` its id: any endpoint of the merchant in this mode,
/// deleted ones too, so deleting the last endpoint shown keeps the way to the next page.
fn sort_key(n: usize) -> String {
    format!(
        "SELECT created_at FROM webhook_endpoints WHERE id = ?{n} AND merchant_id = ?1 \
         AND livemode = ?2"
    )
}

/// A page of the merchant's live endpoints in this mode, seeking on
/// `webhook_endpoints_by_merchant (merchant_id, livemode, created_at DESC, id DESC)`.
pub fn page(merchant_id: &str, livemode: bool, cursor: &Cursor, limit: u32) -> Page {
    let owner = vec![
        Arg::Text(merchant_id.to_owned()),
        Arg::Int(i64::from(livemode)),
    ];
    let mut args = owner.clone();
    let mut clauses = vec!["merchant_id = ?1 AND livemode = ?2 AND deleted_at IS NULL".to_owned()];
    let (seek, order) = paging::seek_sql(cursor, "", sort_key, &mut args);
    clauses.extend(seek);
    args.push(Arg::Int(i64::from(limit) + 1));
    let rows = Query {
        sql: format!(
            "SELECT {COLUMNS} FROM webhook_endpoints WHERE {} \
             ORDER BY created_at {order}, id {order} LIMIT ?{}",
            clauses.join(" AND "),
            args.len()
        ),
        args,
    };
    let cursor = match cursor {
        Cursor::Start => None,
        Cursor::After(id) | Cursor::Before(id) => {
            let mut args = owner;
            args.push(Arg::Text(id.clone()));
            Some(Query {
                sql: sort_key(3),
                args,
            })
        }
    };
    Page { cursor, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_is_one_modes_live_endpoints_newest_first_with_one_extra_row() {
        let page = page("mer_1", true, &Cursor::Start, 100);
        assert_eq!(page.cursor, None);
        assert!(
            page.rows.sql.ends_with(
                "FROM webhook_endpoints WHERE merchant_id = ?1 AND livemode = ?2 \
                 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?3"
            ),
            "{}",
            page.rows.sql
        );
        assert_eq!(
            page.rows.args,
            [Arg::Text("mer_1".into()), Arg::Int(1), Arg::Int(101)]
        );
    }

    #[test]
    fn a_cursor_is_looked_up_among_the_callers_endpoints_deleted_or_not() {
        let page = page("mer_1", false, &Cursor::After("we_x".into()), 10);
        let lookup = page.cursor.expect("a cursor page looks its cursor up");
        assert_eq!(
            lookup.sql,
            "SELECT created_at FROM webhook_endpoints WHERE id = ?3 AND merchant_id = ?1 \
             AND livemode = ?2"
        );
        assert_eq!(
            lookup.args,
            [
                Arg::Text("mer_1".into()),
                Arg::Int(0),
                Arg::Text("we_x".into())
            ]
        );
        assert!(!lookup.sql.contains("deleted_at"));
    }

    #[test]
    fn cursors_seek_on_the_cursors_created_at_then_id_both_ways() {
        let after = page("m", false, &Cursor::After("we_x".into()), 10).rows;
        assert!(
            after.sql.contains(
                "(created_at, id) < ((SELECT created_at FROM webhook_endpoints WHERE id = ?3"
            ),
            "{}",
            after.sql
        );
        assert!(
            after
                .sql
                .ends_with("ORDER BY created_at DESC, id DESC LIMIT ?4")
        );
        let before = page("m", false, &Cursor::Before("we_x".into()), 10).rows;
        assert!(before.sql.contains("(created_at, id) > (("));
        assert!(before.sql.contains("ORDER BY created_at ASC, id ASC"));
        assert_eq!(before.args[2..], [Arg::Text("we_x".into()), Arg::Int(11)]);
    }
}
