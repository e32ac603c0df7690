//! Finds what the page is for (a link, or a checkout's session) in the data the worker inlined
//! into the HTML, and says plainly what it found.
//!
//! The worker serves every `/l/{slug}` and `/c/{id}` page and always writes the object (or
//! `null`) into it, so the page asks the API nothing before its first render, and shows no
//! loading state.

use shared::api::public::{LINK_ELEMENT_ID, SESSION_ELEMENT_ID};
use shared::slug::Slug;

use crate::decode;
use crate::json::{Fields, Unreadable};
use crate::objects::{Link, Session};

/// What the pay page learned about the object its address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<T> {
    Found(Box<T>),
    /// No such object (or it was archived).
    NotFound,
    /// The page carries no usable data; the text (a static one, or the field that could not
    /// be read) is for the console: formatting a message would cost the page its code.
    Unavailable(&'static str),
}

/// The object inlined under `element_id`, read by `read` and named `key(..) == wanted`.
fn inlined<T>(
    element_id: &str,
    read: fn(&Fields) -> Result<T, Unreadable>,
    key: fn(&T) -> &str,
    wanted: &str,
) -> Lookup<T> {
    let Some(text) = leptos::prelude::document()
        .get_element_by_id(element_id)
        .and_then(|e| e.text_content())
    else {
        // The worker leaves it out only when it could not build the object, which it logs.
        return Lookup::Unavailable("the page carries no data");
    };
    if Fields::is_null(&text) {
        return Lookup::NotFound;
    }
    match Fields::parse(&text).and_then(|f| read(&f)) {
        Ok(found) if key(&found) == wanted => Lookup::Found(Box::new(found)),
        Ok(_) => Lookup::Unavailable("the page carries another object"),
        Err(e) => Lookup::Unavailable(e.field),
    }
}

/// The link the worker inlined for `slug`.
pub fn find(slug: &Slug) -> Lookup<Link> {
    inlined(
        LINK_ELEMENT_ID,
        decode::public_link,
        |l| &l.slug,
        slug.as_str(),
    )
}

/// The session the worker inlined for the checkout page of `id`.
pub fn find_session(id: &str) -> Lookup<Session> {
    inlined(SESSION_ELEMENT_ID, decode::public_session, |s| &s.id, id)
}
