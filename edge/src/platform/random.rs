//! Randomness from the runtime's CSPRNG (`crypto.getRandomValues`), and ids built from it.

use worker::wasm_bindgen::JsCast;

use crate::api::error::ApiError;

/// `N` bytes from the Workers runtime's cryptographic generator.
pub fn bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let scope: web_sys::WorkerGlobalScope = worker::js_sys::global().unchecked_into();
    let crypto = scope
        .crypto()
        .map_err(|e| ApiError::internal(format!("globalThis.crypto: {e:?}")))?;
    let mut buf = [0u8; N];
    crypto
        .get_random_values_with_u8_array(&mut buf)
        .map_err(|e| ApiError::internal(format!("crypto.getRandomValues: {e:?}")))?;
    Ok(buf)
}

/// An object id: `prefix` + `_` + 24 hex digits (96 random bits; ids are not secrets).
pub fn id(prefix: &str) -> Result<String, ApiError> {
    let mut text = format!("{prefix}_");
    for byte in bytes::<12>()? {
        text.push_str(&format!("{byte:02x}"));
    }
    Ok(text)
}
