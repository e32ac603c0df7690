//! The pay page inside the one-line embed (`?embed=1&parent=<origin>`): it tells the merchant's
//! page what happens with `postMessage`, addressed to that origin only, and leaves navigation
//! of the merchant's page to the merchant.

use std::time::Duration;

use leptos::prelude::*;
use shared::session::SessionStatus;
use wasm_bindgen::JsValue;

use crate::objects::Session;

/// The merchant page that frames this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parent {
    origin: String,
}

/// `Some` when the query asks for embed mode with a plain web origin as the parent:
/// `scheme://host[:port]`, nothing after it.
pub fn parent_from_query(search: &str) -> Option<Parent> {
    // The same reader as the reference's (`checkout::stored`): one query parser in the page.
    let query = web_sys::UrlSearchParams::new_with_str(search).ok()?;
    let embed = query.get("embed").as_deref() == Some("1");
    let origin = query.get("parent");
    let origin = origin?;
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    let plain = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    (embed && plain).then_some(Parent { origin })
}

/// The parent of this page, when framed in embed mode by the origin the query names (the
/// browser's `ancestorOrigins`, where it has them, must agree).
pub fn parent() -> Option<Parent> {
    let window = window();
    let framed = window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(&p, &window));
    if !framed {
        return None;
    }
    let parent = parent_from_query(&window.location().search().unwrap_or_default())?;
    let ancestors = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &JsValue::from_f64(0.0)).ok())
        .and_then(|first| first.as_string());
    match ancestors {
        Some(first) if first != parent.origin => None,
        _ => Some(parent),
    }
}

impl Parent {
    /// Posts `{type, ...fields}` to the parent; the browser drops it unless the parent is
    /// still at the origin named.
    pub fn post(&self, kind: &str, fields: &[(&str, JsValue)]) {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
        for (name, value) in fields {
            let _ = js_sys::Reflect::set(&message, &(*name).into(), value);
        }
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&message, &self.origin);
        }
    }
}

/// Reports the page's height whenever it changes, so the merchant's iframe fits it.
pub fn report_height(parent: Parent) {
    let last = std::cell::Cell::new(0_i32);
    let measure = move || {
        let height = document()
            .document_element()
            .map(|e| e.scroll_height())
            .unwrap_or(0);
        if height > 0 && height != last.get() {
            last.set(height);
            parent.post("paylink:resize", &[("height", JsValue::from(height))]);
        }
    };
    measure();
    if let Ok(timer) = set_interval_with_handle(measure, Duration::from_millis(250)) {
        on_cleanup(move || timer.clear());
    }
}

/// Tells the parent once when the session's money becomes the merchant's.
pub fn report_paid(parent: Parent, live: RwSignal<Option<Session>>) {
    let mut told = None::<String>;
    Effect::new(move |_| {
        live.with(|session| {
            let Some(s) = session else { return };
            let paid = SessionStatus::parse(&s.status).is_some_and(SessionStatus::is_paid);
            if paid && told.as_deref() != Some(s.id.as_str()) {
                told = Some(s.id.clone());
                parent.post(
                    "paylink:paid",
                    &[
                        ("session", s.id.as_str().into()),
                        ("status", s.status.as_str().into()),
                        ("amount", s.amount.as_str().into()),
                        ("currency", s.currency.as_str().into()),
                        ("asset", s.quote.as_ref().map(|q| q.asset.as_str()).into()),
                    ],
                );
            }
        });
    });
}
