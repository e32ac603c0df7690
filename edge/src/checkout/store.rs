//! `checkout_sessions` and `checkout_quotes` in D1: a session read with its quotes in one
//! round trip, and writes that apply only if the session is still as it was read.

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, D1Result};

use crate::api::error::ApiError;
use crate::checkout::query;
use crate::checkout::quote_row::QuoteRow;
use crate::checkout::row::{Session, SessionRow};
use crate::platform::sql::{Arg, Query};
use crate::platform::{js, prepared};

fn db_error(what: &str) -> impl Fn(worker::Error) -> ApiError + '_ {
    move |e| ApiError::internal(format!("{what}: {e}"))
}

/// Sessions chosen by `sessions` (a query reading `query::COLUMNS`, possibly with more),
/// each with its quotes: both statements in one batch, so one round trip and one snapshot.
/// `T` reads the extra columns of each session row.
pub async fn with_quotes<T: serde::de::DeserializeOwned>(
    db: &D1Database,
    sessions: &Query,
    what: &str,
) -> Result<Vec<(Session, T)>, ApiError> {
    let queries = [sessions.clone(), query::quotes_of(sessions)];
    let statements = prepared(db, &queries, what)?;
    let results = db.batch(statements).await.map_err(db_error(what))?;
    let [sessions, quotes] = results.as_slice() else {
        return Err(ApiError::internal(format!(
            "{what}: {} results",
            results.len()
        )));
    };
    read_with_quotes(sessions, quotes, what)
}

/// The sessions and quotes of a `sessions` query and its `query::quotes_of`, run in a batch
/// that may hold other statements too.
pub fn read_with_quotes<T: serde::de::DeserializeOwned>(
    sessions: &D1Result,
    quotes: &D1Result,
    what: &str,
) -> Result<Vec<(Session, T)>, ApiError> {
    let rows = sessions.results::<SessionRow>().map_err(db_error(what))?;
    let extras = sessions.results::<T>().map_err(db_error(what))?;
    let mut quotes = quotes.results::<QuoteRow>().map_err(db_error(what))?;
    Ok(rows
        .into_iter()
        .zip(extras)
        .map(|(row, extra)| {
            let (mine, rest): (Vec<QuoteRow>, Vec<QuoteRow>) =
                quotes.drain(..).partition(|q| q.session_id == row.id);
            quotes = rest;
            (Session { row, quotes: mine }, extra)
        })
        .collect())
}

/// No extra columns.
#[derive(Deserialize)]
pub struct Nothing {}

/// The merchant's session in this mode, with its quotes; `None` for anyone else's.
pub async fn get(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<Session>, ApiError> {
    let found =
        with_quotes::<Nothing>(db, &query::one(merchant_id, livemode, id), "session").await?;
    Ok(found.into_iter().next().map(|(s, _)| s))
}

/// What the customer's view adds to a session: names from the merchant and the link.
#[derive(Debug, Deserialize)]
pub struct PublicNames {
    pub merchant_name: String,
    pub link_slug: Option<String>,
}

/// Any session by id with its quotes: the id is the customer's capability for its view.
pub async fn public(db: &D1Database, id: &str) -> Result<Option<(Session, PublicNames)>, ApiError> {
    let found = with_quotes::<PublicNames>(db, &query::public(id), "public session").await?;
    Ok(found.into_iter().next())
}

/// A page of sessions with their quotes, from a query built by `query::page`.
pub async fn page(db: &D1Database, page: &Query) -> Result<Vec<Session>, ApiError> {
    let found = with_quotes::<Nothing>(db, page, "checkout_sessions page").await?;
    Ok(found.into_iter().map(|(s, _)| s).collect())
}

#[derive(Deserialize)]
struct Anchor {
    created_at: i64,
}

/// The sort key of a cursor session, if it is the merchant's in this mode.
pub async fn anchor(
    db: &D1Database,
    merchant_id: &str,
    livemode: bool,
    id: &str,
) -> Result<Option<i64>, ApiError> {
    let q = query::anchor(merchant_id, livemode, id);
    let args: Vec<_> = q.args.iter().map(js).collect();
    let row: Option<Anchor> = db
        .prepare(&q.sql)
        .bind(&args)
        .map_err(db_error("binding session anchor"))?
        .first(None)
        .await
        .map_err(db_error("session anchor"))?;
    Ok(row.map(|r| r.created_at))
}

/// The statement inserting a new session.
pub fn insert(db: &D1Database, row: &SessionRow) -> Result<D1PreparedStatement, ApiError> {
    prepared(db, &[query::insert_session(row)], "session insert").map(|mut v| v.remove(0))
}

/// The statements that add `quote` to `session` (as read, revision included) under the
/// write token `token`: the session's count and revision move only if it is unchanged and
/// open, and the quote is inserted only if they did. The same guarded update writes the
/// payer `session` holds now and the amount its quantity makes (see `query::claim_quote`).
/// `after_take`: the statement before these took the quote's deposit index, and the session
/// moves only if it did (`changes()` of that take).
pub fn add_quote(
    db: &D1Database,
    session: &SessionRow,
    quote: &QuoteRow,
    token: &str,
    now: i64,
    after_take: bool,
) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut claim = query::claim_quote(session, token, now);
    if after_take {
        claim = query::after_take(claim);
    }
    prepared(
        db,
        &[claim, query::insert_quote(quote, token)],
        "quote insert",
    )
}

/// Runs statements as one D1 batch (a transaction); the changes of each.
pub async fn run(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> Result<Vec<usize>, ApiError> {
    if statements.is_empty() {
        return Ok(Vec::new());
    }
    let results = db
        .batch(statements)
        .await
        .map_err(db_error("session batch"))?;
    results
        .iter()
        .map(|r| {
            let meta = r.meta().map_err(db_error("session batch meta"))?;
            Ok(meta.and_then(|m| m.changes).unwrap_or(0))
        })
        .collect()
}

/// The statement canceling `session` (as read) under `token`, if it is unchanged and open.
/// A session without quotes ends its watch now; one with quotes stays watched, since a
/// customer may still pay a quote shown before.
pub fn cancel(
    db: &D1Database,
    session: &SessionRow,
    token: &str,
    now: i64,
) -> Result<D1PreparedStatement, ApiError> {
    let q = Query {
        sql:
            "UPDATE checkout_sessions SET status = 'canceled', canceled_at = ?3, updated_at = ?3, \
              revision = revision + 1, last_event_id = ?4, \
              watch_until = CASE WHEN quotes_count = 0 THEN ?3 ELSE watch_until END \
              WHERE id = ?1 AND revision = ?2 AND status = 'open'"
                .into(),
        args: vec![
            Arg::Text(session.id.clone()),
            Arg::Int(session.revision),
            Arg::Int(now),
            Arg::Text(token.into()),
        ],
    };
    prepared(db, &[q], "session cancel").map(|mut v| v.remove(0))
}
