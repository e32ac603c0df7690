//! The delivery sender's and the delivery log's reads of many rows at once, pure so that host
//! tests run them against the migrations; none binds one parameter per row without a bound.

use crate::platform::in_list::in_list;
use crate::platform::sql::{Arg, Query};

/// The claimed deliveries' events and endpoints, in as many statements as D1's parameter
/// bound needs.
pub fn outgoing(delivery_ids: &[String]) -> Result<Vec<Query>, String> {
    let ids: Vec<Arg> = delivery_ids.iter().cloned().map(Arg::Text).collect();
    in_list(
        "SELECT d.id, d.attempts, ev.id AS event_id, ev.type AS event_type, \
         ev.created_at AS event_created_at, ev.livemode, ev.data, e.id AS endpoint_id, \
         e.merchant_id, e.url, e.enabled, e.secret, e.previous_secret, e.previous_secret_until \
         FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
         JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id IN ({list})",
        &[],
        &ids,
    )
}

/// An endpoint's newest `?2` deliveries (`?1`: the endpoint), newest first.
pub const LOG: &str = "SELECT d.id, d.event_id, ev.type AS event_type, d.endpoint_id, d.status, \
    d.next_attempt_at, d.created_at FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
    WHERE d.endpoint_id = ?1 ORDER BY d.created_at DESC, d.id DESC LIMIT ?2";

/// The attempts of the deliveries [`LOG`] shows, with the same two parameters: selected by
/// the same subquery rather than by one parameter per delivery.
pub const LOG_ATTEMPTS: &str = "SELECT delivery_id, attempt, status_code, duration_ms, \
    response_body, error, attempted_at FROM webhook_attempts WHERE delivery_id IN ( \
    SELECT d.id FROM webhook_deliveries d WHERE d.endpoint_id = ?1 \
    ORDER BY d.created_at DESC, d.id DESC LIMIT ?2) ORDER BY attempt";

/// One delivery of an endpoint (`?1`: the endpoint, `?2`: the delivery), as [`LOG`] reads it:
/// however old, so a redelivery answers the delivery it requeued.
pub const ONE: &str = "SELECT d.id, d.event_id, ev.type AS event_type, d.endpoint_id, d.status, \
    d.next_attempt_at, d.created_at FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id \
    WHERE d.endpoint_id = ?1 AND d.id = ?2";

/// The attempts of the delivery [`ONE`] reads, with the same two parameters.
pub const ONE_ATTEMPTS: &str = "SELECT a.delivery_id, a.attempt, a.status_code, a.duration_ms, \
    a.response_body, a.error, a.attempted_at FROM webhook_attempts a \
    JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ?1 AND d.id = ?2 \
    ORDER BY a.attempt";
