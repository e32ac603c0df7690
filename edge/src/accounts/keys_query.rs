//! The merchant's own key list and revocation rule, built without I/O: a page of one mode's
//! keys, newest first, seeking from the cursor key's `(created_at, id)`.

use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::links::query::Seek;
use crate::platform::sql::{Arg, Query};

/// The columns every key query reads, in `KeyRow` order.
pub const KEY_COLUMNS: &str =
    "id, merchant_id, kind, livemode, last4, scopes, created_at, revoked_at";

/// One more row than `limit`, so the caller knows whether more follow. A merchant holds a
/// handful of keys, so `api_keys_by_merchant (merchant_id, created_at)` narrows enough; the
/// `id` tie-break sorts only the keys of one second.
pub fn page(merchant_id: &str, livemode: bool, seek: &Seek, limit: u32) -> Query {
    let mut args = vec![
        Arg::Text(merchant_id.to_owned()),
        Arg::Int(i64::from(livemode)),
    ];
    let mut clauses = vec!["merchant_id = ?1 AND livemode = ?2".to_owned()];
    // An `ending_before` page reads upwards; `paging::shown` turns it back.
    let order = match seek {
        Seek::First => "DESC",
        Seek::After(created_at, id) | Seek::Before(created_at, id) => {
            args.push(Arg::Int(*created_at));
            args.push(Arg::Text(id.clone()));
            let after = matches!(seek, Seek::After(..));
            clauses.push(format!(
                "(created_at, id) {} (?3, ?4)",
                if after { "<" } else { ">" }
            ));
            if after { "DESC" } else { "ASC" }
        }
    };
    args.push(Arg::Int(i64::from(limit) + 1));
    Query {
        sql: format!(
            "SELECT {KEY_COLUMNS} FROM api_keys WHERE {} \
             ORDER BY created_at {order}, id {order} LIMIT ?{}",
            clauses.join(" AND "),
            args.len()
        ),
        args,
    }
}

/// Whether `caller` may revoke its merchant's key `key_id` (already found in its mode):
/// never the key making the request, which would lock the caller out mid-session.
pub fn may_revoke(caller: &Caller, key_id: &str, revoked_at: Option<i64>) -> Result<(), ApiError> {
    if key_id == caller.key_id {
        return Err(ApiError::Conflict {
            code: "api_key_in_use",
            message: "This is the key making the request; revoke it with another secret key.",
        });
    }
    if revoked_at.is_some() {
        return Err(ApiError::Conflict {
            code: "api_key_already_revoked",
            message: "This API key was already revoked.",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::auth::{KeyKind, Scopes};

    fn caller() -> Caller {
        Caller {
            key_id: "key_me".into(),
            merchant_id: "mer_1".into(),
            livemode: false,
            kind: KeyKind::Secret,
            scopes: Scopes::all(),
        }
    }

    #[test]
    fn the_first_page_is_one_mode_newest_first_with_one_extra_row() {
        let q = page("mer_1", true, &Seek::First, 25);
        assert!(
            q.sql.ends_with(
                "FROM api_keys WHERE merchant_id = ?1 AND livemode = ?2 \
                 ORDER BY created_at DESC, id DESC LIMIT ?3"
            ),
            "{}",
            q.sql
        );
        assert_eq!(
            q.args,
            [Arg::Text("mer_1".into()), Arg::Int(1), Arg::Int(26)]
        );
    }

    #[test]
    fn cursors_seek_on_created_at_then_id_both_ways() {
        let after = page("m", false, &Seek::After(7, "key_x".into()), 10);
        assert!(
            after.sql.contains("(created_at, id) < (?3, ?4)"),
            "{}",
            after.sql
        );
        assert!(after.sql.contains("DESC, id DESC LIMIT ?5"));
        let before = page("m", false, &Seek::Before(7, "key_x".into()), 10);
        assert!(before.sql.contains("(created_at, id) > (?3, ?4)"));
        assert!(before.sql.contains("ORDER BY created_at ASC, id ASC"));
        assert_eq!(
            before.args[2..],
            [Arg::Int(7), Arg::Text("key_x".into()), Arg::Int(11)]
        );
    }

    #[test]
    fn the_key_in_use_cannot_be_revoked_by_itself() {
        let err = may_revoke(&caller(), "key_me", None).unwrap_err();
        assert_eq!((err.status(), err.code()), (409, "api_key_in_use"));
    }

    #[test]
    fn a_revoked_key_cannot_be_revoked_again_and_another_live_key_can() {
        let err = may_revoke(&caller(), "key_other", Some(5)).unwrap_err();
        assert_eq!(err.code(), "api_key_already_revoked");
        assert_eq!(may_revoke(&caller(), "key_other", None), Ok(()));
    }
}
