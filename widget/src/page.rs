//! Which page a browser path shows, decided without touching the DOM.

use shared::slug::Slug;

/// What the pay page app renders for a location path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/l/{slug}` with a valid slug.
    Pay(Slug),
    /// `/l/{anything else}`: no link can have this name.
    UnknownLink,
    /// Any other path (the shell is also served at `/`).
    Home,
}

impl Page {
    pub fn for_path(path: &str) -> Self {
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
    fn other_paths_show_the_home_page() {
        assert_eq!(Page::for_path("/"), Page::Home);
        assert_eq!(Page::for_path("/link/demo"), Page::Home);
    }
}
