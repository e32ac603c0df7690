//! The session and quote statements other than the list page, pure so that host tests run
//! them against the migrations: one session, the public view's names, a session's quotes
//! read in the same batch as the sessions, and the inserts.

use crate::checkout::quote_row::{QUOTE_COLUMNS, QuoteRow};
use crate::checkout::row::{COLUMNS, SessionRow};
use crate::platform::sql::{Arg, Query};

fn text(value: &str) -> Arg {
    Arg::Text(value.to_owned())
}

fn opt_text(value: &Option<String>) -> Option<Arg> {
    value.as_deref().map(text)
}

/// The merchant's session `id` in this mode.
pub fn one(merchant_id: &str, livemode: bool, id: &str) -> Query {
    Query {
        sql: format!(
            "SELECT {COLUMNS} FROM checkout_sessions WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
        ),
        args: vec![text(id), text(merchant_id), Arg::Int(i64::from(livemode))],
    }
}

/// Session `id` with the merchant's name and the slug of its link, for the customer's view.
pub fn public(id: &str) -> Query {
    let columns: Vec<String> = COLUMNS
        .split(',')
        .map(|c| format!("s.{}", c.trim()))
        .collect();
    Query {
        sql: format!(
            "SELECT {}, m.name AS merchant_name, l.slug AS link_slug FROM checkout_sessions s \
             JOIN merchants m ON m.id = s.merchant_id \
             LEFT JOIN payment_links l ON l.id = s.link_id WHERE s.id = ?1",
            columns.join(", ")
        ),
        args: vec![text(id)],
    }
}

/// The sort key of a cursor session, if it is the merchant's in this mode.
pub fn anchor(merchant_id: &str, livemode: bool, id: &str) -> Query {
    Query {
        sql: "SELECT created_at FROM checkout_sessions WHERE id = ?1 AND merchant_id = ?2 AND livemode = ?3"
            .into(),
        args: vec![text(id), text(merchant_id), Arg::Int(i64::from(livemode))],
    }
}

/// The quotes of the sessions `sessions` selects, oldest first, with the same arguments: run
/// in the same batch, it sees the same rows, and binds no parameter per session. Quotes made
/// in the same second keep the order they were made in: `rowid` only grows, as no quote is
/// ever deleted (their random ids would order them by chance, and the newest is the current).
pub fn quotes_of(sessions: &Query) -> Query {
    Query {
        sql: format!(
            "SELECT {QUOTE_COLUMNS} FROM checkout_quotes WHERE session_id IN \
             (SELECT id FROM ({})) ORDER BY created_at, rowid",
            sessions.sql
        ),
        args: sessions.args.clone(),
    }
}

/// Binds `values` in order, `NULL` written inline for `None` (D1 binds no JS `null` in
/// every build); the SQL keeps one placeholder per value that is there.
fn values(values: Vec<Option<Arg>>, first: usize) -> (String, Vec<Arg>) {
    let mut sql = Vec::new();
    let mut args = Vec::new();
    for value in values {
        match value {
            Some(arg) => {
                args.push(arg);
                sql.push(format!("?{}", first + args.len() - 1));
            }
            None => sql.push("NULL".into()),
        }
    }
    (sql.join(", "), args)
}

/// Inserts a new session.
pub fn insert_session(row: &SessionRow) -> Query {
    let (list, args) = values(
        vec![
            Some(text(&row.id)),
            Some(text(&row.merchant_id)),
            opt_text(&row.link_id),
            Some(Arg::Int(row.livemode)),
            Some(text(&row.status)),
            Some(text(&row.amount)),
            Some(text(&row.currency)),
            Some(text(&row.assets)),
            Some(text(&row.chain)),
            Some(text(&row.url)),
            opt_text(&row.title),
            opt_text(&row.description),
            opt_text(&row.client_reference_id),
            Some(text(&row.metadata)),
            opt_text(&row.customer_email),
            opt_text(&row.success_url),
            opt_text(&row.cancel_url),
            Some(Arg::Int(row.expires_at)),
            Some(Arg::Int(row.watch_until)),
            Some(Arg::Int(row.quotes_count)),
            Some(Arg::Int(row.revision)),
            opt_text(&row.last_event_id),
            Some(text(&row.amount_reversed)),
            Some(Arg::Int(row.counted)),
            row.checked_at.map(Arg::Int),
            Some(Arg::Int(row.created_at)),
            Some(Arg::Int(row.updated_at)),
            row.paid_at.map(Arg::Int),
            row.canceled_at.map(Arg::Int),
            Some(text(&row.payer_form)),
            opt_text(&row.unit_amount),
            Some(Arg::Int(row.quantity)),
            opt_text(&row.customer),
            opt_text(&row.custom_fields),
            row.customer_data_redacted_at.map(Arg::Int),
        ],
        1,
    );
    Query {
        sql: format!("INSERT INTO checkout_sessions ({COLUMNS}) VALUES ({list})"),
        args,
    }
}

/// The claim of a new quote on `session` (as read: its revision) under `token`: counts the
/// quote, moves the revision and writes the payer and amount `session` holds, only if the
/// session is unchanged and open. Payer values are bound, never inlined; `NULL` clears.
pub fn claim_quote(session: &SessionRow, token: &str, now: i64) -> Query {
    let mut args = Vec::new();
    let mut bind = |value: Option<Arg>| match value {
        Some(arg) => {
            args.push(arg);
            format!("?{}", args.len())
        }
        None => "NULL".to_owned(),
    };
    let id = bind(Some(text(&session.id)));
    let revision = bind(Some(Arg::Int(session.revision)));
    let sets = [
        ("last_event_id", Some(text(token))),
        ("updated_at", Some(Arg::Int(now))),
        ("amount", Some(text(&session.amount))),
        ("quantity", Some(Arg::Int(session.quantity))),
        ("customer", opt_text(&session.customer)),
        ("custom_fields", opt_text(&session.custom_fields)),
        ("customer_email", opt_text(&session.customer_email)),
    ]
    .into_iter()
    .map(|(column, value)| format!("{column} = {}", bind(value)))
    .collect::<Vec<_>>()
    .join(", ");
    Query {
        sql: format!(
            "UPDATE checkout_sessions SET quotes_count = quotes_count + 1, \
             revision = revision + 1, {sets} \
             WHERE id = {id} AND revision = {revision} AND status = 'open'"
        ),
        args,
    }
}

/// `claim` (a [`claim_quote`]) that applies only if the statement before it in the batch
/// changed one row: the take of the quote's deposit index (`TAKE_AT` of
/// `accounts::wallet_sql`), so a quote whose index was taken meanwhile writes nothing.
pub fn after_take(claim: Query) -> Query {
    Query {
        sql: format!("{} AND changes() = 1", claim.sql),
        args: claim.args,
    }
}

/// Inserts `quote`, only if the session write before it in the batch set `last_event_id`
/// to `token` (so a quote never lands on a session that moved on meanwhile).
pub fn insert_quote(quote: &QuoteRow, token: &str) -> Query {
    let (list, mut args) = values(
        vec![
            Some(text(&quote.id)),
            Some(text(&quote.session_id)),
            Some(text(&quote.merchant_id)),
            Some(Arg::Int(quote.livemode)),
            Some(text(&quote.status)),
            Some(text(&quote.asset)),
            Some(text(&quote.chain)),
            opt_text(&quote.token_address),
            Some(text(&quote.rate)),
            Some(text(&quote.amount_due)),
            Some(text(&quote.accept_from)),
            Some(text(&quote.amount_received)),
            Some(text(&quote.amount_confirmed)),
            quote.deposit_index.map(Arg::Int),
            Some(text(&quote.deposit_address)),
            Some(Arg::Int(quote.expires_at)),
            Some(text(&quote.payments)),
            quote.checked_block.map(Arg::Int),
            Some(Arg::Int(quote.created_at)),
            Some(Arg::Int(quote.updated_at)),
            opt_text(&quote.payout_address),
            opt_text(&quote.factory_address),
            opt_text(&quote.salt),
            Some(text(&quote.amount_moved_out)),
            Some(Arg::Int(quote.quantity)),
        ],
        1,
    );
    let session = args.len() + 1;
    args.push(text(&quote.session_id));
    args.push(text(token));
    Query {
        sql: format!(
            "INSERT INTO checkout_quotes ({QUOTE_COLUMNS}) SELECT {list} WHERE EXISTS \
             (SELECT 1 FROM checkout_sessions WHERE id = ?{session} AND last_event_id = ?{})",
            session + 1
        ),
        args,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sessions_quotes_are_read_with_its_arguments_and_no_more() {
        let q = quotes_of(&one("mer_1", true, "cs_1"));
        assert!(
            q.sql
                .contains("WHERE session_id IN (SELECT id FROM (SELECT"),
            "{}",
            q.sql
        );
        assert_eq!(q.args.len(), 3);
    }

    #[test]
    fn missing_values_are_written_as_null_and_bind_nothing() {
        let (sql, args) = values(vec![Some(Arg::Int(1)), None, Some(Arg::Int(3))], 1);
        assert_eq!(sql, "?1, NULL, ?2");
        assert_eq!(args, [Arg::Int(1), Arg::Int(3)]);
    }
}
