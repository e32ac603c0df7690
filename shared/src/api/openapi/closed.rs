//! Closed sets as named `enum` schemas, built from the domain's own lists so they cannot drift.
//!
//! The API types keep these fields as strings (a request's bad value gets its own field error,
//! not a serde type error); `#[schemars(with = "…")]` on a field points its schema here.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::api::links::PaymentLink;
use crate::api::public::LinkState;
use crate::api::sessions::CheckoutSession;
use crate::auth::{KeyKind, Scope};
use crate::chain::Chain;
use crate::link::LinkStatus;
use crate::money::Asset;
use crate::session::SessionStatus;
use crate::webhook::endpoint::{EVENT_TYPES, WebhookEndpoint};

/// A string schema that admits exactly `values`.
fn closed<'a>(description: &str, values: impl IntoIterator<Item = &'a str>) -> Schema {
    let values: Vec<&str> = values.into_iter().collect();
    json_schema!({ "type": "string", "enum": values, "description": description })
}

/// Implements `JsonSchema` for each type as the closed set of its values, named as the type.
macro_rules! closed_sets {
    ($($ty:ident = $values:expr, $description:literal;)*) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                closed($description, $values)
            }
        }
    )*};
}

/// `fixed` (the link has a price) or `custom` (the customer enters the amount).
pub struct LinkType;

/// The values of [`LinkType`], as `Pricing::kind` names them.
pub const LINK_TYPES: [&str; 2] = ["fixed", "custom"];

/// The event types this version of the API sends.
pub struct EventType;

closed_sets! {
    Asset = Asset::ALL.map(Asset::symbol), "A crypto asset, by its symbol.";
    Chain = Chain::ALL.map(Chain::name),
        "An EVM network: `ethereum` and `base` in live mode; `sepolia`, `base-sepolia` and `anvil` in test mode.";
    LinkStatus = LinkStatus::ALL.map(LinkStatus::as_str),
        "A link's state, derived when read: archived wins over expired, then sold_out (payments_count reached max_payments), then inactive.";
    LinkState = LinkState::ALL.map(LinkState::as_str),
        "Whether a customer can pay the link now: expired wins over sold out, which wins over inactive.";
    SessionStatus = SessionStatus::ALL.map(SessionStatus::as_str), "Where a checkout session stands.";
    KeyKind = KeyKind::ALL.map(KeyKind::as_str),
        "`secret` keys hold every scope; `restricted` keys the scopes they were given.";
    Scope = Scope::ALL.map(Scope::as_str), "A permission of an API key.";
    LinkType = LINK_TYPES, "`fixed`: the link has a price. `custom`: the customer enters the amount.";
    EventType = EVENT_TYPES,
        "The event types this version of the API sends. The set grows over time: a new type is added without a new API version, so a client must not fail on a type it does not know (ignore that event). `Event.type` is typed to allow that.";
}

/// `Event.type`: one of [`EventType`], or a type added since the client was generated.
pub struct OpenEventType;

impl JsonSchema for OpenEventType {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "OpenEventType".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let known = generator.subschema_for::<EventType>();
        json_schema!({
            "description": "The event's type: one of EventType, or a type added after this document was published (a client ignores events it does not handle).",
            "anyOf": [known, { "type": "string" }],
        })
    }
}

/// `Event.data`: the object the event is about, as the API returned it then.
pub struct EventData;

impl JsonSchema for EventData {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "EventData".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let objects = [
            generator.subschema_for::<CheckoutSession>(),
            generator.subschema_for::<PaymentLink>(),
            generator.subschema_for::<WebhookEndpoint>(),
        ];
        // The field's own docs say which type carries which object.
        json_schema!({ "oneOf": objects })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::links::CreateLinkRequest;
    use serde_json::{Value, json};

    fn values<T: JsonSchema>() -> Vec<String> {
        let schema = schemars::schema_for!(T);
        let list = schema.get("enum").and_then(Value::as_array).cloned();
        list.unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    #[test]
    fn closed_sets_list_the_names_the_domain_parses() {
        assert_eq!(values::<Asset>(), ["ETH", "USDC", "EURC"]);
        assert!(
            values::<Chain>()
                .iter()
                .all(|name| Chain::parse(name).is_some())
        );
        assert!(
            values::<SessionStatus>()
                .iter()
                .all(|name| SessionStatus::parse(name).is_some())
        );
        assert!(
            values::<LinkStatus>()
                .iter()
                .all(|name| LinkStatus::parse(name).is_some())
        );
        assert_eq!(values::<EventType>().len(), EVENT_TYPES.len());
        assert!(Chain::parse("solana").is_none() && !values::<Chain>().contains(&"solana".into()));
    }

    #[test]
    fn every_link_type_in_the_schema_is_one_a_create_accepts() {
        let defaults = crate::api::links::LinkDefaults {
            chain: None,
            assets: &|_| Vec::new(),
        };
        for kind in values::<LinkType>() {
            let amount = (kind == "fixed").then_some("5");
            let request: CreateLinkRequest = serde_json::from_value(json!({
                "title": "T", "type": kind, "amount": amount, "currency": "USD",
                "assets": ["ETH"], "chain": "anvil",
            }))
            .unwrap();
            let link = request.parse(false, 0, &defaults).unwrap();
            assert_eq!(link.pricing.kind(), kind);
        }
        let auction: CreateLinkRequest = serde_json::from_value(json!({
            "title": "T", "type": "auction", "currency": "USD", "assets": ["ETH"], "chain": "anvil",
        }))
        .unwrap();
        assert!(auction.parse(false, 0, &defaults).is_err());
    }

    #[test]
    fn event_types_stay_open_for_types_added_later() {
        let schema = schemars::schema_for!(OpenEventType);
        let any_of = schema.get("anyOf").and_then(Value::as_array).unwrap();
        assert_eq!(any_of[1], json!({ "type": "string" }));
    }
}
