//! `EndpointRow`: a `webhook_endpoints` row and the object the API shows for it.

use serde::Deserialize;
use shared::webhook::endpoint::WebhookEndpoint;

/// The columns every endpoint query reads, in `EndpointRow` order.
pub const COLUMNS: &str = "id, merchant_id, livemode, url, enabled_events, description, enabled, \
    secret, previous_secret, previous_secret_until, created_at, updated_at, deleted_at, \
    disabled_reason";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EndpointRow {
    pub id: String,
    pub merchant_id: String,
    pub livemode: i64,
    pub url: String,
    pub enabled_events: String,
    pub description: Option<String>,
    pub enabled: i64,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    /// Why delivery stopped on its own: `gone` (the endpoint answered 410) or `failing`
    /// (three days of failures). Cleared when the merchant enables it again.
    pub disabled_reason: Option<String>,
}

impl EndpointRow {
    /// The API object; the secret goes out only where `reveal` says so (creation, rotation).
    pub fn into_object(self, reveal: bool) -> WebhookEndpoint {
        WebhookEndpoint {
            object: "webhook_endpoint".into(),
            enabled_events: self
                .enabled_events
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            secret: reveal.then_some(self.secret),
            id: self.id,
            url: self.url,
            description: self.description,
            enabled: self.enabled == 1,
            disabled_reason: self.disabled_reason,
            livemode: self.livemode == 1,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> EndpointRow {
        EndpointRow {
            id: "we_1".into(),
            merchant_id: "mer_1".into(),
            livemode: 0,
            url: "https://shop.example/hooks".into(),
            enabled_events: "payment_link.created checkout_session.paid".into(),
            description: None,
            enabled: 1,
            secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U=".into(),
            previous_secret: None,
            previous_secret_until: None,
            created_at: 1,
            updated_at: 2,
            deleted_at: None,
            disabled_reason: None,
        }
    }

    #[test]
    fn the_secret_is_shown_only_when_revealed() {
        assert_eq!(row().into_object(false).secret, None);
        assert!(
            row()
                .into_object(true)
                .secret
                .unwrap()
                .starts_with("whsec_")
        );
    }

    #[test]
    fn events_come_back_as_a_list() {
        assert_eq!(
            row().into_object(false).enabled_events,
            ["payment_link.created", "checkout_session.paid"]
        );
    }
}
