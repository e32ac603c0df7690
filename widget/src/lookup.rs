//! Finds the link the page is for: in the data the worker inlined into the HTML, else by
//! asking the public API; and says plainly what came back.

use gloo_net::http::Request;
use shared::api::public::{LINK_ELEMENT_ID, PublicLink};
use shared::slug::Slug;

use crate::decode;
use crate::json::Fields;

/// What the pay page learned about a slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(Box<PublicLink>),
    /// The API says no such link (or it was archived).
    NotFound,
    /// The API could not answer usefully; the text is for the console.
    Unavailable(String),
}

/// What the worker inlined for `slug`, if it inlined anything readable for it.
pub fn inlined(slug: &Slug) -> Option<Lookup> {
    let text = leptos::prelude::document()
        .get_element_by_id(LINK_ELEMENT_ID)?
        .text_content()?;
    if Fields::is_null(&text) {
        return Some(Lookup::NotFound);
    }
    let link = Fields::parse(&text)
        .and_then(|f| decode::public_link(&f))
        .inspect_err(|e| leptos::logging::warn!("inlined link: {e}"))
        .ok()?;
    (link.slug == slug.as_str()).then(|| Lookup::Found(Box::new(link)))
}

/// `GET /v1/public/links/{slug}` on the origin that served the page.
pub async fn fetch(slug: &Slug) -> Lookup {
    let url = format!("/v1/public/links/{slug}");
    let response = match Request::get(&url).send().await {
        Ok(response) => response,
        // Not printed: see `checkout_api::answer`.
        Err(_) => return Lookup::Unavailable(format!("GET {url}: no answer")),
    };
    if response.status() == 404 {
        return Lookup::NotFound;
    }
    if !response.ok() {
        return Lookup::Unavailable(format!("GET {url} answered {}", response.status()));
    }
    let read = match response.text().await {
        Ok(text) => Fields::parse(&text).and_then(|f| decode::public_link(&f)),
        Err(_) => return Lookup::Unavailable(format!("GET {url}: no body")),
    };
    match read {
        Ok(link) => Lookup::Found(Box::new(link)),
        Err(e) => Lookup::Unavailable(format!("GET {url}: unreadable body: {e}")),
    }
}
