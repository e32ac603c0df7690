//! The payer fields, as the checkout asks them: the worker renders the fields and links
//! `payer.js` only when a link or checkout collects something, so all this page does is ask
//! the script (when it is there) for the values, and hand it the API's field errors.
//!
//! Two calls through `Reflect` rather than bindings: the page carries no code for the fields
//! themselves (the size budget, `bench/RESULTS.md`).

use js_sys::{Function, Reflect};
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};

/// Calls `paylinkPayer[name](arg)`; `None` when the page has no payer fields.
fn call(name: &str, arg: &JsValue) -> Option<JsValue> {
    let payer = Reflect::get(&window(), &"paylinkPayer".into())
        .ok()
        .filter(JsValue::is_object)?;
    let method: Function = Reflect::get(&payer, &name.into()).ok()?.dyn_into().ok()?;
    method.call1(&payer, arg).ok()
}

/// What the fields add to a request body (`undefined` on a page without fields), or `None`
/// while one is invalid: the script then shows every message and focuses the first field.
pub fn values() -> Option<JsValue> {
    match call("values", &JsValue::UNDEFINED) {
        None => Some(JsValue::UNDEFINED),
        Some(values) if values.is_null() => None,
        Some(values) => Some(values),
    }
}

/// Shows the API's field errors (`error.errors` of a refusal) at the fields they name. `Some`
/// with the messages of the errors about no field on the page (empty when every one had its
/// field) once at least one was placed; `None` when none was, or without fields.
pub fn show(errors: &JsValue) -> Option<String> {
    call("show", errors).and_then(|rest| rest.as_string())
}
