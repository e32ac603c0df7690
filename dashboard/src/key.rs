//! The signed-in key: kept in `sessionStorage` only (gone with the tab), never in a URL, a
//! cookie, `localStorage` or a log line.

use shared::auth::{ApiKey, KeyKind, Mode};

const SLOT: &str = "paylink.dashboard.key";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The key this tab signed in with, if any.
pub fn load() -> Option<String> {
    storage()?.get_item(SLOT).ok().flatten()
}

/// Keeps `key` for this tab; `false` when the browser refuses storage (then it lives only in
/// memory until the page reloads).
pub fn save(key: &str) -> bool {
    storage().is_some_and(|s| s.set_item(SLOT, key).is_ok())
}

/// Forgets the key (sign-out).
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(SLOT);
    }
}

/// What a pasted key is, before the API is asked: its kind and mode, or why it is no key.
pub fn describe(text: &str) -> Result<(KeyKind, Mode), &'static str> {
    let key = ApiKey::parse(text.trim()).map_err(|_| {
        "That is not an API key: it starts with sk_test_, sk_live_, rk_test_ or rk_live_ \
         and has 48 hexadecimal digits after that."
    })?;
    Ok((key.kind(), key.mode()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_key_is_read_with_its_surrounding_blanks_trimmed() {
        let key = format!("  sk_test_{}\n", "a".repeat(48));
        assert_eq!(describe(&key), Ok((KeyKind::Secret, Mode::Test)));
        let live = format!("rk_live_{}", "0".repeat(48));
        assert_eq!(describe(&live), Ok((KeyKind::Restricted, Mode::Live)));
    }

    #[test]
    fn anything_else_is_refused_before_the_api_is_asked() {
        for text in ["", "sk_test_123", "pk_test_x", "Bearer sk_test_x"] {
            assert!(describe(text).is_err(), "{text}");
        }
    }
}
