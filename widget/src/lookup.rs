//! Asks the worker's public API about a link, and says plainly what came back.

use gloo_net::http::Request;
use shared::api::public::PublicLink;
use shared::slug::Slug;

/// What the pay page learned about a slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(Box<PublicLink>),
    /// The API says no such link (or it was archived).
    NotFound,
    /// The API could not answer usefully; the text is for the console.
    Unavailable(String),
}

/// `GET /v1/public/links/{slug}` on the origin that served the page.
pub async fn link(slug: &Slug) -> Lookup {
    let url = format!("/v1/public/links/{slug}");
    match Request::get(&url).send().await {
        Ok(response) if response.status() == 404 => Lookup::NotFound,
        Ok(response) if response.ok() => match response.json::<PublicLink>().await {
            Ok(link) => Lookup::Found(Box::new(link)),
            Err(e) => Lookup::Unavailable(format!("GET {url}: unreadable body: {e}")),
        },
        Ok(response) => Lookup::Unavailable(format!("GET {url} answered {}", response.status())),
        Err(e) => Lookup::Unavailable(format!("GET {url} failed: {e}")),
    }
}
