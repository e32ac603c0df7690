//! Free text the API takes (titles, names, descriptions, metadata): trimmed, bounded, and
//! free of control characters.
//!
//! Control characters (Unicode category Cc: U+0000–U+001F and U+007F–U+009F) are refused
//! because nothing a person types needs them and they break what reads the text later: a NUL
//! ends the string for SQLite's `length()` (so a CHECK fails after the Rust count passed), and
//! escapes corrupt logs and terminals. Text shown as a paragraph (descriptions, messages,
//! metadata values) may hold line breaks and tabs (`\n`, `\r`, `\t`); one-line text (titles,
//! names, keys) may not. Everything else in Unicode is kept as sent: right-to-left text,
//! zero-width joiners (emoji, Indic scripts) and combining marks are real text. Lone
//! surrogates cannot arrive: JSON bodies holding `\ud800` are refused as invalid JSON.

use crate::api::error::FieldError;

/// Whether the text is one line or may hold line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// The code of a field error for a control character.
pub const CONTROL_CHARACTER: &str = "control_character";

/// The first character `lines` does not allow, if any.
pub fn forbidden_char(text: &str, lines: Lines) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(lines == Lines::Many && matches!(c, '\n' | '\r' | '\t')))
}

/// `raw` trimmed, `None` when empty; a failure for each rule it breaks is added to `errors`:
/// more than `max` characters (`{param}_too_long`) or a character `lines` forbids.
pub fn bounded(
    errors: &mut Vec<FieldError>,
    param: &str,
    raw: Option<String>,
    max: usize,
    lines: Lines,
) -> Option<String> {
    let text = raw.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())?;
    if text.chars().count() > max {
        errors.push(FieldError::new(
            param,
            &format!("{param}_too_long"),
            format!("{param} has at most {max} characters."),
        ));
    }
    if let Err(e) = check(param, &text, lines) {
        errors.push(e);
    }
    Some(text)
}

/// `Ok` when `text` holds no character `lines` forbids; otherwise the field error naming
/// `param` and the character's code point.
pub fn check(param: &str, text: &str, lines: Lines) -> Result<(), FieldError> {
    match forbidden_char(text, lines) {
        None => Ok(()),
        Some(c) => Err(FieldError {
            code: CONTROL_CHARACTER.into(),
            message: format!(
                "{param} holds the control character U+{:04X}; {}.",
                u32::from(c),
                match lines {
                    Lines::One => "this field is one line of text",
                    Lines::Many => "only line breaks and tabs are allowed",
                }
            ),
            param: param.into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_text_in_any_script_passes() {
        for text in [
            "Beans",
            "قهوة",
            "\u{200f}שלום",
            "👩\u{200d}💻 dev",
            "e\u{301}",
            "नमस्ते",
        ] {
            assert_eq!(check("title", text, Lines::One), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn line_breaks_and_tabs_pass_only_where_text_may_span_lines() {
        assert_eq!(check("description", "a\r\nb\tc", Lines::Many), Ok(()));
        let err = check("title", "a\nb", Lines::One).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.param.as_str()),
            ("control_character", "title")
        );
        assert!(err.message.contains("U+000A"), "{}", err.message);
    }

    #[test]
    fn nul_escape_delete_and_c1_controls_are_refused_everywhere() {
        for c in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{8}'] {
            for lines in [Lines::One, Lines::Many] {
                assert_eq!(forbidden_char(&format!("x{c}y"), lines), Some(c), "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn a_one_line_text_passes_exactly_when_no_char_is_a_control(text in any::<String>()) {
            prop_assert_eq!(check("t", &text, Lines::One).is_ok(), !text.chars().any(char::is_control));
        }

        #[test]
        fn what_passes_for_one_line_passes_for_many(text in any::<String>()) {
            if forbidden_char(&text, Lines::One).is_none() {
                prop_assert_eq!(forbidden_char(&text, Lines::Many), None);
            }
        }
    }
}
