//! Fields a session takes from both the merchant and the customer: the merchant's reference
//! and the customer's email, each checked once here so both doors refuse the same input.

use crate::api::error::FieldError;
use crate::text::{self, Lines};

/// Most characters in a `client_reference_id` (an order number, a cart id).
pub const MAX_REFERENCE_CHARS: usize = 200;
/// Most characters in an email address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The reference trimmed; `None` when empty. One line of at most [`MAX_REFERENCE_CHARS`].
pub fn client_reference_id(raw: Option<String>) -> Result<Option<String>, FieldError> {
    const PARAM: &str = "client_reference_id";
    let Some(text) = raw.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_REFERENCE_CHARS {
        return Err(FieldError::new(
            PARAM,
            "client_reference_id_too_long",
            format!("client_reference_id has at most {MAX_REFERENCE_CHARS} characters."),
        ));
    }
    text::check(PARAM, &text, Lines::One)?;
    Ok(Some(text))
}

/// An address of the shape `local@domain.tld`, trimmed; `None` when empty. Deliberately
/// loose (mail servers decide the rest): one `@`, no spaces, a dot in the domain.
pub fn email(param: &str, raw: Option<String>) -> Result<Option<String>, FieldError> {
    let Some(text) = raw.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let invalid = || {
        FieldError::new(
            param,
            "email_invalid",
            format!("{param} is an email address such as name@example.com."),
        )
    };
    if text.chars().count() > MAX_EMAIL_CHARS {
        return Err(FieldError::new(
            param,
            "email_too_long",
            format!("{param} has at most {MAX_EMAIL_CHARS} characters."),
        ));
    }
    text::check(param, &text, Lines::One)?;
    let (local, domain) = text.split_once('@').ok_or_else(invalid)?;
    let well_formed = !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(host, rest)| !host.is_empty() && !rest.is_empty())
        && !domain.ends_with('.');
    if well_formed {
        Ok(Some(text))
    } else {
        Err(invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_trimmed_and_an_empty_one_is_none() {
        assert_eq!(
            client_reference_id(Some("  A-1001 ".into())).unwrap(),
            Some("A-1001".into())
        );
        assert_eq!(client_reference_id(Some("   ".into())).unwrap(), None);
        assert_eq!(client_reference_id(None).unwrap(), None);
    }

    #[test]
    fn a_reference_has_at_most_200_characters_on_one_line() {
        assert!(client_reference_id(Some("é".repeat(200))).is_ok());
        let long = client_reference_id(Some("x".repeat(201))).unwrap_err();
        assert_eq!(long.code, "client_reference_id_too_long");
        let broken = client_reference_id(Some("A\n1001".into())).unwrap_err();
        assert_eq!(
            (broken.code.as_str(), broken.param.as_str()),
            ("control_character", "client_reference_id")
        );
    }

    #[test]
    fn emails_need_a_local_part_an_at_and_a_dotted_domain() {
        for good in ["a@b.co", "first.last+tag@shop.example", "x@sub.domain.io"] {
            assert_eq!(
                email("e", Some(good.into())).unwrap().as_deref(),
                Some(good)
            );
        }
        for bad in [
            "plain", "@b.co", "a@", "a@b", "a@@b.co", "a b@c.de", "a@b.", "a@.co",
        ] {
            assert_eq!(
                email("e", Some(bad.into())).unwrap_err().code,
                "email_invalid",
                "{bad}"
            );
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(email("e", Some(long)).unwrap_err().code, "email_too_long");
        assert_eq!(email("e", Some(" ".into())).unwrap(), None);
    }
}
