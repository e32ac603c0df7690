//! Requests described as the worker reads them, responses as it writes them.
//!
//! serde reads a missing `Option` field as `None`, so a schema of how a type is *read* makes
//! every `Option` field optional; the worker *writes* those fields always (as `null` when
//! empty), so clients must see them as required and nullable. Each side gets its own schemars
//! generator (its own contract), and the document's components are the definitions each side
//! reaches. A name both sides define must mean the same schema.

use std::collections::BTreeSet;

use schemars::generate::{Contract, SchemaSettings};
use schemars::transform::RecursiveTransform;
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::Operation;

/// A generator for one side, writing references to `#/components/schemas/…`.
pub(super) fn generator(contract: Contract) -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    settings.meta_schema = None;
    settings.contract = contract;
    settings
        .transforms
        .push(Box::new(RecursiveTransform(enum_of_consts)));
    settings
        .transforms
        .push(Box::new(RecursiveTransform(no_null_default)));
    settings.into_generator()
}

/// The components: what the request bodies reach in `reads`, and what the responses reach in
/// `writes`.
///
/// # Panics
/// If both sides define one name differently (a type used in a request and a response whose
/// read and written forms differ): give the request its own type.
pub(super) fn components(
    operations: &[Operation],
    mut reads: SchemaGenerator,
    mut writes: SchemaGenerator,
) -> Map<String, Value> {
    let requests = operations.iter().filter_map(|op| op.request.as_ref());
    let responses = operations
        .iter()
        .flat_map(|op| op.responses.iter().filter_map(|(_, _, body)| body.as_ref()));
    let mut schemas = reachable(requests, &reads.take_definitions(true));
    for (name, schema) in reachable(responses, &writes.take_definitions(true)) {
        if let Some(read) = schemas.get(&name) {
            assert_eq!(read, &schema, "`{name}` is read and written differently");
        }
        schemas.insert(name, schema);
    }
    schemas
}

/// The definitions that `roots` reference, directly or through other definitions.
fn reachable<'a>(
    roots: impl Iterator<Item = &'a Schema>,
    definitions: &Map<String, Value>,
) -> Map<String, Value> {
    let mut pending: Vec<String> = Vec::new();
    for root in roots {
        references(root.as_value(), &mut pending);
    }
    let mut seen = BTreeSet::new();
    let mut found = Map::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = definitions.get(&name) {
            references(schema, &mut pending);
            found.insert(name, schema.clone());
        }
    }
    found
}

/// Pushes the component names `value` refers to.
pub(super) fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// A `oneOf` of string constants (what schemars makes of an enum whose variants have docs)
/// becomes an `enum`, the variants' docs joining the description: generators read `enum` as
/// a closed set, but some read such a `oneOf` as its first constant only.
fn enum_of_consts(schema: &mut Schema) {
    let Some(variants) = schema.get("oneOf").and_then(Value::as_array) else {
        return;
    };
    let plain = |v: &Value| {
        v.as_object().is_some_and(|m| {
            m.get("const").is_some_and(Value::is_string)
                && m.keys()
                    .all(|k| matches!(k.as_str(), "const" | "type" | "description"))
        })
    };
    if variants.is_empty() || !variants.iter().all(plain) {
        return;
    }
    let values: Vec<Value> = variants.iter().map(|v| v["const"].clone()).collect();
    let notes: Vec<String> = variants
        .iter()
        .filter_map(|v| {
            Some(format!(
                "`{}`: {}",
                v["const"].as_str()?,
                v["description"].as_str()?
            ))
        })
        .collect();
    let mut description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if !notes.is_empty() {
        description = format!("{description}\n\n{}", notes.join("\n"))
            .trim()
            .to_owned();
    }
    schema.remove("oneOf");
    schema.insert("type".into(), "string".into());
    schema.insert("enum".into(), Value::Array(values));
    if !description.is_empty() {
        schema.insert("description".into(), description.into());
    }
}

/// Drops `"default": null`: it only restates that the field may be left out, and
/// openapi-typescript reads any default as "always present", turning optional request fields
/// into required ones.
fn no_null_default(schema: &mut Schema) {
    if schema.get("default").is_some_and(Value::is_null) {
        schema.remove("default");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemars::json_schema;

    #[test]
    fn a_one_of_of_documented_constants_becomes_an_enum_with_the_docs() {
        let mut schema = json_schema!({
            "description": "Kinds.",
            "oneOf": [
                {"type": "string", "const": "a", "description": "First."},
                {"type": "string", "const": "b"},
            ],
        });
        enum_of_consts(&mut schema);
        assert_eq!(
            schema.to_value(),
            serde_json::json!({"description": "Kinds.\n\n`a`: First.", "type": "string", "enum": ["a", "b"]})
        );
    }

    #[test]
    fn a_one_of_of_objects_is_left_alone() {
        let original =
            json_schema!({ "oneOf": [{"const": "a"}, {"$ref": "#/components/schemas/X"}] });
        let mut schema = original.clone();
        enum_of_consts(&mut schema);
        assert_eq!(schema, original);
    }

    #[test]
    fn only_null_defaults_are_dropped() {
        let mut null = json_schema!({ "type": ["string", "null"], "default": null });
        no_null_default(&mut null);
        assert!(null.get("default").is_none());
        let mut empty = json_schema!({ "type": "array", "default": [] });
        no_null_default(&mut empty);
        assert_eq!(empty.get("default"), Some(&serde_json::json!([])));
    }
}
