//! Money in the customer's own locale: `Intl.NumberFormat` in the currency style, given the
//! exact decimal string (never a float), so "12.50" USD reads "$12.50" in the US and
//! "12,50 $" in Germany.

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn format(amount: &str, currency: &str, max_fraction: Option<u32>) -> Option<String> {
    let options = Object::new();
    Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
    Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
    if let Some(max) = max_fraction {
        Reflect::set(&options, &"maximumFractionDigits".into(), &max.into()).ok()?;
    }
    // No locales given: the browser's own.
    let formatter = Intl::NumberFormat::new(&Array::new(), &options);
    let format: Function = formatter.format().dyn_into().ok()?;
    format
        .call1(&JsValue::NULL, &JsValue::from_str(amount))
        .ok()?
        .as_string()
        // Bytes, not a `str` search: the searcher costs the page more than this check.
        .filter(|text| !text.as_bytes().windows(3).any(|w| w == b"NaN"))
}

/// A fiat amount with its currency's usual decimals; `"12.50 USD"` if the browser cannot.
pub fn fiat(amount: &str, currency: &str) -> String {
    format(amount, currency, None).unwrap_or_else(|| format!("{amount} {currency}"))
}

/// A price per unit of an asset, with every decimal the rate has (up to 8), so a rate such as
/// 0.9999 is not shown rounded to 1.00.
pub fn rate(price: &str, currency: &str) -> String {
    format(price, currency, Some(8)).unwrap_or_else(|| format!("{price} {currency}"))
}
