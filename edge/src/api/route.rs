//! The routing table: which handler a method and path reach, decided without I/O.
//!
//! Written out rather than using `worker::Router`, whose fallbacks answer plain-text 404/405
//! that would bypass the API's one error shape; here every miss is a typed [`RouteMatch`].

use shared::slug::Slug;

/// HTTP methods the API distinguishes; anything else is answered 405.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Patch,
    Delete,
    Options,
    Other,
}

impl Method {
    pub fn parse(name: &str) -> Self {
        match name {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ => Method::Other,
        }
    }
}

/// A resolved route with its path parameters (ids stay strings until a handler looks them up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET /healthz`.
    Health,
    /// `GET /l/{slug}`: the pay page. `None` when the segment is not a valid slug, so the page
    /// can still render its "not found" state with a 404 status.
    PayPage(Option<Slug>),
    /// `GET /v1/openapi.json`.
    OpenApi,
    /// `POST /v1/webhook_endpoints`.
    CreateEndpoint,
    /// `GET /v1/webhook_endpoints`.
    ListEndpoints,
    /// `GET /v1/webhook_endpoints/{id}`.
    GetEndpoint(String),
    /// `PATCH /v1/webhook_endpoints/{id}`.
    UpdateEndpoint(String),
    /// `DELETE /v1/webhook_endpoints/{id}`.
    DeleteEndpoint(String),
    /// `POST /v1/webhook_endpoints/{id}/rotate_secret`.
    RotateEndpointSecret(String),
    /// `GET /v1/public/links/{slug}`: the pay page's read, no key.
    PublicLink(String),
    /// `GET /v1/account`.
    Account,
    /// `PATCH /v1/account`: checkout settings of the key's mode.
    UpdateAccount,
    /// `POST /v1/public/links/{slug}/sessions`: a customer opens a checkout session.
    CreateSession(String),
    /// `GET /v1/public/sessions/{id}`: what the pay page polls.
    PublicSession(String),
    /// `GET /v1/checkout_sessions`.
    ListSessions,
    /// `GET /v1/events`.
    ListEvents,
    /// `GET /v1/events/{id}`.
    GetEvent(String),
    /// `GET /v1/webhook_endpoints/{id}/deliveries`.
    ListDeliveries(String),
    /// `POST /v1/webhook_endpoints/{id}/deliveries/{delivery}/retry`.
    RetryDelivery(String, String),
    /// `GET /v1/checkout_sessions/{id}`.
    GetSession(String),
    /// `POST /v1/checkout_sessions/{id}/expire`.
    ExpireSession(String),
    /// `POST /v1/payment_links`.
    CreateLink,
    /// `GET /v1/payment_links`.
    ListLinks,
    /// `GET /v1/payment_links/{id}`.
    GetLink(String),
    /// `PATCH /v1/payment_links/{id}`.
    UpdateLink(String),
    /// `DELETE /v1/payment_links/{id}`: archive.
    ArchiveLink(String),
    /// `POST /v1/admin/merchants`.
    AdminCreateMerchant,
    /// `GET /v1/admin/merchants/{id}/keys`.
    AdminListKeys(String),
    /// `POST /v1/admin/merchants/{id}/keys`.
    AdminCreateKey(String),
    /// `DELETE /v1/admin/keys/{id}`.
    AdminRevokeKey(String),
}

/// Who may call a route, checked before its handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// An HTML page, served outside the API's JSON conventions.
    Page,
    /// Anyone.
    Public,
    /// A merchant's API key (rate-limited per key).
    Merchant,
    /// The operator's admin token.
    Admin,
}

impl Route {
    pub fn access(&self) -> Access {
        match self {
            Route::PayPage(_) => Access::Page,
            Route::Health
            | Route::OpenApi
            | Route::PublicLink(_)
            | Route::CreateSession(_)
            | Route::PublicSession(_) => Access::Public,
            Route::Account
            | Route::UpdateAccount
            | Route::ListSessions
            | Route::GetSession(_)
            | Route::ExpireSession(_)
            | Route::ListEvents
            | Route::GetEvent(_)
            | Route::ListDeliveries(_)
            | Route::RetryDelivery(..)
            | Route::CreateLink
            | Route::ListLinks
            | Route::GetLink(_)
            | Route::UpdateLink(_)
            | Route::ArchiveLink(_)
            | Route::CreateEndpoint
            | Route::ListEndpoints
            | Route::GetEndpoint(_)
            | Route::UpdateEndpoint(_)
            | Route::DeleteEndpoint(_)
            | Route::RotateEndpointSecret(_) => Access::Merchant,
            Route::AdminCreateMerchant
            | Route::AdminListKeys(_)
            | Route::AdminCreateKey(_)
            | Route::AdminRevokeKey(_) => Access::Admin,
        }
    }
}

impl Route {
    /// Whether the answer shows a secret (a new API key). Such answers are never stored, so
    /// these routes refuse `Idempotency-Key` rather than replay a secret from D1.
    pub fn reveals_secret(&self) -> bool {
        match self {
            Route::AdminCreateMerchant
            | Route::AdminCreateKey(_)
            | Route::CreateEndpoint
            | Route::RotateEndpointSecret(_) => true,
            Route::Health
            | Route::PayPage(_)
            | Route::OpenApi
            | Route::PublicLink(_)
            | Route::CreateSession(_)
            | Route::PublicSession(_)
            | Route::Account
            | Route::UpdateAccount
            | Route::ListSessions
            | Route::GetSession(_)
            | Route::ExpireSession(_)
            | Route::ListEvents
            | Route::GetEvent(_)
            | Route::ListDeliveries(_)
            | Route::RetryDelivery(..)
            | Route::CreateLink
            | Route::ListLinks
            | Route::GetLink(_)
            | Route::UpdateLink(_)
            | Route::ArchiveLink(_)
            | Route::ListEndpoints
            | Route::GetEndpoint(_)
            | Route::UpdateEndpoint(_)
            | Route::DeleteEndpoint(_)
            | Route::AdminListKeys(_)
            | Route::AdminRevokeKey(_) => false,
        }
    }
}

impl Route {
    /// Whether the route may write events to the outbox (directly, or through a chain check),
    /// so the worker should send due deliveries right after answering.
    pub fn emits_events(&self) -> bool {
        match self {
            Route::CreateLink
            | Route::UpdateLink(_)
            | Route::ArchiveLink(_)
            | Route::PublicSession(_)
            | Route::RetryDelivery(..) => true,
            Route::Health
            | Route::PayPage(_)
            | Route::OpenApi
            | Route::CreateEndpoint
            | Route::ListEndpoints
            | Route::GetEndpoint(_)
            | Route::UpdateEndpoint(_)
            | Route::DeleteEndpoint(_)
            | Route::RotateEndpointSecret(_)
            | Route::PublicLink(_)
            | Route::Account
            | Route::UpdateAccount
            | Route::CreateSession(_)
            | Route::ListSessions
            | Route::GetSession(_)
            | Route::ExpireSession(_)
            | Route::ListEvents
            | Route::GetEvent(_)
            | Route::ListDeliveries(_)
            | Route::ListLinks
            | Route::GetLink(_)
            | Route::AdminCreateMerchant
            | Route::AdminListKeys(_)
            | Route::AdminCreateKey(_)
            | Route::AdminRevokeKey(_) => false,
        }
    }
}

/// The outcome of matching a request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteMatch {
    Found(Route),
    /// The path exists but not for this method; `allow` lists the methods that do.
    MethodNotAllowed {
        allow: &'static str,
    },
    /// No route has this path.
    NotFound,
}

/// Matches `method` and `path` (no query string) against the table.
pub fn resolve(method: Method, path: &str) -> RouteMatch {
    use Method::{Delete, Get, Patch, Post};
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["healthz"] => pick(method, vec![(Get, Route::Health)], "GET, HEAD"),
        ["l", slug] if !slug.is_empty() => pick(
            method,
            vec![(Get, Route::PayPage(Slug::parse(slug).ok()))],
            "GET, HEAD",
        ),
        ["v1", "openapi.json"] => pick(method, vec![(Get, Route::OpenApi)], "GET, HEAD"),
        ["v1", "public", "links", slug] if !slug.is_empty() => pick(
            method,
            vec![(Get, Route::PublicLink((*slug).to_owned()))],
            "GET, HEAD",
        ),
        ["v1", "public", "links", slug, "sessions"] if !slug.is_empty() => pick(
            method,
            vec![(Post, Route::CreateSession((*slug).to_owned()))],
            "POST",
        ),
        ["v1", "public", "sessions", id] if !id.is_empty() => pick(
            method,
            vec![(Get, Route::PublicSession((*id).to_owned()))],
            "GET, HEAD",
        ),
        ["v1", "account"] => pick(
            method,
            vec![(Get, Route::Account), (Patch, Route::UpdateAccount)],
            "GET, HEAD, PATCH",
        ),
        ["v1", "checkout_sessions"] => pick(method, vec![(Get, Route::ListSessions)], "GET, HEAD"),
        ["v1", "checkout_sessions", id] if !id.is_empty() => pick(
            method,
            vec![(Get, Route::GetSession((*id).to_owned()))],
            "GET, HEAD",
        ),
        ["v1", "checkout_sessions", id, "expire"] if !id.is_empty() => pick(
            method,
            vec![(Post, Route::ExpireSession((*id).to_owned()))],
            "POST",
        ),
        ["v1", "payment_links"] => pick(
            method,
            vec![(Get, Route::ListLinks), (Post, Route::CreateLink)],
            "GET, HEAD, POST",
        ),
        ["v1", "payment_links", id] if !id.is_empty() => {
            let id = (*id).to_owned();
            pick(
                method,
                vec![
                    (Get, Route::GetLink(id.clone())),
                    (Patch, Route::UpdateLink(id.clone())),
                    (Delete, Route::ArchiveLink(id)),
                ],
                "GET, HEAD, PATCH, DELETE",
            )
        }
        ["v1", "webhook_endpoints"] => pick(
            method,
            vec![(Get, Route::ListEndpoints), (Post, Route::CreateEndpoint)],
            "GET, HEAD, POST",
        ),
        ["v1", "webhook_endpoints", id] if !id.is_empty() => {
            let id = (*id).to_owned();
            pick(
                method,
                vec![
                    (Get, Route::GetEndpoint(id.clone())),
                    (Patch, Route::UpdateEndpoint(id.clone())),
                    (Delete, Route::DeleteEndpoint(id)),
                ],
                "GET, HEAD, PATCH, DELETE",
            )
        }
        ["v1", "events"] => pick(method, vec![(Get, Route::ListEvents)], "GET, HEAD"),
        ["v1", "events", id] if !id.is_empty() => pick(
            method,
            vec![(Get, Route::GetEvent((*id).to_owned()))],
            "GET, HEAD",
        ),
        ["v1", "webhook_endpoints", id, "deliveries"] if !id.is_empty() => pick(
            method,
            vec![(Get, Route::ListDeliveries((*id).to_owned()))],
            "GET, HEAD",
        ),
        [
            "v1",
            "webhook_endpoints",
            id,
            "deliveries",
            delivery,
            "retry",
        ] if !id.is_empty() && !delivery.is_empty() => pick(
            method,
            vec![(
                Post,
                Route::RetryDelivery((*id).to_owned(), (*delivery).to_owned()),
            )],
            "POST",
        ),
        ["v1", "webhook_endpoints", id, "rotate_secret"] if !id.is_empty() => pick(
            method,
            vec![(Post, Route::RotateEndpointSecret((*id).to_owned()))],
            "POST",
        ),
        ["v1", "admin", "merchants"] => {
            pick(method, vec![(Post, Route::AdminCreateMerchant)], "POST")
        }
        ["v1", "admin", "merchants", id, "keys"] if !id.is_empty() => pick(
            method,
            vec![
                (Get, Route::AdminListKeys((*id).to_owned())),
                (Post, Route::AdminCreateKey((*id).to_owned())),
            ],
            "GET, HEAD, POST",
        ),
        ["v1", "admin", "keys", id] if !id.is_empty() => pick(
            method,
            vec![(Delete, Route::AdminRevokeKey((*id).to_owned()))],
            "DELETE",
        ),
        _ => RouteMatch::NotFound,
    }
}

/// The route for `method` among a path's `options`; HEAD is served as GET.
fn pick(method: Method, options: Vec<(Method, Route)>, allow: &'static str) -> RouteMatch {
    let wanted = if method == Method::Head {
        Method::Get
    } else {
        method
    };
    options
        .into_iter()
        .find(|(m, _)| *m == wanted)
        .map_or(RouteMatch::MethodNotAllowed { allow }, |(_, route)| {
            RouteMatch::Found(route)
        })
}

#[cfg(test)]
impl Route {
    /// The documented method and path template, or `None` for pages outside the API.
    /// Exhaustive, so a new route cannot be added without deciding whether it is documented.
    fn documented(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Route::Health => Some(("get", "/healthz")),
            Route::PayPage(_) => None,
            Route::OpenApi => None,
            Route::Account => Some(("get", "/v1/account")),
            Route::PublicLink(_) => Some(("get", "/v1/public/links/{slug}")),
            Route::UpdateAccount => Some(("patch", "/v1/account")),
            Route::CreateSession(_) => Some(("post", "/v1/public/links/{slug}/sessions")),
            Route::PublicSession(_) => Some(("get", "/v1/public/sessions/{id}")),
            Route::ListSessions => Some(("get", "/v1/checkout_sessions")),
            Route::GetSession(_) => Some(("get", "/v1/checkout_sessions/{id}")),
            Route::ExpireSession(_) => Some(("post", "/v1/checkout_sessions/{id}/expire")),
            Route::ListEvents => Some(("get", "/v1/events")),
            Route::GetEvent(_) => Some(("get", "/v1/events/{id}")),
            Route::ListDeliveries(_) => Some(("get", "/v1/webhook_endpoints/{id}/deliveries")),
            Route::RetryDelivery(..) => Some((
                "post",
                "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry",
            )),
            Route::CreateEndpoint => Some(("post", "/v1/webhook_endpoints")),
            Route::ListEndpoints => Some(("get", "/v1/webhook_endpoints")),
            Route::GetEndpoint(_) => Some(("get", "/v1/webhook_endpoints/{id}")),
            Route::UpdateEndpoint(_) => Some(("patch", "/v1/webhook_endpoints/{id}")),
            Route::DeleteEndpoint(_) => Some(("delete", "/v1/webhook_endpoints/{id}")),
            Route::RotateEndpointSecret(_) => {
                Some(("post", "/v1/webhook_endpoints/{id}/rotate_secret"))
            }
            Route::CreateLink => Some(("post", "/v1/payment_links")),
            Route::ListLinks => Some(("get", "/v1/payment_links")),
            Route::GetLink(_) => Some(("get", "/v1/payment_links/{id}")),
            Route::UpdateLink(_) => Some(("patch", "/v1/payment_links/{id}")),
            Route::ArchiveLink(_) => Some(("delete", "/v1/payment_links/{id}")),
            Route::AdminCreateMerchant => Some(("post", "/v1/admin/merchants")),
            Route::AdminListKeys(_) => Some(("get", "/v1/admin/merchants/{id}/keys")),
            Route::AdminCreateKey(_) => Some(("post", "/v1/admin/merchants/{id}/keys")),
            Route::AdminRevokeKey(_) => Some(("delete", "/v1/admin/keys/{id}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn every_documented_operation_reaches_the_route_it_documents() {
        let ops = documented_operations();
        assert!(ops.len() >= 6);
        for (method, template) in ops {
            let path = template
                .replace("{id}", "obj_1")
                .replace("{slug}", "some-slug");
            match resolve(Method::parse(&method.to_uppercase()), &path) {
                RouteMatch::Found(route) => {
                    assert_eq!(
                        route.documented(),
                        Some((method.as_str(), template.as_str()))
                    )
                }
                other => panic!("{method} {template} is documented but resolves to {other:?}"),
            }
        }
    }

    #[test]
    fn every_api_route_is_in_the_document() {
        let ops = documented_operations();
        let routes = [
            Route::Health,
            Route::Account,
            Route::PublicLink("x".into()),
            Route::UpdateAccount,
            Route::CreateSession("x".into()),
            Route::PublicSession("x".into()),
            Route::ListSessions,
            Route::GetSession("x".into()),
            Route::ExpireSession("x".into()),
            Route::ListEvents,
            Route::GetEvent("x".into()),
            Route::ListDeliveries("x".into()),
            Route::RetryDelivery("x".into(), "y".into()),
            Route::CreateEndpoint,
            Route::ListEndpoints,
            Route::GetEndpoint("x".into()),
            Route::UpdateEndpoint("x".into()),
            Route::DeleteEndpoint("x".into()),
            Route::RotateEndpointSecret("x".into()),
            Route::CreateLink,
            Route::ListLinks,
            Route::GetLink("x".into()),
            Route::UpdateLink("x".into()),
            Route::ArchiveLink("x".into()),
            Route::AdminCreateMerchant,
            Route::AdminListKeys("x".into()),
            Route::AdminCreateKey("x".into()),
            Route::AdminRevokeKey("x".into()),
        ];
        for route in routes {
            let (method, path) = route.documented().unwrap();
            assert!(
                ops.contains(&(method.to_owned(), path.to_owned())),
                "{method} {path} is undocumented"
            );
        }
    }

    #[test]
    fn link_writes_polls_and_redeliveries_send_webhooks_after_answering() {
        assert!(Route::CreateLink.emits_events());
        assert!(Route::PublicSession("cs_1".into()).emits_events());
        assert!(Route::RetryDelivery("we_1".into(), "whd_1".into()).emits_events());
        assert!(!Route::ListLinks.emits_events());
        assert!(!Route::CreateSession("demo".into()).emits_events());
    }

    #[test]
    fn deliveries_and_events_route_with_their_ids() {
        assert_eq!(
            resolve(
                Method::Post,
                "/v1/webhook_endpoints/we_1/deliveries/whd_2/retry"
            ),
            RouteMatch::Found(Route::RetryDelivery("we_1".into(), "whd_2".into()))
        );
        assert_eq!(
            resolve(Method::Get, "/v1/events/evt_1"),
            RouteMatch::Found(Route::GetEvent("evt_1".into()))
        );
        assert_eq!(
            resolve(Method::Get, "/v1/webhook_endpoints/we_1/deliveries//retry"),
            RouteMatch::NotFound
        );
    }

    #[test]
    fn healthz_answers_get_and_head_only() {
        assert_eq!(
            resolve(Method::Get, "/healthz"),
            RouteMatch::Found(Route::Health)
        );
        assert_eq!(
            resolve(Method::Head, "/healthz"),
            RouteMatch::Found(Route::Health)
        );
        assert_eq!(
            resolve(Method::Post, "/healthz"),
            RouteMatch::MethodNotAllowed { allow: "GET, HEAD" }
        );
    }

    #[test]
    fn pay_page_parses_its_slug() {
        let slug = Slug::parse("demo-coffee").unwrap();
        assert_eq!(
            resolve(Method::Get, "/l/demo-coffee"),
            RouteMatch::Found(Route::PayPage(Some(slug)))
        );
    }

    #[test]
    fn pay_page_with_an_invalid_slug_still_routes_to_the_page() {
        assert_eq!(
            resolve(Method::Get, "/l/NOT_A_SLUG"),
            RouteMatch::Found(Route::PayPage(None))
        );
    }

    #[test]
    fn admin_routes_carry_their_ids_and_methods() {
        assert_eq!(
            resolve(Method::Post, "/v1/admin/merchants"),
            RouteMatch::Found(Route::AdminCreateMerchant)
        );
        assert_eq!(
            resolve(Method::Get, "/v1/admin/merchants/mer_1/keys"),
            RouteMatch::Found(Route::AdminListKeys("mer_1".into()))
        );
        assert_eq!(
            resolve(Method::Post, "/v1/admin/merchants/mer_1/keys"),
            RouteMatch::Found(Route::AdminCreateKey("mer_1".into()))
        );
        assert_eq!(
            resolve(Method::Delete, "/v1/admin/keys/key_1"),
            RouteMatch::Found(Route::AdminRevokeKey("key_1".into()))
        );
        assert_eq!(
            resolve(Method::Get, "/v1/admin/keys/key_1"),
            RouteMatch::MethodNotAllowed { allow: "DELETE" }
        );
    }

    #[test]
    fn admin_routes_need_the_admin_token_and_account_a_merchant_key() {
        assert_eq!(Route::AdminRevokeKey("k".into()).access(), Access::Admin);
        assert_eq!(Route::Account.access(), Access::Merchant);
        assert_eq!(Route::Health.access(), Access::Public);
        assert_eq!(Route::PayPage(None).access(), Access::Page);
    }

    #[test]
    fn unknown_paths_and_empty_segments_are_not_found() {
        assert_eq!(resolve(Method::Get, "/nope"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/l/"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/l/a/b"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/v1/anything"), RouteMatch::NotFound);
        assert_eq!(
            resolve(Method::Get, "/v1/admin/merchants//keys"),
            RouteMatch::NotFound
        );
    }

    #[test]
    fn unknown_methods_parse_as_other_and_are_not_allowed() {
        assert_eq!(Method::parse("BREW"), Method::Other);
        assert_eq!(Method::parse("get"), Method::Other);
        assert_eq!(
            resolve(Method::Other, "/v1/account"),
            RouteMatch::MethodNotAllowed {
                allow: "GET, HEAD, PATCH"
            }
        );
    }
}
