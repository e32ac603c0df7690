//! Events and webhook deliveries as the API returns them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Something that happened to a merchant's object: `GET /v1/events`, and the body of every
/// webhook delivery.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `evt_` + 24 hex digits; also the `webhook-id` of its deliveries, for deduplication.
    pub id: String,
    /// Always `event`.
    pub object: String,
    /// e.g. `checkout_session.paid`, `payment_link.created`: one of `EventType`, or a type added
    /// since (the set grows without a new API version): ignore events you do not handle.
    #[serde(rename = "type")]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::openapi::OpenEventType")
    )]
    pub kind: String,
    pub created_at: i64,
    pub livemode: bool,
    /// The object as the API returned it when the event happened: a `CheckoutSession` for
    /// `checkout_session.*` types, a `PaymentLink` for `payment_link.*`, a `WebhookEndpoint`
    /// (without its secret) for `webhook_endpoint.*` and `test.ping`; its `object` field tells
    /// them apart.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::api::openapi::EventData"))]
    pub data: Value,
}

/// One try to deliver an event to an endpoint.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryAttempt {
    /// 1 for the first try.
    pub attempt: u32,
    /// The endpoint's HTTP status; `null` when it did not answer (network error, timeout).
    pub status_code: Option<u16>,
    pub duration_ms: u64,
    /// The first 1024 bytes of the endpoint's answer.
    pub response_body: Option<String>,
    /// Why there was no answer (`timeout`, `network_error`), if so.
    pub error: Option<String>,
    pub attempted_at: i64,
}

/// An event on its way to one endpoint (`GET /v1/webhook_endpoints/{id}/deliveries`).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// `whd_` + 24 hex digits.
    pub id: String,
    /// Always `webhook_delivery`.
    pub object: String,
    pub event: String,
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::openapi::OpenEventType")
    )]
    pub event_type: String,
    pub endpoint: String,
    /// `pending` (will be tried, again or for the first time), `succeeded` or `failed`.
    pub status: String,
    /// When the next try is due, while `pending`.
    pub next_attempt_at: Option<i64>,
    pub attempts: Vec<DeliveryAttempt>,
    pub created_at: i64,
}
