//! Erasing a session's payer data everywhere a copy is kept: the session row, its events'
//! stored payloads, the answers its webhook deliveries recorded, and idempotent replays of
//! the merchant's requests; and which sessions the retention sweep erases. Pure: host tests
//! run these against the migrations.

use crate::platform::in_list::{self, LIST, MAX_BOUND_PARAMETERS};
use crate::platform::sql::{Arg, Query};

/// Sessions one sweep erases at most: with the two fixed parameters, each erase statement
/// binds at most D1's 100, so a sweep is one read and one batch of [`erase`]'s four.
pub const SWEEP_BATCH: usize = MAX_BOUND_PARAMETERS - 2;

/// Seconds in a day of retention.
const DAY: i64 = 86_400;

/// How long idempotent replays are kept (`api::idempotency`): older ones are gone anyway.
const REPLAY_SECS: i64 = 86_400;

/// The customer an erased payload shows: every detail `null`, as the API answers it.
const NO_CUSTOMER: &str = r#"json('{"email":null,"name":null,"phone":null,"billing_address":null,"shipping_address":null}')"#;

/// A session holds payer data: the terms of `checkout_sessions_payer_data`'s `WHERE`, so the
/// sweep's read can use that index.
const HOLDS_PAYER_DATA: &str =
    "s.customer IS NOT NULL OR s.custom_fields IS NOT NULL OR s.customer_email IS NOT NULL";

/// The sessions whose payer data is due for erasure at `now`: ended (any status but `open`
/// and `pending`) at least their account's `customer_data_retention_days` ago (90 for an
/// account that never set it). A session ends when first paid, canceled, or at its expiry.
pub fn due(now: i64, limit: usize) -> Query {
    Query {
        sql: format!(
            "SELECT s.id FROM checkout_sessions s LEFT JOIN checkout_settings c \
             ON c.merchant_id = s.merchant_id AND c.livemode = s.livemode \
             WHERE ({HOLDS_PAYER_DATA}) AND s.status NOT IN ('open', 'pending') \
             AND COALESCE(s.paid_at, s.canceled_at, s.expires_at) \
             + COALESCE(c.customer_data_retention_days, 90) * {DAY} <= ?1 LIMIT {limit}"
        ),
        args: vec![Arg::Int(now)],
    }
}

/// The statements that erase the payer data of sessions `ids` at `now`, to run in one batch.
/// The session's `revision` moves, so a writer that read it before (a check, a quote) loses
/// its race and cannot write the old values back into a row or an event.
pub fn erase(ids: &[String], now: i64) -> Result<Vec<Query>, String> {
    let items: Vec<Arg> = ids.iter().map(|id| Arg::Text(id.clone())).collect();
    let stamp = [Arg::Int(now)];
    let scrubbed = |target: &str| {
        format!(
            "json_set({target}, '$.customer', {NO_CUSTOMER}, '$.custom_fields', json('[]'), \
             '$.customer_email', NULL, '$.customer_data_redacted_at', ?1)"
        )
    };
    let mut queries = in_list::in_list(
        "UPDATE checkout_sessions SET customer = NULL, custom_fields = NULL, \
         customer_email = NULL, revision = revision + 1, \
         customer_data_redacted_at = COALESCE(customer_data_redacted_at, ?1) \
         WHERE id IN ({list})",
        &stamp,
        &items,
    )?;
    queries.extend(in_list::in_list(
        &format!(
            "UPDATE events SET data = {} WHERE object_id IN ({LIST})",
            scrubbed("data")
        ),
        &stamp,
        &items,
    )?);
    // A receiver's answer may echo what it was sent; nothing says which do, so none is kept.
    queries.extend(in_list::in_list(
        "UPDATE webhook_attempts SET response_body = NULL WHERE response_body IS NOT NULL \
         AND delivery_id IN (SELECT d.id FROM webhook_deliveries d JOIN events e \
         ON e.id = d.event_id WHERE e.object_id IN ({list}))",
        &[],
        &items,
    )?);
    queries.extend(in_list::in_list(
        &format!(
            "UPDATE idempotency_keys SET response = {} WHERE created_at >= ?2 \
             AND json_valid(response) AND json_extract(response, '$.object') = 'checkout_session' \
             AND json_extract(response, '$.id') IN ({LIST})",
            scrubbed("response")
        ),
        &[Arg::Int(now), Arg::Int(now - REPLAY_SECS)],
        &items,
    )?);
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_is_one_statement_of_each_kind_under_the_bound() {
        let ids: Vec<String> = (0..SWEEP_BATCH).map(|i| format!("cs_{i}")).collect();
        let queries = erase(&ids, 10).unwrap();
        assert_eq!(queries.len(), 4);
        assert!(queries.iter().all(|q| q.args.len() <= MAX_BOUND_PARAMETERS));
    }

    #[test]
    fn nothing_to_erase_is_no_statement() {
        assert_eq!(erase(&[], 10).unwrap(), []);
    }

    #[test]
    fn the_sweep_reads_only_sessions_that_hold_payer_data() {
        let q = due(1_000, 5);
        assert!(
            q.sql.contains(
                "s.customer IS NOT NULL OR s.custom_fields IS NOT NULL OR s.customer_email IS NOT NULL"
            ),
            "{}",
            q.sql
        );
        assert!(q.sql.ends_with("LIMIT 5"));
    }
}
