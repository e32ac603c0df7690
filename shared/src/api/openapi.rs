//! The OpenAPI 3.1 document of the API, built from the API types' JSON Schemas.
//!
//! Request and response bodies are the Rust types themselves (`schemars`), so the document
//! cannot drift from what the worker parses and sends; the operations are listed here, and the
//! edge's tests check each one against its routing table.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::api::error::ErrorBody;
use crate::api::keys::{
    Account, ApiKeyObject, CreateKeyRequest, CreateMerchantRequest, List, MerchantCreated,
};
use crate::api::links::{CreateLinkRequest, PaymentLink};
use crate::api::public::PublicLink;
use crate::health::Health;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Public,
    /// A merchant's API key: `Authorization: Bearer sk_…` or `rk_…`.
    ApiKey,
    /// The operator's `ADMIN_TOKEN`.
    Admin,
}

/// One documented operation; `path` uses `{name}` for path parameters.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: &'static str,
    pub path: &'static str,
    pub id: &'static str,
    pub summary: &'static str,
    pub auth: Auth,
    /// Accepts `Idempotency-Key` (writes whose answers hold no secret).
    pub idempotent: bool,
    /// Query parameters: name, description, JSON Schema.
    query: Vec<(&'static str, &'static str, Value)>,
    request: Option<Schema>,
    responses: Vec<(u16, &'static str, Option<Schema>)>,
}

/// Every operation the worker serves under `/v1` and `/healthz`.
pub fn operations(generator: &mut SchemaGenerator) -> Vec<Operation> {
    let mut schema = |f: fn(&mut SchemaGenerator) -> Schema| f(generator);
    let error = schema(|g| g.subschema_for::<ErrorBody>());
    let failures = |codes: &[u16]| -> Vec<(u16, &'static str, Option<Schema>)> {
        codes
            .iter()
            .map(|&code| (code, reason(code), Some(error.clone())))
            .collect()
    };
    let with = |ok: Vec<(u16, &'static str, Option<Schema>)>, codes: &[u16]| {
        ok.into_iter().chain(failures(codes)).collect::<Vec<_>>()
    };
    let list_query = vec![
        (
            "limit",
            "Page size, 1 to 100 (default 25).",
            json!({"type": "integer", "minimum": 1, "maximum": 100}),
        ),
        (
            "starting_after",
            "Id of the last link of the previous page.",
            json!({"type": "string", "minLength": 1}),
        ),
        (
            "ending_before",
            "Id of the first link of the next page.",
            json!({"type": "string", "minLength": 1}),
        ),
        (
            "status",
            "active, inactive, expired, archived or all (default: all but archived).",
            json!({"type": "string", "enum": ["active", "inactive", "expired", "archived", "all"]}),
        ),
        ("currency", "ISO 4217 code.", json!({"type": "string"})),
        (
            "created[gte]",
            "Created at or after (unix seconds).",
            json!({"type": "integer"}),
        ),
        (
            "created[lte]",
            "Created at or before (unix seconds).",
            json!({"type": "integer"}),
        ),
        ("q", "Text in the title or slug.", json!({"type": "string"})),
    ];
    vec![
        Operation {
            method: "post",
            path: "/v1/payment_links",
            id: "createPaymentLink",
            summary: "Creates a payment link (scope links:write).",
            auth: Auth::ApiKey,
            idempotent: true,
            query: Vec::new(),
            request: Some(schema(|g| g.subschema_for::<CreateLinkRequest>())),
            responses: with(
                vec![(
                    201,
                    "Created.",
                    Some(schema(|g| g.subschema_for::<PaymentLink>())),
                )],
                &[400, 401, 403, 409, 422, 429, 500],
            ),
        },
        Operation {
            method: "get",
            path: "/v1/payment_links",
            id: "listPaymentLinks",
            summary: "Lists payment links, newest first (scope links:read).",
            auth: Auth::ApiKey,
            idempotent: false,
            query: list_query,
            request: None,
            responses: with(
                vec![(
                    200,
                    "A page.",
                    Some(schema(|g| g.subschema_for::<List<PaymentLink>>())),
                )],
                &[400, 401, 403, 429, 500],
            ),
        },
        Operation {
            method: "get",
            path: "/v1/payment_links/{id}",
            id: "getPaymentLink",
            summary: "Retrieves a payment link (scope links:read).",
            auth: Auth::ApiKey,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(
                    200,
                    "The link.",
                    Some(schema(|g| g.subschema_for::<PaymentLink>())),
                )],
                &[401, 403, 404, 429, 500],
            ),
        },
        Operation {
            method: "patch",
            path: "/v1/payment_links/{id}",
            id: "updatePaymentLink",
            summary: "Updates a link: a JSON Merge Patch of the create fields (null clears; scope links:write).",
            auth: Auth::ApiKey,
            idempotent: true,
            query: Vec::new(),
            request: Schema::try_from(json!({
                "type": "object",
                "description": "Any fields of CreateLinkRequest except slug; absent fields stay, null clears.",
            }))
            .ok(),
            responses: with(
                vec![(200, "Updated.", Some(schema(|g| g.subschema_for::<PaymentLink>())))],
                &[400, 401, 403, 404, 409, 422, 429, 500],
            ),
        },
        Operation {
            method: "delete",
            path: "/v1/payment_links/{id}",
            id: "archivePaymentLink",
            summary: "Archives a link: its slug stops resolving; open sessions stay valid (scope links:write).",
            auth: Auth::ApiKey,
            idempotent: true,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(200, "Archived.", Some(schema(|g| g.subschema_for::<PaymentLink>())))],
                &[400, 401, 403, 404, 409, 422, 429, 500],
            ),
        },
        Operation {
            method: "get",
            path: "/v1/public/links/{slug}",
            id: "getPublicLink",
            summary: "What the pay page shows of a link; no key. Unknown and archived slugs are 404.",
            auth: Auth::Public,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(200, "The link.", Some(schema(|g| g.subschema_for::<PublicLink>())))],
                &[404, 500],
            ),
        },
        Operation {
            method: "get",
            path: "/healthz",
            id: "getHealth",
            summary: "Build version and whether D1 and KV answer (503 when one does not).",
            auth: Auth::Public,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: vec![
                (
                    200,
                    "All checks passed.",
                    Some(schema(|g| g.subschema_for::<Health>())),
                ),
                (
                    503,
                    "A check failed.",
                    Some(schema(|g| g.subschema_for::<Health>())),
                ),
            ],
        },
        Operation {
            method: "get",
            path: "/v1/account",
            id: "getAccount",
            summary: "The merchant behind the calling key, its mode and scopes.",
            auth: Auth::ApiKey,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(
                    200,
                    "The account.",
                    Some(schema(|g| g.subschema_for::<Account>())),
                )],
                &[401, 429, 500],
            ),
        },
        Operation {
            method: "post",
            path: "/v1/admin/merchants",
            id: "createMerchant",
            summary: "Creates a merchant and its first test and live secret keys (shown once).",
            auth: Auth::Admin,
            idempotent: false,
            query: Vec::new(),
            request: Some(schema(|g| g.subschema_for::<CreateMerchantRequest>())),
            responses: with(
                vec![(
                    201,
                    "Created.",
                    Some(schema(|g| g.subschema_for::<MerchantCreated>())),
                )],
                &[400, 401, 403, 500],
            ),
        },
        Operation {
            method: "get",
            path: "/v1/admin/merchants/{id}/keys",
            id: "listKeys",
            summary: "A merchant's API keys, newest first, without secrets.",
            auth: Auth::Admin,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(
                    200,
                    "The keys.",
                    Some(schema(|g| g.subschema_for::<List<ApiKeyObject>>())),
                )],
                &[401, 403, 404, 500],
            ),
        },
        Operation {
            method: "post",
            path: "/v1/admin/merchants/{id}/keys",
            id: "createKey",
            summary: "Creates a secret or restricted key; its secret is shown once.",
            auth: Auth::Admin,
            idempotent: false,
            query: Vec::new(),
            request: Some(schema(|g| g.subschema_for::<CreateKeyRequest>())),
            responses: with(
                vec![(
                    201,
                    "Created.",
                    Some(schema(|g| g.subschema_for::<ApiKeyObject>())),
                )],
                &[400, 401, 403, 404, 500],
            ),
        },
        Operation {
            method: "delete",
            path: "/v1/admin/keys/{id}",
            id: "revokeKey",
            summary: "Revokes a key at once.",
            auth: Auth::Admin,
            idempotent: true,
            query: Vec::new(),
            request: None,
            responses: with(
                vec![(
                    200,
                    "Revoked.",
                    Some(schema(|g| g.subschema_for::<ApiKeyObject>())),
                )],
                &[400, 401, 403, 404, 409, 422, 500],
            ),
        },
    ]
}

fn reason(code: u16) -> &'static str {
    match code {
        400 => "The request is invalid; `error.code` says how.",
        401 => "Missing, invalid or revoked credentials.",
        403 => "The credentials may not do this (scope, or the admin API is off).",
        404 => "No such object (or not yours).",
        409 => "The object's state forbids this.",
        422 => "The Idempotency-Key was used for a different request.",
        429 => "The key used up its requests for this minute; see Retry-After.",
        _ => "Something failed on our side; the body says nothing internal.",
    }
}

/// The whole document.
pub fn document() -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    let operations = operations(&mut generator);
    let mut paths = Map::new();
    for op in &operations {
        let entry = paths.entry(op.path).or_insert_with(|| json!({}));
        entry[op.method] = operation_json(op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Paylink API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Crypto payment links. Every error has the shape of ErrorBody.",
        },
        "paths": paths,
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": {
                "apiKey": { "type": "http", "scheme": "bearer", "description": "sk_test_…, sk_live_…, rk_test_… or rk_live_…" },
                "adminToken": { "type": "http", "scheme": "bearer", "description": "The ADMIN_TOKEN secret." },
            },
        },
    })
}

fn operation_json(op: &Operation) -> Value {
    let mut responses = Map::new();
    for (status, description, body) in &op.responses {
        let mut response = json!({ "description": description });
        if let Some(schema) = body {
            response["content"] = json!({ "application/json": { "schema": schema } });
        }
        responses.insert(status.to_string(), response);
    }
    let mut value = json!({ "operationId": op.id, "summary": op.summary, "responses": responses });
    match op.auth {
        Auth::Public => value["security"] = json!([]),
        Auth::ApiKey => value["security"] = json!([{ "apiKey": [] }]),
        Auth::Admin => value["security"] = json!([{ "adminToken": [] }]),
    }
    let mut params: Vec<Value> = path_params(op.path)
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect();
    for (name, description, schema) in &op.query {
        params.push(json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema }));
    }
    if op.idempotent {
        params.push(json!({
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "Replays the first answer to repeats of this request for 24 hours.",
            "schema": { "type": "string", "minLength": 1, "maxLength": 255 },
        }));
    }
    if !params.is_empty() {
        value["parameters"] = Value::Array(params);
    }
    if let Some(schema) = &op.request {
        value["requestBody"] =
            json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    }
    value
}

/// The `{name}` parameters of a path template.
pub fn path_params(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
}

/// A type's schema name as it appears under `components/schemas`.
pub fn schema_name<T: JsonSchema>() -> String {
    T::schema_name().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn the_document_is_openapi_3_1_with_every_reference_resolved() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let name = r
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("{r}"));
            assert!(
                doc["components"]["schemas"].get(name).is_some(),
                "unresolved {r}"
            );
        }
    }

    #[test]
    fn request_bodies_reject_unknown_fields_as_the_worker_does() {
        let doc = document();
        let schema = &doc["components"]["schemas"][schema_name::<CreateKeyRequest>()];
        assert_eq!(schema["additionalProperties"], false, "{schema}");
    }

    #[test]
    fn every_operation_has_a_unique_id_and_error_responses_use_the_error_shape() {
        let mut generator = SchemaSettings::draft2020_12().into_generator();
        let ops = operations(&mut generator);
        let mut ids: Vec<&str> = ops.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ops.len());
        let doc = document();
        let error = doc["paths"]["/v1/account"]["get"]["responses"]["401"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            error,
            format!("#/components/schemas/{}", schema_name::<ErrorBody>())
        );
    }

    #[test]
    fn path_params_are_read_from_templates() {
        assert_eq!(
            path_params("/v1/admin/merchants/{id}/keys").collect::<Vec<_>>(),
            ["id"]
        );
        assert_eq!(path_params("/healthz").count(), 0);
    }
}
