//! Webhook endpoints: the events they may subscribe to, where they may point, and the wire types.

use core::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::api::error::FieldError;

/// Every event a merchant can subscribe to.
pub const EVENT_TYPES: [&str; 13] = [
    "checkout_session.quoted",
    "checkout_session.pending",
    "checkout_session.paid",
    "checkout_session.payment_reversed",
    "checkout_session.underpaid",
    "checkout_session.overpaid",
    "checkout_session.paid_late",
    "checkout_session.expired",
    "checkout_session.canceled",
    "payment_link.created",
    "payment_link.updated",
    "payment_link.archived",
    "webhook_endpoint.disabled",
];

/// The event `POST /v1/webhook_endpoints/{id}/test` sends to that endpoint alone: never
/// subscribed to, but listed in `GET /v1/events` like any other.
pub const TEST_PING: &str = "test.ping";

/// Endpoints on a page of `GET /v1/webhook_endpoints` unless `limit` says otherwise (the
/// worker's default and the OpenAPI document's). Merchants have a handful, and the list
/// answered up to 100 before it was paged, so a client that reads one page still sees them all.
pub const LIST_DEFAULT_LIMIT: u32 = 100;

/// Every type `GET /v1/events` can hold and filter on: the subscribable ones, then the ping.
pub fn listed_event_types() -> Vec<&'static str> {
    EVENT_TYPES.iter().copied().chain([TEST_PING]).collect()
}

/// Why an endpoint URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointUrlError {
    Invalid,
    NotHttps,
    /// Live endpoints may not point at private, loopback or link-local addresses.
    PrivateAddress,
    /// A host written in Unicode: taken in its `xn--` form only (`crate::idn`).
    UnicodeHost,
}

impl EndpointUrlError {
    pub fn code(self) -> &'static str {
        match self {
            EndpointUrlError::Invalid | EndpointUrlError::UnicodeHost => "url_invalid",
            EndpointUrlError::NotHttps => "url_not_https",
            EndpointUrlError::PrivateAddress => "url_private_address",
        }
    }
}

impl fmt::Display for EndpointUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EndpointUrlError::Invalid => "url is not an absolute URL of at most 2048 characters",
            EndpointUrlError::NotHttps => {
                "url must use https (http only for localhost in test mode)"
            }
            EndpointUrlError::PrivateAddress => {
                "url may not point at a private, loopback or link-local address in live mode"
            }
            EndpointUrlError::UnicodeHost => {
                return write!(f, "url: {}", crate::idn::ASCII_HOST_HINT);
            }
        })
    }
}

fn private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64 // 100.64/10, carrier NAT
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| private(IpAddr::V4(v4)))
        }
    }
}

/// Checks where deliveries would go. Live endpoints: https, and no address or name that is
/// private, loopback or link-local. Test endpoints may also use http to localhost. Names are
/// checked as written: the worker cannot resolve DNS, and Cloudflare does not let a worker's
/// fetch reach private networks.
pub fn check_url(input: &str, livemode: bool) -> Result<Url, EndpointUrlError> {
    if input.len() > 2048 {
        return Err(EndpointUrlError::Invalid);
    }
    if crate::idn::has_unicode_host(input) {
        return Err(EndpointUrlError::UnicodeHost);
    }
    let url = Url::parse(input).map_err(|_| EndpointUrlError::Invalid)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(EndpointUrlError::Invalid);
    }
    let host = url.host().ok_or(EndpointUrlError::Invalid)?;
    let local = match &host {
        Host::Domain(name) => {
            *name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local")
        }
        Host::Ipv4(v4) => private(IpAddr::V4(*v4)),
        Host::Ipv6(v6) => private(IpAddr::V6(*v6)),
    };
    match (url.scheme(), livemode, local) {
        ("https", true, true) => Err(EndpointUrlError::PrivateAddress),
        ("https", _, _) => Ok(url),
        ("http", false, true) => Ok(url),
        _ => Err(EndpointUrlError::NotHttps),
    }
}

/// Checks a subscription list: known event names, no duplicates, at least one; `["*"]` means all.
pub fn check_events(events: &[String]) -> Result<Vec<String>, Vec<FieldError>> {
    let error = |param: String, code: &str, message: String| FieldError {
        code: code.into(),
        message,
        param,
    };
    if events.is_empty() {
        return Err(vec![error(
            "enabled_events".into(),
            "enabled_events_required",
            "Subscribe to at least one event, or [\"*\"].".into(),
        )]);
    }
    if events == ["*"] {
        return Ok(events.to_vec());
    }
    // Each type may appear once: a longer list is refused whole, not with an error per entry.
    if events.len() > EVENT_TYPES.len() {
        return Err(vec![error(
            "enabled_events".into(),
            "enabled_events_too_many",
            format!(
                "List each of the {} event types at most once.",
                EVENT_TYPES.len()
            ),
        )]);
    }
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, name) in events.iter().enumerate() {
        if !EVENT_TYPES.contains(&name.as_str()) {
            errors.push(error(
                format!("enabled_events[{i}]"),
                "event_type_unknown",
                format!("`{name}` is not an event type."),
            ));
        } else if seen.contains(&name.as_str()) {
            errors.push(error(
                format!("enabled_events[{i}]"),
                "event_type_duplicate",
                format!("`{name}` is listed twice."),
            ));
        } else {
            seen.push(name);
        }
    }
    if errors.is_empty() {
        Ok(events.to_vec())
    } else {
        Err(errors)
    }
}

/// `POST /v1/webhook_endpoints`.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(example = serde_json::json!({
    "url": "http://127.0.0.1:9/hooks", "enabled_events": ["*"], "description": "Orders",
})))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateEndpointRequest {
    pub url: String,
    /// Event types, or `["*"]` for every type.
    pub enabled_events: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// `PATCH /v1/webhook_endpoints/{id}`: fields sent change; `description: null` clears it.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateEndpointRequest {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub enabled_events: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option::deserialize")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<String>"))]
    pub description: Option<Option<String>>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// A webhook endpoint as the API returns it; `secret` only when created or rotated.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpoint {
    pub id: String,
    /// Always `webhook_endpoint`.
    #[cfg_attr(feature = "openapi", schemars(extend("const" = "webhook_endpoint")))]
    pub object: String,
    pub url: String,
    pub enabled_events: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    /// Set when Paylink stopped delivering by itself: `gone` (the endpoint answered 410) or
    /// `failing` (no success for three days). `null` otherwise.
    pub disabled_reason: Option<String>,
    pub livemode: bool,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unicode_host_names_the_ascii_form_to_send() {
        let err = check_url("https://bücher.example/hooks", false).unwrap_err();
        assert_eq!(
            (err, err.code()),
            (EndpointUrlError::UnicodeHost, "url_invalid")
        );
        assert!(err.to_string().contains("xn--"), "{err}");
        assert!(check_url("https://xn--bcher-kva.example/hooks", true).is_ok());
    }

    #[test]
    fn live_endpoints_need_https_to_a_public_host() {
        assert!(check_url("https://shop.example/hooks", true).is_ok());
        assert_eq!(
            check_url("http://shop.example/hooks", true),
            Err(EndpointUrlError::NotHttps)
        );
        for private in [
            "https://127.0.0.1/h",
            "https://10.1.2.3/h",
            "https://192.168.0.5/h",
            "https://172.20.0.1/h",
            "https://169.254.169.254/latest",
            "https://[::1]/h",
            "https://[fd00::1]/h",
            "https://[fe80::1]/h",
            "https://localhost/h",
            "https://printer.local/h",
            "https://100.64.0.1/h",
            "https://0.0.0.0/h",
            "https://[::ffff:10.0.0.1]/h",
        ] {
            assert_eq!(
                check_url(private, true),
                Err(EndpointUrlError::PrivateAddress),
                "{private}"
            );
        }
    }

    #[test]
    fn test_endpoints_may_use_http_to_localhost_only() {
        assert!(check_url("http://127.0.0.1:4000/hooks", false).is_ok());
        assert!(check_url("http://localhost:4000/hooks", false).is_ok());
        assert_eq!(
            check_url("http://shop.example/hooks", false),
            Err(EndpointUrlError::NotHttps)
        );
        assert_eq!(
            check_url("ftp://127.0.0.1/", false),
            Err(EndpointUrlError::NotHttps)
        );
    }

    #[test]
    fn malformed_urls_and_credentials_are_invalid() {
        for bad in [
            "/hooks",
            "",
            "https://user:pw@shop.example/",
            &format!("https://x.example/{}", "a".repeat(2048)),
        ] {
            assert_eq!(
                check_url(bad, false),
                Err(EndpointUrlError::Invalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn events_must_be_known_distinct_and_present() {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(check_events(&names(&["checkout_session.paid", "payment_link.created"])).is_ok());
        assert!(check_events(&names(&["*"])).is_ok());
        let codes = |list: &[&str]| {
            check_events(&names(list))
                .unwrap_err()
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&[]), ["enabled_events_required"]);
        assert_eq!(
            codes(&["checkout_session.refunded"]),
            ["event_type_unknown"]
        );
        assert_eq!(
            codes(&["payment_link.created", "payment_link.created"]),
            ["event_type_duplicate"]
        );
        assert_eq!(
            codes(&["*", "payment_link.created"]),
            ["event_type_unknown"]
        );
    }

    #[test]
    fn the_test_ping_is_listed_but_never_subscribed_to() {
        assert!(listed_event_types().contains(&TEST_PING));
        assert_eq!(listed_event_types().len(), EVENT_TYPES.len() + 1);
        let refused = check_events(&[TEST_PING.to_owned()]).unwrap_err();
        assert_eq!(refused[0].code, "event_type_unknown");
    }

    #[test]
    fn an_update_tells_an_absent_description_from_a_cleared_one() {
        let absent: UpdateEndpointRequest = serde_json::from_str("{}").unwrap();
        let cleared: UpdateEndpointRequest =
            serde_json::from_str(r#"{"description": null}"#).unwrap();
        assert_eq!(absent.description, None);
        assert_eq!(cleared.description, Some(None));
    }

    #[test]
    fn a_list_of_events_longer_than_the_types_there_are_is_refused_once() {
        let many = vec!["payment_link.created".to_owned(); 5000];
        let errors = check_events(&many).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, "enabled_events_too_many");
        let all: Vec<String> = EVENT_TYPES.iter().map(|t| (*t).to_owned()).collect();
        assert!(check_events(&all).is_ok());
    }
}
