//! Idempotency keys: what a repeated write gets, decided without I/O.
//!
//! The first request with a key claims it; when it finishes, its status and body are stored and
//! every repeat within [`TTL_SECS`] gets them back. A repeat with another method, path or body
//! is refused (422); one that arrives while the first still runs gets 409.

use sha2::{Digest, Sha256};

use crate::api::error::ApiError;
use crate::api::reply::Reply;

/// How long a stored response is replayed.
pub const TTL_SECS: i64 = 24 * 60 * 60;
/// A claim older than this with no response is from a worker that died mid-request: a repeat
/// may take it over rather than wait a day.
pub const STALE_CLAIM_SECS: i64 = 60;
pub const MAX_KEY_LEN: usize = 255;

/// Where a merchant key's idempotency keys live: per merchant and mode.
pub fn merchant_scope(merchant_id: &str, livemode: bool) -> String {
    format!("{merchant_id}:{}", if livemode { "live" } else { "test" })
}

/// [`merchant_scope`] as SQL over an `api_keys` row.
const KEY_SCOPE: &str = "merchant_id || ':' || CASE livemode WHEN 1 THEN 'live' ELSE 'test' END";

/// Claims key ?2 (fingerprint ?3, at ?4) in the scope of the active API key with hash ?1,
/// inside the authentication batch, so a write with a key costs no round trip of its own
/// before its handler. It claims nothing for an unknown or revoked key.
pub fn claim_by_api_key_sql() -> String {
    // `WHERE` also tells SQLite's parser that ON CONFLICT belongs to the INSERT.
    format!(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) \
         SELECT {KEY_SCOPE}, ?2, ?3, ?4 FROM api_keys WHERE key_hash = ?1 AND revoked_at IS NULL \
         ON CONFLICT (scope, key) DO NOTHING"
    )
}

/// The stored key ?2 in the scope of the API key with hash ?1, after
/// [`claim_by_api_key_sql`] in the same batch: this request's own claim or an earlier one.
pub fn load_by_api_key_sql() -> String {
    format!(
        "SELECT fingerprint, created_at, status, response FROM idempotency_keys \
         WHERE key = ?2 AND scope = (SELECT {KEY_SCOPE} FROM api_keys WHERE key_hash = ?1)"
    )
}

/// Frees key ?2 claimed by [`claim_by_api_key_sql`] for the API key with hash ?1, when the
/// request that claimed it is refused before it runs.
pub fn release_by_api_key_sql() -> String {
    format!(
        "DELETE FROM idempotency_keys WHERE key = ?2 AND status IS NULL \
         AND scope = (SELECT {KEY_SCOPE} FROM api_keys WHERE key_hash = ?1)"
    )
}

/// Checks an `Idempotency-Key` header: 1 to 255 visible ASCII characters.
pub fn parse_key(header: &str) -> Result<&str, ApiError> {
    let ok = !header.is_empty()
        && header.len() <= MAX_KEY_LEN
        && header.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    if ok {
        Ok(header)
    } else {
        Err(ApiError::IdempotencyKeyInvalid)
    }
}

/// What makes two requests "the same": method, path (with query) and body bytes.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    // Length-prefixed, so no choice of parts can run into the next one.
    for part in [method.as_bytes(), path.as_bytes(), body] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A stored key, as read back from D1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub fingerprint: String,
    pub created_at: i64,
    /// The first request's answer, once it finished.
    pub reply: Option<Reply>,
}

/// What to do with a request whose key is already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send the stored answer again.
    Replay(Reply),
    /// The stored key has expired: delete it and claim it afresh.
    Expired,
    /// The first request died before answering: take its claim over.
    TakeOver,
    Refuse(ApiError),
}

pub fn decide(stored: &Stored, fingerprint: &str, now: i64) -> Decision {
    if now - stored.created_at >= TTL_SECS {
        return Decision::Expired;
    }
    if stored.fingerprint != fingerprint {
        return Decision::Refuse(ApiError::IdempotencyKeyReused);
    }
    match &stored.reply {
        Some(reply) => Decision::Replay(reply.clone()),
        None if now - stored.created_at >= STALE_CLAIM_SECS => Decision::TakeOver,
        None => Decision::Refuse(ApiError::IdempotencyKeyInProgress),
    }
}

/// Whether an answer is kept for replay. Server errors are not: the write did not happen
/// (each write is one D1 batch), so a retry with the same key must be allowed to run.
pub fn keeps(reply: &Reply) -> bool {
    reply.status < 500
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(fingerprint: &str, created_at: i64, reply: Option<Reply>) -> Stored {
        Stored {
            fingerprint: fingerprint.into(),
            created_at,
            reply,
        }
    }

    fn created() -> Reply {
        Reply {
            status: 201,
            body: "{}".into(),
        }
    }

    #[test]
    fn a_finished_request_is_replayed_within_a_day() {
        let s = stored("f", 1_000, Some(created()));
        assert_eq!(
            decide(&s, "f", 1_000 + TTL_SECS - 1),
            Decision::Replay(created())
        );
    }

    #[test]
    fn a_key_older_than_a_day_expires() {
        let s = stored("f", 1_000, Some(created()));
        assert_eq!(decide(&s, "f", 1_000 + TTL_SECS), Decision::Expired);
        assert_eq!(decide(&s, "other", 1_000 + TTL_SECS), Decision::Expired);
    }

    #[test]
    fn the_same_key_with_another_request_is_refused_with_422() {
        let s = stored("f", 1_000, Some(created()));
        assert_eq!(
            decide(&s, "g", 1_001),
            Decision::Refuse(ApiError::IdempotencyKeyReused)
        );
        assert_eq!(ApiError::IdempotencyKeyReused.status(), 422);
    }

    #[test]
    fn a_repeat_while_the_first_runs_is_refused_with_409() {
        let s = stored("f", 1_000, None);
        assert_eq!(
            decide(&s, "f", 1_010),
            Decision::Refuse(ApiError::IdempotencyKeyInProgress)
        );
        assert_eq!(ApiError::IdempotencyKeyInProgress.status(), 409);
    }

    #[test]
    fn a_claim_abandoned_for_a_minute_is_taken_over() {
        let s = stored("f", 1_000, None);
        assert_eq!(
            decide(&s, "f", 1_000 + STALE_CLAIM_SECS),
            Decision::TakeOver
        );
    }

    #[test]
    fn fingerprints_differ_by_method_path_and_body() {
        let base = fingerprint("POST", "/v1/x", b"{}");
        assert_eq!(base, fingerprint("POST", "/v1/x", b"{}"));
        assert_ne!(base, fingerprint("PATCH", "/v1/x", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/y", b"{}"));
        assert_ne!(base, fingerprint("POST", "/v1/x", b"{ }"));
        // Boundaries are kept: ("a", "b\nc") and ("a\nb", "c") differ.
        assert_ne!(fingerprint("a", "b\nc", b""), fingerprint("a\nb", "c", b""));
    }

    #[test]
    fn keys_are_visible_ascii_of_at_most_255_characters() {
        assert_eq!(parse_key("order-1234"), Ok("order-1234"));
        assert!(parse_key(&"k".repeat(255)).is_ok());
        for bad in ["", "caf\u{e9}", "tab\there", &"k".repeat(256)] {
            assert_eq!(
                parse_key(bad),
                Err(ApiError::IdempotencyKeyInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn server_errors_are_not_kept_for_replay() {
        assert!(keeps(&created()));
        assert!(keeps(&Reply {
            status: 400,
            body: "{}".into()
        }));
        assert!(!keeps(&Reply {
            status: 500,
            body: "{}".into()
        }));
    }
}
