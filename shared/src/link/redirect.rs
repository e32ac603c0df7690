//! `RedirectUrl`: where the customer goes after paying or cancelling.

use core::fmt;

use serde::Serialize;
use url::Url;

/// Why a string is not an acceptable redirect URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectError {
    /// Not an absolute URL, or longer than [`RedirectUrl::MAX_LEN`].
    Invalid,
    /// Not https (plain http is allowed only to localhost in test mode).
    NotHttps,
    /// User names or passwords in a URL leak into logs and browser history.
    Credentials,
    /// A host written in Unicode: taken in its `xn--` form only (`crate::idn`).
    UnicodeHost,
}

impl RedirectError {
    pub fn code(self) -> &'static str {
        match self {
            RedirectError::Invalid | RedirectError::UnicodeHost => "url_invalid",
            RedirectError::NotHttps => "url_not_https",
            RedirectError::Credentials => "url_has_credentials",
        }
    }
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RedirectError::Invalid => "not an absolute URL of at most 2048 characters",
            RedirectError::NotHttps => {
                "must use https (http only for localhost or 127.0.0.1 in test mode)"
            }
            RedirectError::Credentials => "must not carry a user name or password",
            RedirectError::UnicodeHost => crate::idn::ASCII_HOST_HINT,
        })
    }
}

impl std::error::Error for RedirectError {}

/// An absolute https URL, or http to localhost / 127.0.0.1 when `livemode` is false.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct RedirectUrl(String);

impl RedirectUrl {
    pub const MAX_LEN: usize = 2048;

    pub fn parse(input: &str, livemode: bool) -> Result<Self, RedirectError> {
        if input.len() > Self::MAX_LEN {
            return Err(RedirectError::Invalid);
        }
        if crate::idn::has_unicode_host(input) {
            return Err(RedirectError::UnicodeHost);
        }
        let url = Url::parse(input).map_err(|_| RedirectError::Invalid)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(RedirectError::Credentials);
        }
        let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1"));
        match url.scheme() {
            "https" if url.host_str().is_some() => Ok(Self(url.into())),
            "http" if local && !livemode => Ok(Self(url.into())),
            "https" => Err(RedirectError::Invalid),
            _ => Err(RedirectError::NotHttps),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unicode_host_is_refused_with_the_form_to_send_and_its_xn_form_accepted() {
        let err = RedirectUrl::parse("https://bücher.example/danke", true).unwrap_err();
        assert_eq!(
            (err, err.code()),
            (RedirectError::UnicodeHost, "url_invalid")
        );
        assert!(err.to_string().contains("xn--"), "{err}");
        let ok = RedirectUrl::parse("https://xn--bcher-kva.example/danke", true).unwrap();
        assert_eq!(ok.as_str(), "https://xn--bcher-kva.example/danke");
    }

    #[test]
    fn https_urls_are_accepted_in_both_modes() {
        for live in [false, true] {
            let url = RedirectUrl::parse("https://shop.example/thanks?order=1", live).unwrap();
            assert_eq!(url.as_str(), "https://shop.example/thanks?order=1");
        }
    }

    #[test]
    fn http_to_localhost_is_accepted_only_in_test_mode() {
        assert!(RedirectUrl::parse("http://localhost:3000/done", false).is_ok());
        assert!(RedirectUrl::parse("http://127.0.0.1:8080/", false).is_ok());
        assert_eq!(
            RedirectUrl::parse("http://localhost:3000/", true),
            Err(RedirectError::NotHttps)
        );
    }

    #[test]
    fn other_schemes_and_plain_http_elsewhere_are_refused() {
        for bad in [
            "http://shop.example/",
            "javascript:alert(1)",
            "ftp://x.example/",
            "data:text/html,hi",
        ] {
            assert_eq!(
                RedirectUrl::parse(bad, false),
                Err(RedirectError::NotHttps),
                "{bad}"
            );
        }
    }

    #[test]
    fn relative_empty_and_overlong_urls_are_invalid() {
        assert_eq!(
            RedirectUrl::parse("/thanks", false),
            Err(RedirectError::Invalid)
        );
        assert_eq!(RedirectUrl::parse("", false), Err(RedirectError::Invalid));
        let long = format!("https://shop.example/{}", "a".repeat(2048));
        assert_eq!(
            RedirectUrl::parse(&long, false),
            Err(RedirectError::Invalid)
        );
    }

    #[test]
    fn urls_with_credentials_are_refused() {
        assert_eq!(
            RedirectUrl::parse("https://user:pw@shop.example/", false),
            Err(RedirectError::Credentials)
        );
    }
}
