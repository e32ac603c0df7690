//! The OpenAPI document as served: the one `shared` generates from the API types, with each
//! merchant operation's required scope taken from the routing table. Written at build time
//! (`cargo xtask build`) and served at `GET /v1/openapi.json`.

use serde_json::{Value, json};

use crate::api::route::Access;
use crate::api::table;

/// Stamps every operation of `doc` that the table serves with who may call it: merchant
/// operations name their scope both as the security requirement's role list (OpenAPI 3.1
/// allows roles for non-OAuth schemes) and as `x-required-scope`, which generators keep;
/// secret-key-only operations say so in `x-required-key-kind`.
pub fn with_scopes(mut doc: Value) -> Value {
    for route in table::routes() {
        // `get_mut`, not indexing: indexing a missing key would insert a null operation.
        let method = route.method.name().to_lowercase();
        let Some(op) = doc
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(route.path))
            .and_then(|item| item.get_mut(&method))
        else {
            continue;
        };
        if let Access::Merchant(scope) = route.access {
            let roles: Vec<&str> = scope.map(|s| s.as_str()).into_iter().collect();
            op["security"] = json!([{ "apiKey": roles }]);
            op["x-required-scope"] = scope.map_or(Value::Null, |s| json!(s.as_str()));
        }
        if route.access == Access::SecretKey {
            // No scope opens these: only the kind of key does.
            op["security"] = json!([{ "apiKey": [] }]);
            op["x-required-scope"] = Value::Null;
            op["x-required-key-kind"] = json!("secret");
        }
    }
    doc
}

#[cfg(target_arch = "wasm32")]
pub async fn get(
    call: crate::api::call::Call,
) -> Result<crate::api::reply::Reply, crate::api::error::ApiError> {
    Ok(crate::api::reply::Reply {
        status: 200,
        body: crate::platform::asset_text(&call.env, "/openapi.json").await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::route::Method;

    fn served() -> Value {
        with_scopes(shared::api::openapi::document())
    }

    #[test]
    fn every_merchant_operation_states_the_scope_its_row_requires() {
        let doc = served();
        let mut checked = 0;
        for route in table::routes() {
            let Access::Merchant(scope) = route.access else {
                continue;
            };
            let op = &doc["paths"][route.path][route.method.name().to_lowercase()];
            let want = scope.map(|s| s.as_str());
            assert_eq!(op["x-required-scope"].as_str(), want, "{route:?}");
            assert_eq!(
                op["security"],
                json!([{ "apiKey": want.into_iter().collect::<Vec<_>>() }]),
                "{route:?}"
            );
            checked += 1;
        }
        assert!(checked >= 20, "{checked}");
    }

    #[test]
    fn stamping_adds_no_path_or_operation_the_document_lacks() {
        let plain = shared::api::openapi::document();
        let doc = served();
        let ops = |d: &Value| -> Vec<(String, String)> {
            let mut out = Vec::new();
            for (path, item) in d["paths"].as_object().unwrap() {
                for (method, op) in item.as_object().unwrap() {
                    assert!(op.is_object(), "{method} {path} is {op}");
                    out.push((path.clone(), method.clone()));
                }
            }
            out
        };
        assert_eq!(ops(&doc), ops(&plain));
        assert!(doc["paths"].get("/l/{slug}").is_none());
    }

    #[test]
    fn public_and_admin_operations_keep_their_own_security() {
        let doc = served();
        assert_eq!(doc["paths"]["/healthz"]["get"]["security"], json!([]));
        assert_eq!(
            doc["paths"]["/v1/admin/keys/{id}"]["delete"]["security"],
            json!([{ "adminToken": [] }])
        );
        assert!(
            doc["paths"]["/healthz"]["get"]
                .get("x-required-scope")
                .is_none()
        );
    }

    #[test]
    fn key_management_says_it_needs_a_secret_key_and_nothing_else_does() {
        let doc = served();
        for method in ["get", "post"] {
            let op = &doc["paths"]["/v1/api_keys"][method];
            assert_eq!(op["x-required-key-kind"], json!("secret"), "{method}");
            assert_eq!(op["x-required-scope"], Value::Null, "{method}");
            assert_eq!(op["security"], json!([{ "apiKey": [] }]), "{method}");
        }
        assert_eq!(
            doc["paths"]["/v1/api_keys/{id}"]["delete"]["x-required-key-kind"],
            json!("secret")
        );
        let link = &doc["paths"]["/v1/payment_links"]["post"];
        assert!(link.get("x-required-key-kind").is_none());
    }

    #[test]
    fn a_read_needs_the_read_scope_and_a_write_the_write_scope() {
        let doc = served();
        let scope = |path: &str, method: Method| {
            doc["paths"][path][method.name().to_lowercase()]["x-required-scope"].clone()
        };
        assert_eq!(scope("/v1/payment_links", Method::Get), json!("links:read"));
        assert_eq!(
            scope("/v1/payment_links", Method::Post),
            json!("links:write")
        );
        assert_eq!(scope("/v1/account", Method::Get), Value::Null);
        assert_eq!(scope("/v1/account", Method::Patch), json!("account:write"));
    }
}
