//! A copy button: the Clipboard API where the browser has it, else the text is selected for
//! the customer to copy by hand.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long "Copied" shows before the button reads "Copy" again.
const CONFIRM_FOR: Duration = Duration::from_secs(2);

/// `navigator.clipboard.writeText(text)`; `false` when there is no Clipboard API (insecure
/// origins, old browsers) or the browser refused.
pub async fn write_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let promise = clipboard
        .unchecked_into::<web_sys::Clipboard>()
        .write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Selects the text of the element `id`, so that the device's own copy command takes it.
fn select_text_of(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    if let Ok(Some(selection)) = window().get_selection() {
        let _ = selection.select_all_children(&element);
    }
}

/// A button that copies `text`, and says whether it did next to itself (politely announced).
#[component]
pub fn CopyButton(
    /// What is copied: an address or an amount, exactly as shown.
    text: String,
    /// The button's accessible name, e.g. "Copy address".
    label: &'static str,
    /// The element showing `text`, selected when the clipboard cannot be written.
    target: &'static str,
) -> impl IntoView {
    // `Option<String>` like the other messages of the page: one signal type to ship.
    let said = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            if write_clipboard(&text).await {
                said.set(Some("Copied".into()));
                set_timeout(move || said.set(None), CONFIRM_FOR);
            } else {
                select_text_of(target);
                said.set(Some(
                    "Selected: copy it with your device's copy command".into(),
                ));
            }
        });
    };
    view! {
        <button type="button" class="copy" on:click=copy>{label}</button>
        <span class="copy-said" aria-live="polite">{move || said.get()}</span>
    }
}
