//! The operations the worker serves, each with its bodies as Rust types.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use super::patches::{AccountPatch, UpdateLinkRequest};
use super::{Auth, Operation};
use crate::api::error::ErrorBody;
use crate::api::events::{Delivery, Event};
use crate::api::keys::{
    Account, ApiKeyObject, CreateKeyRequest, CreateMerchantRequest, CreateRestrictedKeyRequest,
    List, MerchantCreated,
};
use crate::api::links::{CreateLinkRequest, PaymentLink};
use crate::api::list::ListParams;
use crate::api::public::PublicLink;
use crate::api::sessions::{
    CheckoutSession, CreateCheckoutRequest, CreateSessionRequest, PublicSession, QuoteRequest,
};
use crate::api::sweeps::{SweepList, SweepPlan, SweepRequest};
use crate::bounds::MAX_TIMESTAMP;
use crate::health::Health;
use crate::link::StatusSet;
use crate::webhook::endpoint::{
    CreateEndpointRequest, LIST_DEFAULT_LIMIT, UpdateEndpointRequest, WebhookEndpoint,
};

/// A query parameter: name, description, JSON Schema.
type Param = (&'static str, String, Value);

/// `limit` and the cursors of a list of `what`s, newest first, whose pages hold `default`
/// items unless `limit` says otherwise (`ListParams` reads them).
fn paging(what: &str, default: u32) -> Vec<Param> {
    let cursor =
        json!({"type": "string", "minLength": 1, "maxLength": ListParams::MAX_VALUE_CHARS});
    vec![
        (
            "limit",
            format!(
                "Page size, 1 to {} (default {default}).",
                ListParams::MAX_LIMIT
            ),
            json!({"type": "integer", "minimum": 1, "maximum": ListParams::MAX_LIMIT}),
        ),
        (
            "starting_after",
            format!(
                "Id of the last {what} of a page: the page of older ones after it. One that is not yours is `invalid_cursor`."
            ),
            cursor.clone(),
        ),
        (
            "ending_before",
            format!(
                "Id of the first {what} of a page: the page of newer ones before it. One that is not yours is `invalid_cursor`."
            ),
            cursor,
        ),
    ]
}

fn param(name: &'static str, description: &str, schema: Value) -> Param {
    (name, description.to_owned(), schema)
}

fn list_query() -> Vec<Param> {
    let mut params = paging("link", ListParams::DEFAULT_LIMIT);
    params.extend([
        param(
            "status",
            "Comma-separated statuses, e.g. `active,inactive`: active, inactive, expired, sold_out, archived or all (default: all but archived).",
            json!({"type": "string", "pattern": StatusSet::pattern(), "maxLength": 200}),
        ),
        param(
            "currency",
            "ISO 4217 code.",
            json!({"type": "string", "maxLength": 200}),
        ),
        param(
            "created[gte]",
            "Created at or after (unix seconds).",
            json!({"type": "integer", "minimum": 0, "maximum": MAX_TIMESTAMP}),
        ),
        param(
            "created[lte]",
            "Created at or before (unix seconds).",
            json!({"type": "integer", "minimum": 0, "maximum": MAX_TIMESTAMP}),
        ),
        param(
            "q",
            "Text in the title or slug, at most 100 characters; ASCII letters match either case.",
            json!({"type": "string", "maxLength": 100}),
        ),
    ]);
    params
}

fn event_query() -> Vec<Param> {
    let mut params = paging("event", ListParams::DEFAULT_LIMIT);
    params.push(param(
        "type",
        "Only events of this type.",
        json!({"type": "string", "enum": crate::webhook::endpoint::listed_event_types()}),
    ));
    params.push(param(
        "object_id",
        "Only events about this object: the `id` of their `data` (`cs_…`, `pl_…`, `we_…`).",
        json!({"type": "string", "maxLength": 200}),
    ));
    params
}

fn session_query() -> Vec<Param> {
    let mut params = paging("checkout session", ListParams::DEFAULT_LIMIT);
    params.push(param(
        "payment_link",
        "Only sessions of this link (`pl_…`).",
        json!({"type": "string", "maxLength": 200}),
    ));
    params.push(param(
        "status",
        "Only sessions in this status.",
        json!({"type": "string", "enum": ["open", "pending", "paid", "expired", "underpaid", "overpaid", "paid_late", "canceled"]}),
    ));
    params.push(param(
        "client_reference_id",
        "Only sessions with this reference of yours (an order number).",
        json!({"type": "string", "maxLength": 200}),
    ));
    params
}

/// Every operation the worker serves under `/v1` and `/healthz`.
pub fn operations(g: &mut SchemaGenerator) -> Vec<Operation> {
    fn of<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
        g.subschema_for::<T>()
    }
    let error = of::<ErrorBody>(g);
    let deleted = Schema::try_from(json!({
        "type": "object",
        "required": ["id", "object", "deleted"],
        "properties": {"id": {"type": "string"}, "object": {"type": "string"}, "deleted": {"type": "boolean"}},
    }))
    .unwrap_or_default();
    use Auth::{Admin, ApiKey, Public};
    vec![
        Operation::new("post", "/v1/webhook_endpoints", "createWebhookEndpoint", ApiKey, "Creates an endpoint; its signing secret is shown once (scope webhooks:write).")
            .request(of::<CreateEndpointRequest>(g))
            .answers(201, "Created, with `secret`.", of::<WebhookEndpoint>(g))
            .links(201, &["getWebhookEndpoint", "updateWebhookEndpoint", "deleteWebhookEndpoint", "rotateWebhookEndpointSecret", "listWebhookDeliveries"], &[("id", "$response.body#/id")])
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("get", "/v1/webhook_endpoints", "listWebhookEndpoints", ApiKey, "The merchant's endpoints in this mode, newest first, never a secret (scope webhooks:read).")
            .query(paging("endpoint", LIST_DEFAULT_LIMIT))
            .answers(200, "A page.", of::<List<WebhookEndpoint>>(g))
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("get", "/v1/webhook_endpoints/{id}", "getWebhookEndpoint", ApiKey, "One endpoint, without its secret (scope webhooks:read).")
            .answers(200, "The endpoint.", of::<WebhookEndpoint>(g))
            .fails(&error, &[401, 403, 404, 429, 500]),
        Operation::new("patch", "/v1/webhook_endpoints/{id}", "updateWebhookEndpoint", ApiKey, "Changes url, events, description or enabled (scope webhooks:write).")
            .idempotent()
            .request(of::<UpdateEndpointRequest>(g))
            .answers(200, "Updated.", of::<WebhookEndpoint>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new("delete", "/v1/webhook_endpoints/{id}", "deleteWebhookEndpoint", ApiKey, "Deletes an endpoint: no more deliveries go there (scope webhooks:write).")
            .idempotent()
            .answers(200, "Deleted.", deleted)
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new("post", "/v1/webhook_endpoints/{id}/rotate_secret", "rotateWebhookEndpointSecret", ApiKey, "A new signing secret, shown once; the previous one signs too for 24 h (scope webhooks:write).")
            .answers(200, "Rotated, with the new `secret`.", of::<WebhookEndpoint>(g))
            .fails(&error, &[400, 401, 403, 404, 429, 500]),
        Operation::new("post", "/v1/payment_links", "createPaymentLink", ApiKey, "Creates a payment link (scope links:write).")
            .idempotent()
            .request(of::<CreateLinkRequest>(g))
            .answers(201, "Created.", of::<PaymentLink>(g))
            .links(201, &["getPaymentLink", "updatePaymentLink", "archivePaymentLink"], &[("id", "$response.body#/id")])
            .links(201, &["getPublicLink", "openLinkSession"], &[("slug", "$response.body#/slug")])
            .links(201, &["listCheckoutSessions"], &[("payment_link", "$response.body#/id")])
            .fails(&error, &[400, 401, 403, 409, 422, 429, 500]),
        Operation::new("get", "/v1/payment_links", "listPaymentLinks", ApiKey, "Lists payment links, newest first (scope links:read).")
            .query(list_query())
            .answers(200, "A page.", of::<List<PaymentLink>>(g))
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("get", "/v1/payment_links/{id}", "getPaymentLink", ApiKey, "Retrieves a payment link (scope links:read).")
            .answers(200, "The link.", of::<PaymentLink>(g))
            .fails(&error, &[401, 403, 404, 429, 500]),
        Operation::new(
            "patch",
            "/v1/payment_links/{id}",
            "updatePaymentLink",
            ApiKey,
            "Updates a link: a JSON Merge Patch of the create fields (null clears; scope links:write).",
        )
        .idempotent()
        .request(of::<UpdateLinkRequest>(g))
        .answers(200, "Updated.", of::<PaymentLink>(g))
        .links(200, &["getPaymentLink", "archivePaymentLink"], &[("id", "$response.body#/id")])
        .links(200, &["getPublicLink"], &[("slug", "$response.body#/slug")])
        .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new(
            "delete",
            "/v1/payment_links/{id}",
            "archivePaymentLink",
            ApiKey,
            "Archives a link: its slug stops resolving; open sessions stay valid (scope links:write).",
        )
        .idempotent()
        .answers(200, "Archived.", of::<PaymentLink>(g))
        .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new(
            "get",
            "/v1/public/links/{slug}",
            "getPublicLink",
            Public,
            "What the pay page shows of a link; no key. Unknown and archived slugs are 404.",
        )
        .answers(200, "The link.", of::<PublicLink>(g))
        .fails(&error, &[404, 500]),
        Operation::new("get", "/healthz", "getHealth", Public, "Build version and whether D1 and KV answer (503 when one does not).")
            .answers(200, "All checks passed.", of::<Health>(g))
            .answers(503, "A check failed.", of::<Health>(g)),
        Operation::new("get", "/v1/account", "getAccount", ApiKey, "The merchant behind the calling key, its mode, scopes and checkout settings.")
            .answers(200, "The account.", of::<Account>(g))
            .fails(&error, &[401, 429, 500]),
        Operation::new(
            "patch",
            "/v1/account",
            "updateAccount",
            ApiKey,
            "Sets the checkout settings of the key's mode: a JSON Merge Patch of `checkout` (deposit xpub or payout address, quote lock, framing origins, default chain; scope account:write).",
        )
        .idempotent()
        .request(of::<AccountPatch>(g))
        .answers(200, "Updated.", of::<Account>(g))
        .fails(&error, &[400, 401, 403, 409, 422, 429, 500]),
        Operation::new(
            "get",
            "/v1/sweeps",
            "listSweeps",
            ApiKey,
            "Payout mode: the deposit addresses that hold funds now (read on their chains), per chain and asset with totals; the newest 200 that received money (scope sessions:read).",
        )
        .answers(200, "What is there to sweep.", of::<SweepList>(g))
        .fails(&error, &[401, 403, 429, 500]),
        Operation::new(
            "post",
            "/v1/sweeps",
            "planSweeps",
            ApiKey,
            "Payout mode: ready-to-sign transactions (`deployAndFlush` on the chain's factory, one payout each, batched under a block's gas) that move those funds to their payout address; send them from any wallet with ETH for gas. Nothing is written (scope account:write).",
        )
        .idempotent()
        .request(of::<SweepRequest>(g))
        .answers(200, "The transactions.", of::<SweepPlan>(g))
        .fails(&error, &[400, 401, 403, 422, 429, 500]),
        Operation::new(
            "post",
            "/v1/public/links/{slug}/sessions",
            "openLinkSession",
            Public,
            "A customer opens a checkout session on a link (with the shop's reference and email from the link's URL); with an asset, its first quote: a locked price and a fresh deposit address. No key.",
        )
        .request(of::<CreateSessionRequest>(g))
        .answers(201, "Created.", of::<PublicSession>(g))
        .links(201, &["getPublicSession", "quotePublicSession", "getCheckoutSession", "expireCheckoutSession"], &[("id", "$response.body#/id")])
        .fails(&error, &[400, 404, 409, 410, 422, 429, 500, 503]),
        Operation::new(
            "post",
            "/v1/public/sessions/{id}/quotes",
            "quotePublicSession",
            Public,
            "A new current quote on an open session (another asset, or a fresh price after the lock ran out); the session keeps its id and the earlier quotes stay watched. No key.",
        )
        .request(of::<QuoteRequest>(g))
        .answers(201, "Quoted.", of::<PublicSession>(g))
        .fails(&error, &[400, 404, 409, 422, 429, 500, 503]),
        Operation::new(
            "post",
            "/v1/checkout_sessions",
            "createCheckoutSession",
            ApiKey,
            "Creates a one-time checkout for an order: its own amount, or a payment link as a template; send the customer to its `url` (scope sessions:write).",
        )
        .idempotent()
        .request(of::<CreateCheckoutRequest>(g))
        .answers(201, "Created.", of::<CheckoutSession>(g))
        .links(201, &["getCheckoutSession", "expireCheckoutSession", "redactCheckoutSession", "getPublicSession"], &[("id", "$response.body#/id")])
        .fails(&error, &[400, 401, 403, 409, 410, 422, 429, 500]),
        Operation::new("get", "/v1/public/sessions/{id}", "getPublicSession", Public, "A session's status for the pay page to poll; no key (the id is unguessable).")
            .answers(200, "The session.", of::<PublicSession>(g))
            .fails(&error, &[404, 500]),
        Operation::new("get", "/v1/checkout_sessions", "listCheckoutSessions", ApiKey, "Lists checkout sessions, newest first (scope sessions:read).")
            .query(session_query())
            .answers(200, "A page.", of::<List<CheckoutSession>>(g))
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("get", "/v1/events", "listEvents", ApiKey, "Events, newest first; filters `type` and `object_id` (scope webhooks:read).")
            .query(event_query())
            .answers(200, "A page.", of::<List<Event>>(g))
            .links(200, &["getEvent"], &[("id", "$response.body#/data/0/id")])
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("get", "/v1/events/{id}", "getEvent", ApiKey, "One event (scope webhooks:read).")
            .answers(200, "The event.", of::<Event>(g))
            .fails(&error, &[401, 403, 404, 429, 500]),
        Operation::new("get", "/v1/webhook_endpoints/{id}/deliveries", "listWebhookDeliveries", ApiKey, "The endpoint's deliveries, newest first, with every attempt: status code, duration, a trimmed answer (scope webhooks:read).")
            .query(paging("delivery", ListParams::DEFAULT_LIMIT))
            .answers(200, "A page.", of::<List<Delivery>>(g))
            .fails(&error, &[400, 401, 403, 404, 429, 500]),
        Operation::new("post", "/v1/webhook_endpoints/{id}/test", "testWebhookEndpoint", ApiKey, "Sends a signed `test.ping` event to this endpoint only, whatever it subscribes to, so a receiver can be checked without a payment; its data is the endpoint without its secret (scope webhooks:write).")
            .idempotent()
            .answers(202, "Queued; the attempt follows the answer.", of::<Delivery>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new("post", "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry", "retryWebhookDelivery", ApiKey, "Sends a delivery again now, whatever its status (scope webhooks:write).")
            .idempotent()
            .answers(202, "Queued; the attempt follows the answer.", of::<Delivery>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new("get", "/v1/checkout_sessions/{id}", "getCheckoutSession", ApiKey, "Retrieves a checkout session (scope sessions:read).")
            .answers(200, "The session.", of::<CheckoutSession>(g))
            .fails(&error, &[401, 403, 404, 429, 500]),
        Operation::new("post", "/v1/checkout_sessions/{id}/expire", "expireCheckoutSession", ApiKey, "Cancels an open session with nothing received: status canceled, a `checkout_session.canceled` event; quotes shown before stay watched (scope sessions:write).")
            .idempotent()
            .answers(200, "Canceled.", of::<CheckoutSession>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new("post", "/v1/checkout_sessions/{id}/redact", "redactCheckoutSession", ApiKey, "Erases the payer's data (customer details, custom field answers, customer_email) at once, from the session and from its events' payloads, its deliveries' recorded answers and stored replays; the events stay. Again: the same session (scope sessions:write).")
            .idempotent()
            .answers(200, "Redacted.", of::<CheckoutSession>(g))
            .fails(&error, &[400, 401, 403, 404, 422, 429, 500]),
        Operation::new("get", "/v1/api_keys", "listApiKeys", ApiKey, "The calling key's mode's API keys, newest first, revoked ones too, never a secret (secret keys only).")
            .query(paging("API key", ListParams::DEFAULT_LIMIT))
            .answers(200, "A page.", of::<List<ApiKeyObject>>(g))
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("post", "/v1/api_keys", "createApiKey", ApiKey, "Creates a restricted key with the scopes asked for, in the calling key's mode; its secret is shown once (secret keys only: a restricted key cannot mint keys).")
            .request(of::<CreateRestrictedKeyRequest>(g))
            .answers(201, "Created, with `secret`.", of::<ApiKeyObject>(g))
            .links(201, &["revokeApiKey"], &[("id", "$response.body#/id")])
            .fails(&error, &[400, 401, 403, 429, 500]),
        Operation::new("delete", "/v1/api_keys/{id}", "revokeApiKey", ApiKey, "Revokes one of the mode's keys at once; never the calling key (409 api_key_in_use; secret keys only).")
            .idempotent()
            .answers(200, "Revoked.", of::<ApiKeyObject>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 429, 500]),
        Operation::new(
            "post",
            "/v1/admin/merchants",
            "createMerchant",
            Admin,
            "Creates a merchant and its first test and live secret keys (shown once).",
        )
        .request(of::<CreateMerchantRequest>(g))
        .answers(201, "Created.", of::<MerchantCreated>(g))
        .links(201, &["listKeys", "createKey"], &[("id", "$response.body#/merchant/id")])
        .fails(&error, &[400, 401, 403, 500]),
        Operation::new("get", "/v1/admin/merchants/{id}/keys", "listKeys", Admin, "A merchant's API keys, newest first, without secrets.")
            .answers(200, "The keys.", of::<List<ApiKeyObject>>(g))
            .fails(&error, &[401, 403, 404, 500]),
        Operation::new("post", "/v1/admin/merchants/{id}/keys", "createKey", Admin, "Creates a secret or restricted key; its secret is shown once.")
            .request(of::<CreateKeyRequest>(g))
            .answers(201, "Created.", of::<ApiKeyObject>(g))
            .links(201, &["revokeKey"], &[("id", "$response.body#/id")])
            .fails(&error, &[400, 401, 403, 404, 500]),
        Operation::new("delete", "/v1/admin/keys/{id}", "revokeKey", Admin, "Revokes a key at once.")
            .idempotent()
            .answers(200, "Revoked.", of::<ApiKeyObject>(g))
            .fails(&error, &[400, 401, 403, 404, 409, 422, 500]),
    ]
}
