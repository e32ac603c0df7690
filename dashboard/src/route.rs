//! Which page the dashboard shows, read from the URL's fragment (`#/links/pl_…`).
//!
//! The fragment, not the path: the worker serves one static shell at `/dashboard/`, and a
//! fragment never reaches a server log. Nothing secret is ever put in it (the key lives in
//! `sessionStorage` only).

/// A page of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Links,
    NewLink,
    Link(String),
    Sessions,
    NewCheckout,
    Session(String),
    Webhooks,
    Webhook(String),
    Account,
    Keys,
    NotFound,
}

impl Route {
    /// The route of `hash` as `location.hash` gives it (`""`, `"#/links"`, `"#/links/pl_1"`).
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let mut parts = path.split('/');
        let first = parts.next().unwrap_or("");
        let second = parts.next();
        if parts.next().is_some() {
            return Route::NotFound;
        }
        let id = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        match (first, second) {
            ("" | "links", None) => Route::Links,
            ("links", Some("new")) => Route::NewLink,
            ("links", Some(i)) if id(i) && !i.is_empty() => Route::Link(i.to_owned()),
            ("sessions", None) => Route::Sessions,
            ("sessions", Some("new")) => Route::NewCheckout,
            ("sessions", Some(i)) if id(i) && !i.is_empty() => Route::Session(i.to_owned()),
            ("webhooks", None) => Route::Webhooks,
            ("webhooks", Some(i)) if id(i) && !i.is_empty() => Route::Webhook(i.to_owned()),
            ("account", None) => Route::Account,
            ("keys", None) => Route::Keys,
            _ => Route::NotFound,
        }
    }

    /// The fragment that leads here, for `href`s.
    pub fn href(&self) -> String {
        match self {
            Route::Links | Route::NotFound => "#/links".into(),
            Route::NewLink => "#/links/new".into(),
            Route::Link(id) => format!("#/links/{id}"),
            Route::Sessions => "#/sessions".into(),
            Route::NewCheckout => "#/sessions/new".into(),
            Route::Session(id) => format!("#/sessions/{id}"),
            Route::Webhooks => "#/webhooks".into(),
            Route::Webhook(id) => format!("#/webhooks/{id}"),
            Route::Account => "#/account".into(),
            Route::Keys => "#/keys".into(),
        }
    }

    /// The navigation section a page belongs to (its tab is marked current).
    pub fn section(&self) -> Section {
        match self {
            Route::Links | Route::NewLink | Route::Link(_) | Route::NotFound => Section::Links,
            Route::Sessions | Route::NewCheckout | Route::Session(_) => Section::Sessions,
            Route::Webhooks | Route::Webhook(_) => Section::Webhooks,
            Route::Account => Section::Account,
            Route::Keys => Section::Keys,
        }
    }
}

/// The navigation's tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Links,
    Sessions,
    Webhooks,
    Account,
    Keys,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Links,
        Section::Sessions,
        Section::Webhooks,
        Section::Account,
        Section::Keys,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Links => "Payment links",
            Section::Sessions => "Checkout sessions",
            Section::Webhooks => "Webhooks",
            Section::Account => "Account",
            Section::Keys => "API keys",
        }
    }

    pub fn route(self) -> Route {
        match self {
            Section::Links => Route::Links,
            Section::Sessions => Route::Sessions,
            Section::Webhooks => Route::Webhooks,
            Section::Account => Route::Account,
            Section::Keys => Route::Keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_fragment_opens_the_links() {
        assert_eq!(Route::parse(""), Route::Links);
        assert_eq!(Route::parse("#"), Route::Links);
        assert_eq!(Route::parse("#/"), Route::Links);
    }

    #[test]
    fn every_route_reads_back_from_its_own_href() {
        for route in [
            Route::Links,
            Route::NewLink,
            Route::Link("pl_1a".into()),
            Route::Sessions,
            Route::NewCheckout,
            Route::Session("cs_9".into()),
            Route::Webhooks,
            Route::Webhook("we_2".into()),
            Route::Account,
            Route::Keys,
        ] {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
    }

    #[test]
    fn unknown_or_odd_fragments_are_not_found() {
        for hash in [
            "#/nope",
            "#/links/a/b",
            "#/links/<x>",
            "#/account/1",
            "#/sessions/a%20b",
        ] {
            assert_eq!(Route::parse(hash), Route::NotFound, "{hash}");
        }
    }

    #[test]
    fn detail_pages_belong_to_their_lists_tab() {
        assert_eq!(Route::Session("cs_1".into()).section(), Section::Sessions);
        assert_eq!(Route::NewLink.section(), Section::Links);
        assert_eq!(Route::Webhook("we_1".into()).section(), Section::Webhooks);
    }
}
