//! Finds the link the page is for in the data the worker inlined into the HTML, and says
//! plainly what it found.
//!
//! The worker serves every `/l/{slug}` page and always writes the link (or `null`) into it, so
//! the page asks the API nothing before its first render, and shows no loading state.

use shared::api::public::{LINK_ELEMENT_ID, PublicLink};
use shared::slug::Slug;

use crate::decode;
use crate::json::Fields;

/// What the pay page learned about a slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(Box<PublicLink>),
    /// No such link (or it was archived).
    NotFound,
    /// The page carries no usable link data; the text is for the console.
    Unavailable(String),
}

/// What the worker inlined for `slug`.
pub fn find(slug: &Slug) -> Lookup {
    let Some(text) = leptos::prelude::document()
        .get_element_by_id(LINK_ELEMENT_ID)
        .and_then(|e| e.text_content())
    else {
        // The worker leaves it out only when it could not build the link, which it logs.
        return Lookup::Unavailable("the page carries no link data".into());
    };
    if Fields::is_null(&text) {
        return Lookup::NotFound;
    }
    match Fields::parse(&text).and_then(|f| decode::public_link(&f)) {
        Ok(link) if link.slug == slug.as_str() => Lookup::Found(Box::new(link)),
        Ok(link) => Lookup::Unavailable(format!("the page carries link {}", link.slug)),
        Err(e) => Lookup::Unavailable(format!("unreadable link data: {e}")),
    }
}
