//! Which page a browser path shows, decided without touching the DOM.

use shared::slug::Slug;

/// What the pay page app renders for a location path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/l/{slug}` with a valid slug.
    Pay(Slug),
    /// `/l/{anything else}`: no link can have this name.
    UnknownLink,
    /// `/c/{id}`: the hosted page of a checkout the merchant made. The id is not checked here:
    /// the worker inlines the session, or `null` for an id no session has.
    Session(String),
    /// Any other path (the shell is also served at `/`).
    Home,
}

impl Page {
    pub fn for_path(path: &str) -> Self {
        if let Some(rest) = path.strip_prefix("/c/") {
            return Page::Session(rest.trim_end_matches('/').to_owned());
        }
        match path.strip_prefix("/l/") {
            Some(rest) => {
                let segment = rest.trim_end_matches('/');
                match Slug::parse(segment) {
                    Ok(slug) => Page::Pay(slug),
                    Err(_) => Page::UnknownLink,
                }
            }
            None => Page::Home,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_slug_path_opens_the_pay_page() {
        assert_eq!(
            Page::for_path("/l/demo-coffee"),
            Page::Pay(Slug::parse("demo-coffee").unwrap())
        );
        assert_eq!(
            Page::for_path("/l/demo-coffee/"),
            Page::Pay(Slug::parse("demo-coffee").unwrap())
        );
    }

    #[test]
    fn an_invalid_slug_path_is_an_unknown_link() {
        assert_eq!(Page::for_path("/l/Bad_Slug"), Page::UnknownLink);
        assert_eq!(Page::for_path("/l/a/b"), Page::UnknownLink);
        assert_eq!(Page::for_path("/l/"), Page::UnknownLink);
    }

    #[test]
    fn a_checkout_path_opens_its_session_page() {
        let id = "cs_0123456789abcdef01234567";
        assert_eq!(
            Page::for_path(&format!("/c/{id}")),
            Page::Session(id.into())
        );
        assert_eq!(
            Page::for_path(&format!("/c/{id}/")),
            Page::Session(id.into())
        );
    }

    #[test]
    fn other_paths_show_the_home_page() {
        assert_eq!(Page::for_path("/"), Page::Home);
        assert_eq!(Page::for_path("/link/demo"), Page::Home);
    }
}
