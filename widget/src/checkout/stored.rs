//! What a link's page starts from besides the link: the shop's reference in its address, and
//! the session this browser already opened on the link (kept in `localStorage`, so a reload
//! or a second visit resumes it instead of opening another).

use leptos::prelude::window;
use web_sys::UrlSearchParams;

/// The shop's reference and the customer's email, as the link's address carried them:
/// `?client_reference_id=…&prefilled_email=…`, or the same in the fragment, where the embed
/// puts them so that no server log or referrer sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reference {
    pub client_reference_id: Option<String>,
    pub customer_email: Option<String>,
}

impl Reference {
    /// Read from a query (`?a=b`) and a fragment (`#a=b`); the query wins where both say.
    pub fn from_parts(search: &str, hash: &str) -> Self {
        let read = |name: &str| {
            [search, hash].into_iter().find_map(|part| {
                let part = part.get(1..).unwrap_or_default();
                UrlSearchParams::new_with_str(part)
                    .ok()?
                    .get(name)
                    .filter(|v| !v.is_empty())
            })
        };
        Self {
            client_reference_id: read("client_reference_id"),
            customer_email: read("prefilled_email"),
        }
    }

    /// From the page's own address.
    pub fn of_page() -> Self {
        let location = window().location();
        Self::from_parts(
            &location.search().unwrap_or_default(),
            &location.hash().unwrap_or_default(),
        )
    }

    /// One line per field, as kept beside the session id: a session opened for another
    /// reference is not resumed for this one.
    fn key(&self) -> String {
        let field = |f: &Option<String>| f.clone().unwrap_or_default();
        [
            field(&self.client_reference_id),
            field(&self.customer_email),
        ]
        .join("\n")
    }
}

/// `localStorage`, when the browser lets this page have it: a sandboxed frame or a privacy
/// setting makes reading it throw, and the page then simply opens a session per visit.
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn key(slug: &str) -> String {
    ["paylink:session:", slug].concat()
}

/// The session this browser opened on the link for `reference`, if it kept one.
pub fn remembered(slug: &str, reference: &Reference) -> Option<String> {
    let value = storage()?.get_item(&key(slug)).ok()??;
    let (id, kept_for) = value.split_once('\n')?;
    (kept_for == reference.key()).then(|| id.to_owned())
}

/// Keeps `id` as the link's session for this browser (failures are ignored: see `storage`).
pub fn remember(slug: &str, id: &str, reference: &Reference) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(slug), &[id, "\n", &reference.key()].concat());
    }
}

/// Drops the link's session: it ended, and the next visit starts afresh.
pub fn forget(slug: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(slug));
    }
}
