//! The pieces every page uses: loading and error states, empty states that say what to do,
//! the pager, copy and download buttons, status badges.

use std::future::Future;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{Api, Failure};
use crate::paging::{Cursor, directions};
use paylink_widget::checkout::copy::write_clipboard;

/// What a page has of its data so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(Failure),
}

/// Runs `fut` and puts its outcome in `slot` (loading meanwhile).
pub fn load_into<T, F>(slot: RwSignal<Load<T>>, fut: F)
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, Failure>> + 'static,
{
    slot.set(Load::Loading);
    leptos::task::spawn_local(async move {
        slot.set(match fut.await {
            Ok(value) => Load::Ready(value),
            Err(failure) => Load::Failed(failure),
        });
    });
}

/// The signed-in client, provided by the shell.
pub fn api() -> Api {
    expect_context::<Api>()
}

/// An error as the API said it, with the fields it names and what to do next.
#[component]
pub fn Notice(failure: Failure) -> impl IntoView {
    let next = failure.next_step();
    let fields = failure.fields.clone();
    view! {
        <div class="notice error" role="alert">
            <p><strong>{failure.message}</strong>" "<code>{failure.code}</code></p>
            {(!fields.is_empty()).then(|| view! {
                <ul>{fields.into_iter().map(|(param, message)| view! {
                    <li><code>{param}</code>": "{message}</li>
                }).collect_view()}</ul>
            })}
            <p>{next}</p>
        </div>
    }
}

/// A quiet confirmation of what just happened.
#[component]
pub fn Done(text: String) -> impl IntoView {
    view! { <div class="notice ok" role="status">{text}</div> }
}

/// Shows `slot` by `ready` once loaded; a placeholder while loading, the error if it failed.
pub fn show<T, V>(
    slot: RwSignal<Load<T>>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match slot.get() {
        Load::Loading => view! { <p class="loading" aria-busy="true">"Loading…"</p> }.into_any(),
        Load::Failed(failure) => view! { <Notice failure=failure/> }.into_any(),
        Load::Ready(value) => ready(value).into_any(),
    }
}

/// An empty list: what it would hold, and the first thing to do.
#[component]
pub fn Empty(
    /// What is missing, e.g. "No payment links yet."
    text: &'static str,
    /// What to do about it.
    hint: &'static str,
    /// Where the action is, if it is a page.
    #[prop(optional)]
    href: Option<String>,
    /// The action's words.
    #[prop(optional)]
    action: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="empty">
            <p><strong>{text}</strong></p>
            <p>{hint}</p>
            {href.zip(action).map(|(href, action)| view! { <a class="button primary" href=href>{action}</a> })}
        </div>
    }
}

/// Newer / older buttons for a cursor-paged list whose shown page runs `first`..`last`.
#[component]
pub fn Pager(
    cursor: RwSignal<Cursor>,
    has_more: bool,
    first: Option<String>,
    last: Option<String>,
) -> impl IntoView {
    let (newer, older) = directions(&cursor.get_untracked(), has_more);
    let (newer, older) = (newer && first.is_some(), older && last.is_some());
    // One page in all: nothing to move to, so no buttons that do nothing.
    (newer || older).then(|| view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=!newer
                on:click=move |_| if let Some(id) = first.clone() { cursor.set(Cursor::Before(id)) }>
                "← Newer"
            </button>
            <button type="button" disabled=!older
                on:click=move |_| if let Some(id) = last.clone() { cursor.set(Cursor::After(id)) }>
                "Older →"
            </button>
        </nav>
    })
}

/// A button that copies `text`; where the browser refuses, the text is shown selected to
/// copy by hand.
#[component]
pub fn Copy(
    /// What is copied.
    #[prop(into)]
    text: String,
    /// The button's words, e.g. "Copy URL".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    let fallback = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            if write_clipboard(&text).await {
                said.set(Some("Copied".into()));
                set_timeout(move || said.set(None), std::time::Duration::from_secs(2));
            } else {
                said.set(Some("Copy it from the box:".into()));
                fallback.set(Some(text));
            }
        });
    };
    view! {
        <button type="button" class="copy" on:click=copy>{label}</button>
        <span class="said" aria-live="polite">{move || said.get()}</span>
        {move || fallback.get().map(|text| view! {
            <input class="fallback" readonly prop:value=text aria-label="Text to copy"
                on:focus=move |ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
        })}
    }
}

/// Saves `content` as the file `name` through a temporary object URL.
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let saved = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some();
    // Revoked later: the download reads the URL after this function returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    saved
}

/// A status as a badge; its words are the API's status with spaces.
#[component]
pub fn Status(#[prop(into)] status: String) -> impl IntoView {
    let class = format!("badge status-{status}");
    view! { <span class=class>{status.replace('_', " ")}</span> }
}
