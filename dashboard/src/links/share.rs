//! A link's ways out: its URL, its QR code as an SVG file, and the embed snippet.

use leptos::prelude::*;
use shared::api::links::PaymentLink;

use crate::format::{embed_snippet, qr_file};
use crate::ui::{Copy, download};

/// The origin the link's URL lives on (`https://pay.example`), for the embed's loader.
fn origin_of(url: &str) -> String {
    match url.find("/l/") {
        Some(at) => url[..at].to_owned(),
        None => window().location().origin().unwrap_or_default(),
    }
}

#[component]
pub fn ShareButtons(link: PaymentLink) -> impl IntoView {
    let url = link.url.clone();
    let slug = link.slug.clone();
    let said = RwSignal::new(None::<&'static str>);
    let qr_url = url.clone();
    let save_qr = move |_| {
        let saved = qr_file(&qr_url)
            .is_some_and(|svg| download(&format!("paylink-{slug}.svg"), "image/svg+xml", &svg));
        said.set(Some(if saved {
            "QR code saved"
        } else {
            "This browser refused the download"
        }));
    };
    let snippet = embed_snippet(&origin_of(&url), &link.slug);
    view! {
        <Copy text=url.clone() label="Copy URL"/>
        <button type="button" on:click=save_qr>"Download QR (SVG)"</button>
        <span class="said" aria-live="polite">{move || said.get()}</span>
        <Copy text=snippet label="Copy embed"/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_what_comes_before_the_pay_page_path() {
        assert_eq!(
            origin_of("https://pay.example/l/coffee"),
            "https://pay.example"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8787/l/demo"),
            "http://127.0.0.1:8787"
        );
    }
}
