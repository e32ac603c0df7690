//! Internationalised host names: accepted in their ASCII (`xn--`) form only.
//!
//! The workspace pins `idna_adapter` 1.0, the back end without Unicode data, so `url` keeps
//! ICU's tables (about 40 KiB of the gzipped worker) out of every wasm we ship. A URL whose
//! host is written in Unicode is refused with a message naming the form to send instead;
//! `xn--` labels pass through unchanged, as browsers send them.

/// Whether `input`, read as an absolute URL, has a non-ASCII character in its authority (the
/// user info, host and port between `//` and the path).
pub fn has_unicode_host(input: &str) -> bool {
    let Some((_, rest)) = input.split_once("//") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    !authority.is_ascii()
}

/// The sentence an error carries for such a URL.
pub const ASCII_HOST_HINT: &str = "write an internationalised host in its ASCII form (xn--…, as a browser's address bar shows it when copied)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_non_ascii_authority_counts() {
        assert!(has_unicode_host("https://bücher.example/a"));
        assert!(has_unicode_host("https://шоп.рф"));
        assert!(!has_unicode_host("https://xn--bcher-kva.example/a"));
        assert!(!has_unicode_host("https://shop.example/straße?q=ü#ä"));
        assert!(!has_unicode_host("not a url ü"));
    }

    #[test]
    fn the_pinned_back_end_refuses_unicode_hosts_and_keeps_ascii_ones() {
        // If this fails, idna_adapter is no longer the stub (Cargo.lock moved): the ICU data
        // is back in the worker, and Unicode hosts would be accepted after all.
        assert!(url::Url::parse("https://bücher.example/").is_err());
        let ascii = url::Url::parse("https://xn--bcher-kva.example/").unwrap();
        assert_eq!(ascii.host_str(), Some("xn--bcher-kva.example"));
    }
}
