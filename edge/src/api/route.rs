//! A route as one row: method, path template, who may call it, what it may do, and its handler.
//!
//! Each capability declares its rows in its own `ROUTES` (e.g. `links::ROUTES`); `api::table`
//! joins them, and dispatch, the pipeline's checks, the OpenAPI scopes and the tests all read
//! that one table. Matching is written out rather than using `worker::Router`, whose fallbacks
//! answer plain-text 404/405 that would bypass the API's one error shape.

use shared::auth::Scope;

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

/// The names the routing table's rows use: `route!(GET "/healthz", …)`.
impl Method {
    pub const GET: Method = Method::Get;
    pub const POST: Method = Method::Post;
    pub const PATCH: Method = Method::Patch;
    pub const DELETE: Method = Method::Delete;
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

    /// The name as in HTTP and in the `Allow` header.
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Other => "OTHER",
        }
    }

    /// Whether requests of this method carry a body and may be replayed by `Idempotency-Key`.
    pub fn writes(self) -> bool {
        matches!(self, Method::Post | Method::Patch | Method::Delete)
    }
}

/// Who may call a route, checked by the pipeline before its handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// An HTML page, served outside the API's JSON conventions.
    Page,
    /// Anyone.
    Public,
    /// A merchant's API key (rate-limited per key) holding `scope`; `None`: any valid key.
    Merchant(Option<Scope>),
    /// A merchant's secret key, never a restricted one: managing API keys, so a restricted
    /// key cannot mint itself a key with more scopes or revoke the keys it was cut from.
    SecretKey,
    /// The operator's admin token.
    Admin,
}

/// What a route's answer may do beyond answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effects {
    /// The answer shows a secret (an API key, a signing secret). Such answers are never
    /// stored, so these routes refuse `Idempotency-Key` rather than replay a secret from D1.
    pub reveals_secret: bool,
    /// The route may write events to the outbox (directly, or through a chain check), so the
    /// worker sends due deliveries right after answering.
    pub emits_events: bool,
}

/// Neither a secret nor events.
pub const PLAIN: Effects = Effects {
    reveals_secret: false,
    emits_events: false,
};
/// The answer shows a secret once.
pub const SECRET: Effects = Effects {
    reveals_secret: true,
    emits_events: false,
};
/// The route may write events.
pub const EVENTS: Effects = Effects {
    reveals_secret: false,
    emits_events: true,
};

/// One row of the routing table.
pub struct Route {
    pub method: Method,
    /// The path template, as in the OpenAPI document: `/v1/payment_links/{id}`.
    pub path: &'static str,
    pub access: Access,
    pub effects: Effects,
    #[cfg(target_arch = "wasm32")]
    pub handler: crate::api::call::Handler,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method.name(), self.path)
    }
}

/// One row: `route!(GET "/v1/payment_links/{id}", scoped(LinksRead), PLAIN, handlers::retrieve)`
/// for an API route whose handler is `async fn(Call) -> Result<Reply, ApiError>`, or
/// `route!(page GET "/l/{slug}", pay_page::get)` for an HTML page. The handler only exists in
/// the wasm32 build, so host tests read the same rows without it.
#[macro_export]
macro_rules! route {
    ($method:ident $path:literal, $access:expr, $effects:expr, $handler:path) => {
        $crate::api::route::Route {
            method: $crate::api::route::Method::$method,
            path: $path,
            access: $access,
            effects: $effects,
            #[cfg(target_arch = "wasm32")]
            handler: $crate::api::call::Handler::Api(|call| Box::pin($handler(call))),
        }
    };
    (page $method:ident $path:literal, $handler:path) => {
        $crate::api::route::Route {
            method: $crate::api::route::Method::$method,
            path: $path,
            access: $crate::api::route::Access::Page,
            effects: $crate::api::route::PLAIN,
            #[cfg(target_arch = "wasm32")]
            handler: $crate::api::call::Handler::Page(|call| Box::pin($handler(call))),
        }
    };
}

/// Access for a merchant key that holds `scope`.
pub const fn scoped(scope: Scope) -> Access {
    Access::Merchant(Some(scope))
}

/// Access for any valid merchant key.
pub const ANY_KEY: Access = Access::Merchant(None);

/// The `{name}` segments of a matched path, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The outcome of matching a request line.
#[derive(Debug)]
pub enum RouteMatch<'t> {
    Found(&'t Route, Params),
    /// The path exists but not for this method; `allow` lists the methods that do.
    MethodNotAllowed {
        allow: String,
    },
    /// No route has this path.
    NotFound,
}

/// The path's parameters if `path` fits `template`; a `{name}` segment fits any non-empty one.
pub fn fit(template: &'static str, path: &str) -> Option<Params> {
    let mut wanted = template.trim_start_matches('/').split('/');
    let mut given = path.trim_start_matches('/').split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(Params(params)),
            (Some(w), Some(g)) => match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                Some(name) if !g.is_empty() => params.push((name, g.to_owned())),
                Some(_) => return None,
                None if w == g => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

/// The row for `method` and `path` (no query string) in `routes`; HEAD is served as GET.
pub fn resolve<'t>(
    routes: impl Iterator<Item = &'t Route>,
    method: Method,
    path: &str,
) -> RouteMatch<'t> {
    let wanted = if method == Method::Head {
        Method::Get
    } else {
        method
    };
    let mut allowed = Vec::new();
    for route in routes {
        let Some(params) = fit(route.path, path) else {
            continue;
        };
        if route.method == wanted {
            return RouteMatch::Found(route, params);
        }
        allowed.push(route.method);
    }
    if allowed.is_empty() {
        return RouteMatch::NotFound;
    }
    RouteMatch::MethodNotAllowed {
        allow: allow_header(&allowed),
    }
}

/// The `Allow` header for a path's methods, in one fixed order, HEAD wherever GET is.
fn allow_header(methods: &[Method]) -> String {
    let order = [
        Method::Get,
        Method::Head,
        Method::Post,
        Method::Patch,
        Method::Delete,
    ];
    let has =
        |m: Method| methods.contains(&m) || (m == Method::Head && methods.contains(&Method::Get));
    order
        .into_iter()
        .filter(|m| has(*m))
        .map(Method::name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;
