//! The payer fields, as the checkout asks them: the worker renders the fields and links
//! `payer.js` only when a link or checkout collects something, so all this page does is ask
//! the script (when it is there) for the values, and hand it the API's field errors.
//!
//! The page carries no code for the fields themselves (the size budget, `bench/RESULTS.md`).

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

// Direct imports: cheaper in the page than looking the script up through `Reflect`. Without
// the script `window.paylinkPayer` is undefined and the call throws, caught as an `Err`.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "paylinkPayer"], js_name = values)]
    fn payer_values() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["window", "paylinkPayer"], js_name = show)]
    fn payer_show(errors: &JsValue) -> Result<JsValue, JsValue>;
}

/// What the fields add to a request body (`undefined` on a page without fields), or `None`
/// while one is invalid: the script then shows every message and focuses the first field.
pub fn values() -> Option<JsValue> {
    match payer_values() {
        Err(_) => Some(JsValue::UNDEFINED),
        Ok(values) if values.is_null() => None,
        Ok(values) => Some(values),
    }
}

/// Shows the API's field errors (`error.errors` of a refusal) at the fields they name. `Some`
/// with the messages of the errors about no field on the page (empty when every one had its
/// field) once at least one was placed; `None` when none was, or without fields.
pub fn show(errors: &JsValue) -> Option<String> {
    payer_show(errors).ok().and_then(|rest| rest.as_string())
}
