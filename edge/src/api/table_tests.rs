//! The real table: what each request line reaches, that no two rows overlap, and that the
//! table and the OpenAPI document describe the same operations.

use shared::auth::Scope;

use super::*;
use crate::api::route::{Access, Params, fit};

/// The row a request reaches, as `(method, template)`, or how it missed.
fn reached(method: Method, path: &str) -> Result<(Method, &'static str, Params), String> {
    match resolve(method, path) {
        RouteMatch::Found(route, params) => Ok((route.method, route.path, params)),
        RouteMatch::MethodNotAllowed { allow } => Err(format!("405 {allow}")),
        RouteMatch::NotFound => Err("404".into()),
    }
}

fn row(method: Method, template: &str) -> &'static Route {
    routes()
        .find(|r| r.method == method && r.path == template)
        .unwrap_or_else(|| panic!("no row {method:?} {template}"))
}

/// Every operation in the OpenAPI document, as (method, path template).
fn documented_operations() -> Vec<(String, String)> {
    let doc = shared::api::openapi::document();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            ops.push((method.clone(), path.clone()));
        }
    }
    ops
}

/// Rows outside the API document: HTML pages, and the document itself.
fn undocumented(route: &Route) -> bool {
    route.access == Access::Page || route.path == "/v1/openapi.json"
}

#[test]
fn every_documented_operation_reaches_the_row_it_documents() {
    let ops = documented_operations();
    assert!(ops.len() >= 28, "{}", ops.len());
    for (method, template) in ops {
        let path = template.replace('{', "x").replace('}', "");
        let method = Method::parse(&method.to_uppercase());
        let (found, path_template, _) =
            reached(method, &path).unwrap_or_else(|e| panic!("{template}: {e}"));
        assert_eq!((found, path_template), (method, template.as_str()));
    }
}

#[test]
fn every_api_row_is_in_the_document() {
    let ops = documented_operations();
    for route in routes().filter(|r| !undocumented(r)) {
        let op = (route.method.name().to_lowercase(), route.path.to_owned());
        assert!(ops.contains(&op), "{route:?} is undocumented");
    }
}

/// Two rows of one method overlap when some path fits both templates.
fn overlap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<_>, Vec<_>) = (a.split('/').collect(), b.split('/').collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || x.starts_with('{') || y.starts_with('{'))
}

#[test]
fn no_two_rows_of_one_method_fit_the_same_path() {
    let all: Vec<_> = routes().collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(
                a.method != b.method || !overlap(a.path, b.path),
                "{a:?} and {b:?} overlap"
            );
        }
    }
    assert!(overlap("/v1/x/{id}", "/v1/x/list"));
    assert!(!overlap("/v1/x/{id}", "/v1/x/{id}/y"));
}

#[test]
fn every_merchant_write_needs_a_write_scope_and_every_read_a_scope_or_any_key() {
    for route in routes() {
        if let Access::Merchant(scope) = route.access {
            match (route.method.writes(), scope) {
                (true, Some(scope)) => assert!(
                    matches!(
                        scope,
                        Scope::LinksWrite
                            | Scope::SessionsWrite
                            | Scope::AccountWrite
                            | Scope::WebhooksWrite
                    ),
                    "{route:?} writes with {scope:?}"
                ),
                (true, None) => panic!("{route:?} writes with any key"),
                (false, _) => {}
            }
        }
    }
    assert_eq!(
        row(Method::Get, "/v1/account").access,
        Access::Merchant(None)
    );
    assert_eq!(
        row(Method::Get, "/v1/payment_links").access,
        Access::Merchant(Some(Scope::LinksRead))
    );
}

#[test]
fn answers_with_secrets_are_the_key_and_signing_secret_ones() {
    let mut secret: Vec<_> = routes()
        .filter(|r| r.effects.reveals_secret)
        .map(|r| r.path)
        .collect();
    secret.sort_unstable();
    assert_eq!(
        secret,
        [
            "/v1/admin/merchants",
            "/v1/admin/merchants/{id}/keys",
            "/v1/api_keys",
            "/v1/webhook_endpoints",
            "/v1/webhook_endpoints/{id}/rotate_secret",
        ]
    );
    assert!(
        !row(Method::Get, "/v1/admin/merchants/{id}/keys")
            .effects
            .reveals_secret
    );
}

#[test]
fn link_writes_quotes_cancels_polls_and_redeliveries_send_webhooks_after_answering() {
    let emits = |m, p| row(m, p).effects.emits_events;
    assert!(emits(Method::Post, "/v1/payment_links"));
    assert!(emits(Method::Patch, "/v1/payment_links/{id}"));
    assert!(emits(Method::Delete, "/v1/payment_links/{id}"));
    assert!(emits(Method::Get, "/v1/public/sessions/{id}"));
    assert!(emits(
        Method::Post,
        "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry"
    ));
    // A quote records `checkout_session.quoted`; a cancel `checkout_session.canceled`.
    assert!(emits(Method::Post, "/v1/public/links/{slug}/sessions"));
    assert!(emits(Method::Post, "/v1/public/sessions/{id}/quotes"));
    assert!(emits(Method::Post, "/v1/webhook_endpoints/{id}/test"));
    assert!(emits(Method::Post, "/v1/checkout_sessions/{id}/expire"));
    assert!(!emits(Method::Get, "/v1/payment_links"));
    assert!(!emits(Method::Post, "/v1/checkout_sessions"));
}

#[test]
fn deliveries_and_events_route_with_their_ids() {
    let (_, template, params) = reached(
        Method::Post,
        "/v1/webhook_endpoints/we_1/deliveries/whd_2/retry",
    )
    .unwrap();
    assert_eq!(
        template,
        "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry"
    );
    assert_eq!(
        (params.get("id"), params.get("delivery")),
        (Some("we_1"), Some("whd_2"))
    );
    let (_, _, params) = reached(Method::Get, "/v1/events/evt_1").unwrap();
    assert_eq!(params.get("id"), Some("evt_1"));
    assert_eq!(
        reached(Method::Get, "/v1/webhook_endpoints/we_1/deliveries//retry").unwrap_err(),
        "404"
    );
}

#[test]
fn healthz_answers_get_and_head_only() {
    assert_eq!(reached(Method::Get, "/healthz").unwrap().1, "/healthz");
    assert_eq!(reached(Method::Head, "/healthz").unwrap().1, "/healthz");
    assert_eq!(
        reached(Method::Post, "/healthz").unwrap_err(),
        "405 GET, HEAD"
    );
}

#[test]
fn the_pay_page_is_a_page_with_its_slug_as_given() {
    let (_, template, params) = reached(Method::Get, "/l/NOT_A_SLUG").unwrap();
    assert_eq!(template, "/l/{slug}");
    assert_eq!(params.get("slug"), Some("NOT_A_SLUG"));
    assert_eq!(row(Method::Get, "/l/{slug}").access, Access::Page);
}

#[test]
fn admin_routes_carry_their_ids_methods_and_the_admin_access() {
    assert_eq!(
        reached(Method::Post, "/v1/admin/merchants").unwrap().1,
        "/v1/admin/merchants"
    );
    let (method, _, params) = reached(Method::Get, "/v1/admin/merchants/mer_1/keys").unwrap();
    assert_eq!((method, params.get("id")), (Method::Get, Some("mer_1")));
    let (method, _, _) = reached(Method::Post, "/v1/admin/merchants/mer_1/keys").unwrap();
    assert_eq!(method, Method::Post);
    let (_, _, params) = reached(Method::Delete, "/v1/admin/keys/key_1").unwrap();
    assert_eq!(params.get("id"), Some("key_1"));
    assert_eq!(
        reached(Method::Get, "/v1/admin/keys/key_1").unwrap_err(),
        "405 DELETE"
    );
    assert_eq!(
        row(Method::Delete, "/v1/admin/keys/{id}").access,
        Access::Admin
    );
    assert_eq!(row(Method::Get, "/healthz").access, Access::Public);
}

#[test]
fn only_secret_keys_reach_the_merchants_own_key_routes() {
    let mut secret_only: Vec<_> = routes()
        .filter(|r| r.access == Access::SecretKey)
        .map(|r| (r.method, r.path))
        .collect();
    secret_only.sort_unstable_by_key(|(m, p)| (*p, m.name()));
    assert_eq!(
        secret_only,
        [
            (Method::Get, "/v1/api_keys"),
            (Method::Post, "/v1/api_keys"),
            (Method::Delete, "/v1/api_keys/{id}"),
        ]
    );
}

#[test]
fn unknown_paths_and_empty_segments_are_not_found() {
    for path in [
        "/nope",
        "/l/",
        "/l/a/b",
        "/v1/anything",
        "/v1/admin/merchants//keys",
        "/",
    ] {
        assert_eq!(reached(Method::Get, path).unwrap_err(), "404", "{path}");
    }
}

#[test]
fn unknown_methods_are_not_allowed_with_the_paths_methods_listed() {
    assert_eq!(
        reached(Method::Other, "/v1/account").unwrap_err(),
        "405 GET, HEAD, PATCH"
    );
    assert_eq!(
        reached(Method::Options, "/v1/payment_links/pl_1").unwrap_err(),
        "405 GET, HEAD, PATCH, DELETE"
    );
    assert_eq!(
        reached(Method::Other, "/v1/payment_links").unwrap_err(),
        "405 GET, HEAD, POST"
    );
}

#[test]
fn every_template_fits_a_path_made_from_it() {
    for route in routes() {
        let path = route.path.replace('{', "p").replace('}', "");
        assert!(fit(route.path, &path).is_some(), "{route:?}");
    }
}
