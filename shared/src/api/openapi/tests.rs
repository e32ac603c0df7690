//! The document as a whole: references resolved, closed sets as enums, required fields, list names, links.

use super::*;
use crate::api::error::ErrorBody;
use crate::api::keys::CreateKeyRequest;
use schemars::generate::SchemaSettings;

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

fn component<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["components"]["schemas"][name]
}

fn is_required(schema: &Value, field: &str) -> bool {
    let list = schema["required"].as_array();
    list.is_some_and(|names| names.contains(&json!(field)))
}

#[test]
fn closed_sets_are_enums_never_a_one_of_of_constants() {
    let doc = document();
    let error_type = component(&doc, "ErrorType");
    assert_eq!(
        error_type["enum"][1], "authentication_error",
        "{error_type}"
    );
    assert!(error_type.get("oneOf").is_none());
    let text = doc.to_string();
    assert!(!text.contains(r#"{"const":"invalid_request_error""#));
    let link = &component(&doc, "PaymentLink")["properties"];
    for (field, set) in [
        ("type", "LinkType"),
        ("chain", "Chain"),
        ("status", "LinkStatus"),
    ] {
        assert_eq!(link[field]["$ref"], format!("#/components/schemas/{set}"));
    }
    assert_eq!(
        link["assets"]["items"]["$ref"],
        "#/components/schemas/Asset"
    );
}

#[test]
fn fields_a_response_always_has_are_required_even_when_null() {
    let doc = document();
    let link = component(&doc, "PaymentLink");
    assert!(is_required(link, "amount"), "{link}");
    assert_eq!(
        link["properties"]["amount"]["type"],
        json!(["string", "null"])
    );
    assert!(!is_required(component(&doc, "ApiKey"), "secret"));
}

#[test]
fn optional_request_fields_carry_no_null_default() {
    let doc = document();
    let create = component(&doc, "CreateLinkRequest");
    assert!(!is_required(create, "amount") && is_required(create, "title"));
    assert!(!doc.to_string().contains(r#""default":null"#));
}

#[test]
fn list_pages_are_named_by_what_they_hold() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "PaymentLinkList",
        "CheckoutSessionList",
        "EventList",
        "WebhookEndpointList",
        "DeliveryList",
        "ApiKeyList",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
    assert!(!schemas.keys().any(|name| name.starts_with("List")));
}

#[test]
fn every_link_names_an_operation_and_fills_its_path_parameters() {
    let doc = document();
    let mut operations = std::collections::BTreeMap::new();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for op in methods.as_object().unwrap().values() {
            operations.insert(op["operationId"].as_str().unwrap().to_owned(), path.clone());
        }
    }
    let mut count = 0;
    for methods in doc["paths"].as_object().unwrap().values() {
        for op in methods.as_object().unwrap().values() {
            for response in op["responses"].as_object().unwrap().values() {
                let Some(links) = response.get("links") else {
                    continue;
                };
                for link in links.as_object().unwrap().values() {
                    count += 1;
                    let target = link["operationId"].as_str().unwrap();
                    let path = operations.get(target).unwrap_or_else(|| panic!("{target}"));
                    for name in path_params(path) {
                        assert!(
                            link["parameters"].get(name).is_some(),
                            "{target} needs {name}"
                        );
                    }
                }
            }
        }
    }
    assert!(count >= 10, "{count} links");
    let created = &doc["paths"]["/v1/payment_links"]["post"]["responses"]["201"]["links"];
    assert_eq!(
        created["GetPaymentLink"]["parameters"]["id"],
        "$response.body#/id"
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

#[test]
fn the_link_list_takes_a_comma_list_of_statuses_and_links_show_sold_out_and_archived_at() {
    let doc = document();
    let params = doc["paths"]["/v1/payment_links"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let status = params.iter().find(|p| p["name"] == "status").unwrap();
    assert_eq!(
        status["schema"]["pattern"],
        crate::link::StatusSet::pattern()
    );
    let statuses = &component(&doc, "LinkStatus")["enum"];
    assert!(
        statuses.as_array().unwrap().contains(&json!("sold_out")),
        "{statuses}"
    );
    let link = component(&doc, "PaymentLink");
    assert!(is_required(link, "archived_at"), "{link}");
    let create = component(&doc, "CreateLinkRequest");
    for defaulted in ["type", "currency", "assets", "chain"] {
        assert!(!is_required(create, defaulted), "{defaulted}");
    }
    let account = component(&doc, "CheckoutSettings");
    assert!(is_required(account, "default_chain"), "{account}");
}
