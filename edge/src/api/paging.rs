//! Cursor pages, the same for every list: where a page seeks from, and what a fetched page
//! of `limit + 1` rows shows.

use core::future::Future;

use shared::api::error::FieldError;
use shared::api::list::Cursor;

use crate::api::error::ApiError;
use crate::links::query::Seek;
use crate::platform::sql::Arg;

/// Where the page starts. `created_at` looks up the cursor object's sort key; `None` means it
/// is not one of the caller's `what`s, a 400 on the cursor parameter.
pub async fn seek<F, Fut>(cursor: &Cursor, what: &str, created_at: F) -> Result<Seek, ApiError>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<Option<i64>, ApiError>>,
{
    let at = match cursor {
        Cursor::Start => return Ok(Seek::First),
        Cursor::After(id) | Cursor::Before(id) => created_at(id.clone()).await?,
    };
    resolved(cursor, what, at)
}

/// [`seek`] for a page whose batch already read the cursor object's sort key (`None`: not one
/// of the caller's `what`s, a 400 on the cursor parameter). For [`Cursor::Start`] the key is
/// not looked at.
pub fn resolved(cursor: &Cursor, what: &str, created_at: Option<i64>) -> Result<Seek, ApiError> {
    let (id, param) = match cursor {
        Cursor::Start => return Ok(Seek::First),
        Cursor::After(id) => (id, "starting_after"),
        Cursor::Before(id) => (id, "ending_before"),
    };
    let at = created_at.ok_or_else(|| {
        ApiError::Validation(vec![FieldError {
            code: "invalid_cursor".into(),
            message: format!("{param} names no {what} of yours."),
            param: param.into(),
        }])
    })?;
    Ok(match cursor {
        Cursor::Before(_) => Seek::Before(at, id.clone()),
        Cursor::Start | Cursor::After(_) => Seek::After(at, id.clone()),
    })
}

/// For a page read in the same D1 batch as its cursor's lookup (one round trip rather than
/// two): the condition on `(created_at, id)`, columns prefixed by `alias` (`"d."` or `""`),
/// against the cursor row's, whose `created_at` the scalar `sort_key(n)` reads with `?n` the
/// cursor id (pushed to `args`); and the order to read in. An `ending_before` page reads
/// upwards, and [`shown`] turns it back. A cursor that names no row makes the condition NULL,
/// so the page is empty; the batch's lookup of it is what answers the 400 ([`resolved`]).
pub fn seek_sql(
    cursor: &Cursor,
    alias: &str,
    sort_key: impl FnOnce(usize) -> String,
    args: &mut Vec<Arg>,
) -> (Option<String>, &'static str) {
    let (id, op, order) = match cursor {
        Cursor::Start => return (None, "DESC"),
        Cursor::After(id) => (id, "<", "DESC"),
        Cursor::Before(id) => (id, ">", "ASC"),
    };
    args.push(Arg::Text(id.clone()));
    let n = args.len();
    let clause = format!(
        "({alias}created_at, {alias}id) {op} (({}), ?{n})",
        sort_key(n)
    );
    (Some(clause), order)
}

/// The rows to show from `limit + 1` fetched, newest first, and whether more follow.
/// An `ending_before` page was read upwards, so it is turned back.
pub fn shown<T>(mut rows: Vec<T>, limit: u32, seek: &Seek) -> (Vec<T>, bool) {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    if matches!(seek, Seek::Before(..)) {
        rows.reverse();
    }
    (rows, has_more)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(future: F) -> F::Output {
        // The lookups in these tests never wait, so one poll finishes them.
        let waker = std::task::Waker::noop();
        let mut context = std::task::Context::from_waker(waker);
        let mut future = core::pin::pin!(future);
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(output) => output,
            std::task::Poll::Pending => unreachable!("the lookup is immediate"),
        }
    }

    #[test]
    fn a_cursor_seeks_from_its_objects_sort_key() {
        let found = |_: String| async { Ok(Some(42)) };
        assert_eq!(
            block_on(seek(&Cursor::Start, "link", found)),
            Ok(Seek::First)
        );
        assert_eq!(
            block_on(seek(&Cursor::After("pl_1".into()), "link", found)),
            Ok(Seek::After(42, "pl_1".into()))
        );
        assert_eq!(
            block_on(seek(&Cursor::Before("pl_1".into()), "link", found)),
            Ok(Seek::Before(42, "pl_1".into()))
        );
    }

    #[test]
    fn a_cursor_that_is_not_the_callers_is_a_400_on_its_parameter() {
        let missing = |_: String| async { Ok(None) };
        let Err(ApiError::Validation(errors)) = block_on(seek(
            &Cursor::Before("cs_x".into()),
            "checkout session",
            missing,
        )) else {
            panic!("expected a validation error");
        };
        assert_eq!(errors[0].param, "ending_before");
        assert_eq!(
            errors[0].message,
            "ending_before names no checkout session of yours."
        );
    }

    #[test]
    fn a_sort_key_read_in_the_batch_resolves_as_a_looked_up_one_does() {
        let after = Cursor::After("we_1".into());
        assert_eq!(
            resolved(&after, "webhook endpoint", Some(9)),
            Ok(Seek::After(9, "we_1".into()))
        );
        assert_eq!(
            resolved(&Cursor::Start, "webhook endpoint", None),
            Ok(Seek::First)
        );
        let Err(ApiError::Validation(errors)) = resolved(&after, "webhook endpoint", None) else {
            panic!("expected a validation error");
        };
        assert_eq!(
            (errors[0].code.as_str(), errors[0].param.as_str()),
            ("invalid_cursor", "starting_after")
        );
    }

    #[test]
    fn a_page_seeks_from_its_cursors_own_sort_key_read_in_the_same_statement() {
        let key = |n: usize| format!("SELECT created_at FROM t WHERE id = ?{n}");
        let mut args = vec![Arg::Text("we_1".into())];
        assert_eq!(
            seek_sql(&Cursor::Start, "d.", key, &mut args),
            (None, "DESC")
        );
        assert_eq!(args.len(), 1, "the first page binds no cursor");
        let (clause, order) = seek_sql(&Cursor::After("x".into()), "d.", key, &mut args);
        assert_eq!(
            clause.as_deref(),
            Some("(d.created_at, d.id) < ((SELECT created_at FROM t WHERE id = ?2), ?2)")
        );
        assert_eq!((order, &args[1]), ("DESC", &Arg::Text("x".into())));
        let mut args = Vec::new();
        let (clause, order) = seek_sql(&Cursor::Before("y".into()), "", key, &mut args);
        assert_eq!(
            clause.as_deref(),
            Some("(created_at, id) > ((SELECT created_at FROM t WHERE id = ?1), ?1)")
        );
        assert_eq!(order, "ASC", "read upwards, then turned back");
    }

    #[test]
    fn a_page_shows_limit_rows_newest_first_and_says_whether_more_follow() {
        assert_eq!(shown(vec![5, 4, 3], 2, &Seek::First), (vec![5, 4], true));
        assert_eq!(shown(vec![5, 4], 2, &Seek::First), (vec![5, 4], false));
        assert_eq!(
            shown(vec![6, 7, 8], 2, &Seek::Before(5, "x".into())),
            (vec![7, 6], true)
        );
    }
}
