//! What a webhook delivery attempt's answer means, when to try again, and the signed headers.
//!
//! Retried: no answer (network error or the timeout), 408, 429 and 5xx. 410 means the endpoint
//! is gone: the endpoint is disabled. Other answers outside 2xx stop this delivery (redirects
//! are not followed, so a 3xx stops it too).

use shared::webhook::retry::delay_after;
use shared::webhook::signature::{SigningSecret, sign};

/// An endpoint failing without a success for this long is disabled.
pub const DISABLE_AFTER_SECS: i64 = 3 * 86_400;
/// Bytes of an answer kept in the delivery log.
pub const BODY_KEPT: usize = 1024;

/// How one attempt went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Delivered,
    /// Try again later, if the schedule allows.
    Retry,
    /// Do not try this delivery again.
    Stop,
    /// The endpoint answered 410 Gone: disable it.
    Gone,
}

/// Judges an answer; `None` is no answer at all.
pub fn judge(status: Option<u16>) -> Verdict {
    match status {
        None => Verdict::Retry,
        Some(200..=299) => Verdict::Delivered,
        Some(410) => Verdict::Gone,
        Some(408 | 429 | 500..=599) => Verdict::Retry,
        Some(_) => Verdict::Stop,
    }
}

/// Where a delivery goes after attempt number `attempt` (1-based) at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Succeeded,
    Failed,
    RetryAt(i64),
}

pub fn next(verdict: Verdict, attempt: u32, now: i64) -> Next {
    match verdict {
        Verdict::Delivered => Next::Succeeded,
        Verdict::Stop | Verdict::Gone => Next::Failed,
        Verdict::Retry => match delay_after(attempt) {
            Some(delay) => Next::RetryAt(now + i64::from(delay)),
            None => Next::Failed,
        },
    }
}

/// The first [`BODY_KEPT`] bytes of `text`, cut at a character boundary.
pub fn trim_body(text: &str) -> String {
    let mut end = text.len().min(BODY_KEPT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// Standard Webhooks headers: `webhook-id` (the event id, the same on every retry),
/// `webhook-timestamp`, and one `v1,` signature per secret (two during a rotation's overlap).
pub fn headers(
    event_id: &str,
    timestamp: i64,
    body: &[u8],
    secrets: &[SigningSecret],
) -> Vec<(&'static str, String)> {
    let signatures: Vec<String> = secrets
        .iter()
        .map(|secret| sign(secret, event_id, timestamp, body))
        .collect();
    vec![
        ("webhook-id", event_id.to_owned()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signatures.join(" ")),
        ("content-type", "application/json".to_owned()),
        ("user-agent", "Paylink-Webhooks/1".to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::webhook::signature::verify;

    #[test]
    fn success_retry_stop_and_gone_follow_the_status() {
        assert_eq!(judge(Some(200)), Verdict::Delivered);
        assert_eq!(judge(Some(204)), Verdict::Delivered);
        for status in [None, Some(408), Some(429), Some(500), Some(503)] {
            assert_eq!(judge(status), Verdict::Retry, "{status:?}");
        }
        for status in [301, 302, 400, 401, 404, 422] {
            assert_eq!(judge(Some(status)), Verdict::Stop, "{status}");
        }
        assert_eq!(judge(Some(410)), Verdict::Gone);
    }

    #[test]
    fn retries_follow_the_schedule_until_it_ends() {
        assert_eq!(next(Verdict::Retry, 1, 100), Next::RetryAt(105));
        assert_eq!(next(Verdict::Retry, 2, 100), Next::RetryAt(400));
        assert_eq!(
            next(Verdict::Retry, shared::webhook::retry::MAX_ATTEMPTS, 100),
            Next::Failed
        );
        assert_eq!(next(Verdict::Delivered, 5, 100), Next::Succeeded);
        assert_eq!(next(Verdict::Stop, 1, 100), Next::Failed);
        assert_eq!(next(Verdict::Gone, 1, 100), Next::Failed);
    }

    #[test]
    fn kept_bodies_are_cut_at_a_character_boundary() {
        assert_eq!(trim_body("ok"), "ok");
        let long = "é".repeat(1000);
        let kept = trim_body(&long);
        assert!(kept.len() <= BODY_KEPT && kept.len() >= BODY_KEPT - 1);
        assert!(kept.chars().all(|c| c == 'é'));
    }

    #[test]
    fn every_secret_signs_and_each_signature_verifies() {
        let old = SigningSecret::generate([1; 32]);
        let new = SigningSecret::generate([2; 32]);
        let body = br#"{"id":"evt_1"}"#;
        let headers = headers("evt_1", 1_700_000_000, body, &[new.clone(), old.clone()]);
        let signature = &headers
            .iter()
            .find(|(k, _)| *k == "webhook-signature")
            .unwrap()
            .1;
        assert_eq!(signature.split(' ').count(), 2);
        for secret in [old, new] {
            assert_eq!(
                verify(
                    &[secret],
                    signature,
                    "evt_1",
                    1_700_000_000,
                    body,
                    1_700_000_010,
                    300
                ),
                Ok(())
            );
        }
        let other = SigningSecret::generate([3; 32]);
        assert!(
            verify(
                &[other],
                signature,
                "evt_1",
                1_700_000_000,
                body,
                1_700_000_010,
                300
            )
            .is_err()
        );
    }
}
