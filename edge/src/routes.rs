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

/// A resolved route with its parsed path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET /healthz`.
    Health,
    /// `GET /l/{slug}`: the pay page. `None` when the segment is not a valid slug, so the page
    /// can still render its "not found" state with a 404 status.
    PayPage(Option<Slug>),
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
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let readable = matches!(method, Method::Get | Method::Head);
    match segments.as_slice() {
        ["healthz"] => only_reads(readable, Route::Health),
        ["l", slug] if !slug.is_empty() => {
            only_reads(readable, Route::PayPage(Slug::parse(slug).ok()))
        }
        _ => RouteMatch::NotFound,
    }
}

fn only_reads(readable: bool, route: Route) -> RouteMatch {
    if readable {
        RouteMatch::Found(route)
    } else {
        RouteMatch::MethodNotAllowed { allow: "GET, HEAD" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn unknown_paths_and_empty_slugs_are_not_found() {
        assert_eq!(resolve(Method::Get, "/nope"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/l/"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/l/a/b"), RouteMatch::NotFound);
        assert_eq!(resolve(Method::Get, "/v1/anything"), RouteMatch::NotFound);
    }

    #[test]
    fn unknown_methods_parse_as_other() {
        assert_eq!(Method::parse("BREW"), Method::Other);
        assert_eq!(Method::parse("get"), Method::Other);
    }
}
