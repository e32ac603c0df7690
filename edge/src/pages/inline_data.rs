//! Data inlined into the pay page shell, so the page can render without asking the API first.
//!
//! Pure text work: the handler serialises the data; this module makes the JSON safe inside a
//! `<script>` element and places that element in the HTML.

use shared::api::public::{LINK_ELEMENT_ID, SESSION_ELEMENT_ID};

/// The marker the element goes before: the end of the head, so the data is parsed before the
/// page's deferred module script runs and without waiting for the body.
const HEAD_END: &str = "</head>";

/// `json` with every character that could end the script element or open markup (`<`, `>`,
/// `&`), and the line separators older JavaScript parsers reject in strings (U+2028, U+2029),
/// written as `\uXXXX` escapes.
///
/// Outside strings JSON never contains these characters, so every one replaced sits in a string,
/// where the escape is valid JSON and parses back to the same text.
pub fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `<script type="application/json">` element holding `json`, escaped for its place.
///
/// `json` must be JSON text (a serialisation, or `null`).
pub fn link_element(json: &str) -> String {
    element(LINK_ELEMENT_ID, json)
}

/// The same for a checkout's page, under [`SESSION_ELEMENT_ID`].
pub fn session_element(json: &str) -> String {
    element(SESSION_ELEMENT_ID, json)
}

fn element(id: &str, json: &str) -> String {
    format!(
        r#"<script type="application/json" id="{id}">{}</script>"#,
        escape_for_script(json)
    )
}

/// `html` with `element` inserted immediately before the first `</head>` (in any letter case),
/// or `None` when there is none, for the caller to serve the shell as it is.
pub fn insert_before_head_end(html: &str, element: &str) -> Option<String> {
    // ASCII lowercasing keeps every byte offset, so the index applies to `html` itself.
    let at = html.to_ascii_lowercase().find(HEAD_END)?;
    let mut out = String::with_capacity(html.len() + element.len());
    out.push_str(&html[..at]);
    out.push_str(element);
    out.push_str(&html[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "Tea & cake </script><script>alert(1)</script> line\u{2028}para\u{2029}end";

    #[test]
    fn a_hostile_title_round_trips_through_the_escaped_json() {
        let json = serde_json::to_string(&serde_json::json!({ "title": HOSTILE })).unwrap();
        let escaped = escape_for_script(&json);
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["title"], HOSTILE);
    }

    #[test]
    fn the_escaped_json_holds_no_markup_or_line_separators() {
        let json = serde_json::to_string(HOSTILE).unwrap();
        let escaped = escape_for_script(&json);
        for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!escaped.contains(c), "{c:?} left in {escaped}");
        }
        assert!(escaped.contains(r"\u003c/script\u003e"));
        assert!(escaped.contains(r"\u0026"));
        assert!(escaped.contains(r"\u2028") && escaped.contains(r"\u2029"));
    }

    #[test]
    fn json_without_special_characters_is_unchanged() {
        let json = r#"{"title":"Coffee","amount":"4.50"}"#;
        assert_eq!(escape_for_script(json), json);
    }

    #[test]
    fn the_element_wraps_the_escaped_json_with_its_id() {
        assert_eq!(
            link_element(r#""a<b""#),
            r#"<script type="application/json" id="paylink-link">"a\u003cb"</script>"#
        );
        assert_eq!(
            link_element("null"),
            r#"<script type="application/json" id="paylink-link">null</script>"#
        );
    }

    #[test]
    fn the_element_goes_immediately_before_the_end_of_the_head() {
        let html = "<html><head><title>t</title></head><body></body></html>";
        assert_eq!(
            insert_before_head_end(html, "<x></x>").as_deref(),
            Some("<html><head><title>t</title><x></x></head><body></body></html>")
        );
    }

    #[test]
    fn the_end_of_the_head_is_found_in_any_letter_case() {
        assert_eq!(
            insert_before_head_end("<HEAD>é</HEAD><body>", "<x>").as_deref(),
            Some("<HEAD>é<x></HEAD><body>")
        );
    }

    #[test]
    fn html_without_an_end_of_head_gets_nothing() {
        assert_eq!(
            insert_before_head_end("<html><body></body></html>", "<x>"),
            None
        );
        assert_eq!(insert_before_head_end("", "<x>"), None);
    }
}
