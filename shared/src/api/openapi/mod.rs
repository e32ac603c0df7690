//! The OpenAPI 3.1 document of the API, built from the API types' JSON Schemas.
//!
//! Request and response bodies are the Rust types themselves (`schemars`), so the document
//! cannot drift from what the worker parses and sends; the operations are listed in
//! [`operations`], and the edge's tests check each one against its routing table.

mod closed;
mod contracts;
mod operations;
mod patches;

use schemars::generate::Contract;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

pub use closed::{EventData, EventType, LinkType, OpenEventType};
pub use operations::operations;
pub use patches::{AccountPatch, CheckoutPatch, UpdateLinkRequest};

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
    query: Vec<(&'static str, String, Value)>,
    request: Option<Schema>,
    responses: Vec<(u16, &'static str, Option<Schema>)>,
    /// OpenAPI links from a response to the operations its object feeds (status, operation
    /// id, parameters as runtime expressions): schemathesis' stateful phase follows them.
    links: Vec<Link>,
}

/// One link: from the response with `status` to `operation`, its parameters filled from the
/// response body by runtime expressions such as `$response.body#/id`.
#[derive(Debug, Clone)]
struct Link {
    status: u16,
    operation: &'static str,
    parameters: Vec<(&'static str, &'static str)>,
}

impl Operation {
    fn new(
        method: &'static str,
        path: &'static str,
        id: &'static str,
        auth: Auth,
        summary: &'static str,
    ) -> Self {
        Self {
            method,
            path,
            id,
            summary,
            auth,
            idempotent: false,
            query: Vec::new(),
            request: None,
            responses: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Links the `status` response to each of `operations`, passing `parameters` to each.
    fn links(
        mut self,
        status: u16,
        operations: &[&'static str],
        parameters: &[(&'static str, &'static str)],
    ) -> Self {
        self.links.extend(operations.iter().map(|&operation| Link {
            status,
            operation,
            parameters: parameters.to_vec(),
        }));
        self
    }

    fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    fn query(mut self, query: Vec<(&'static str, String, Value)>) -> Self {
        self.query = query;
        self
    }

    fn request(mut self, schema: Schema) -> Self {
        self.request = Some(schema);
        self
    }

    fn answers(mut self, status: u16, description: &'static str, schema: Schema) -> Self {
        self.responses.push((status, description, Some(schema)));
        self
    }

    /// Error statuses, each with the one error shape.
    fn fails(mut self, error: &Schema, codes: &[u16]) -> Self {
        self.responses.extend(
            codes
                .iter()
                .map(|&code| (code, reason(code), Some(error.clone()))),
        );
        self
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        400 => "The request is invalid; `error.code` says how.",
        401 => "Missing, invalid or revoked credentials.",
        403 => "The credentials may not do this (scope, or the admin API is off).",
        404 => "No such object (or not yours).",
        409 => "The object's state forbids this.",
        422 => {
            "The request cannot be done as sent: the Idempotency-Key was used for a different request, or a link names no chain and the account has no default_chain (`chain_required`)."
        }
        429 => "The key used up its requests for this minute; see Retry-After.",
        _ => "Something failed on our side; the body says nothing internal.",
    }
}

/// The whole document. Request bodies are described as the worker reads them, responses as it
/// writes them (see `contracts.rs`): a field it always writes is required, even when `null`.
pub fn document() -> Value {
    let mut reads = contracts::generator(Contract::Deserialize);
    let mut writes = contracts::generator(Contract::Serialize);
    let mut operations = operations(&mut reads);
    for (op, written) in operations.iter_mut().zip(self::operations(&mut writes)) {
        op.responses = written.responses;
    }
    let schemas = contracts::components(&operations, reads, writes);
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
            "schemas": schemas,
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
        let links: Map<String, Value> = op
            .links
            .iter()
            .filter(|link| link.status == *status)
            .map(|link| {
                let parameters: Map<String, Value> = link
                    .parameters
                    .iter()
                    .map(|(name, expression)| ((*name).to_owned(), json!(expression)))
                    .collect();
                let name = format!(
                    "{}{}",
                    link.operation[..1].to_uppercase(),
                    &link.operation[1..]
                );
                (
                    name,
                    json!({ "operationId": link.operation, "parameters": parameters }),
                )
            })
            .collect();
        if !links.is_empty() {
            response["links"] = Value::Object(links);
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
mod tests;
