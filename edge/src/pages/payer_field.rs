//! One payer field as HTML: a labelled native input or select, its hint and its error slot,
//! and the API's code and sentence for each rule the browser can check (read by `payer.js`).
//!
//! Everything the merchant or the customer wrote is escaped here; the ids and names are made
//! by `payer_form` from keys the API already restricted to `[a-z0-9_]`.

use std::fmt::Write;

use shared::payer::messages;

use crate::pages::shell::escape_html;

/// A failure of the browser's constraint validation, named as `payer.js` reads it
/// (`data-<rule>` holds the API's code, `data-<rule>-message` its sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `required` and empty.
    Missing,
    /// `pattern` not matched (or the value is not what the input's type takes).
    Mismatch,
    /// Fewer characters than `minlength`.
    Short,
    /// More characters than `maxlength`.
    Long,
    /// Below `min`.
    Under,
    /// Above `max`.
    Over,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::Missing => "missing",
            Rule::Mismatch => "mismatch",
            Rule::Short => "short",
            Rule::Long => "long",
            Rule::Under => "under",
            Rule::Over => "over",
        }
    }
}

/// One field. `id` is the DOM id (its hint and error are `{id}-hint`, `{id}-error`); `name`
/// is the API path the value is sent under and field errors come back for.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub id: String,
    pub name: String,
    pub label: String,
    /// Marked "(optional)" after the label.
    pub optional: bool,
    /// The `required` attribute. Off for the parts of an optional address, which `payer.js`
    /// requires once any part is filled.
    pub required: bool,
    pub value: Option<String>,
    /// Attributes of the input, in order (`type`, `autocomplete`, `maxlength`, …).
    pub attrs: Vec<(&'static str, String)>,
    /// The API's code for each rule the attributes let the browser check.
    pub rules: Vec<(Rule, &'static str)>,
    pub hint: Option<String>,
    /// A `<select>` of these `(value, label)` choices, after an empty first one saying
    /// `placeholder`, instead of an input.
    pub select: Option<Select>,
    /// Extra classes of the field's wrapper.
    pub class: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct Select {
    pub placeholder: String,
    pub options: Vec<(String, String)>,
}

impl Field {
    /// The rule's code, with the sentence the API answers for it about this field's label.
    pub fn rule(mut self, rule: Rule, code: &'static str) -> Self {
        self.rules.push((rule, code));
        self
    }

    pub fn attr(mut self, name: &'static str, value: impl ToString) -> Self {
        self.attrs.push((name, value.to_string()));
        self
    }

    /// The field as HTML.
    pub fn html(&self) -> String {
        let id = escape_html(&self.id);
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<div class="field{}{}"><label for="{id}">{}"#,
            if self.class.is_empty() { "" } else { " " },
            self.class,
            escape_html(&self.label)
        );
        if self.optional {
            out.push_str(r#" <span class="optional">(optional)</span>"#);
        }
        out.push_str("</label>");
        let mut described = String::new();
        if let Some(hint) = &self.hint {
            let _ = write!(
                out,
                r#"<p class="field-help" id="{id}-hint">{}</p>"#,
                escape_html(hint)
            );
            let _ = write!(described, "{id}-hint ");
        }
        let _ = write!(described, "{id}-error");
        let tag = if self.select.is_some() {
            "select"
        } else {
            "input"
        };
        let _ = write!(
            out,
            r#"<{tag} id="{id}" name="{}" aria-describedby="{described}""#,
            escape_html(&self.name)
        );
        for (name, value) in &self.attrs {
            let _ = write!(out, r#" {name}="{}""#, escape_html(value));
        }
        if self.required {
            out.push_str(" required");
        }
        for (rule, code) in &self.rules {
            let _ = write!(
                out,
                r#" data-{0}="{1}" data-{0}-message="{2}""#,
                rule.name(),
                code,
                escape_html(&messages::message(code, &self.label))
            );
        }
        match &self.select {
            None => {
                if let Some(value) = &self.value {
                    let _ = write!(out, r#" value="{}""#, escape_html(value));
                }
                out.push('>');
            }
            Some(select) => {
                let _ = write!(
                    out,
                    r#"><option value="">{}</option>"#,
                    escape_html(&select.placeholder)
                );
                for (value, label) in &select.options {
                    let selected = if self.value.as_deref() == Some(value.as_str()) {
                        " selected"
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        r#"<option value="{}"{selected}>{}</option>"#,
                        escape_html(value),
                        escape_html(label)
                    );
                }
                out.push_str("</select>");
            }
        }
        let _ = write!(
            out,
            r#"<p class="field-error" id="{id}-error" hidden></p></div>"#
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::payer::codes as c;

    fn email() -> Field {
        Field {
            id: "payer-email".into(),
            name: "customer.email".into(),
            label: "Email".into(),
            required: true,
            ..Field::default()
        }
        .attr("type", "text")
        .attr("autocomplete", "email")
        .rule(Rule::Missing, c::EMAIL_REQUIRED)
    }

    #[test]
    fn the_label_names_the_input_which_names_its_hint_and_error() {
        let mut field = email();
        field.hint = Some("For the receipt.".into());
        let html = field.html();
        assert!(html.starts_with(r#"<div class="field"><label for="payer-email">Email</label>"#));
        assert!(
            html.contains(r#"<p class="field-help" id="payer-email-hint">For the receipt.</p>"#)
        );
        assert!(html.contains(
            r#"<input id="payer-email" name="customer.email" aria-describedby="payer-email-hint payer-email-error" type="text" autocomplete="email" required"#
        ));
        assert!(
            html.ends_with(r#"<p class="field-error" id="payer-email-error" hidden></p></div>"#)
        );
    }

    #[test]
    fn each_rule_carries_the_api_code_and_its_sentence() {
        let html = email().rule(Rule::Mismatch, c::EMAIL_INVALID).html();
        assert!(html.contains(
            r#" data-missing="email_required" data-missing-message="Email is required.""#
        ));
        assert!(html.contains(&format!(
            r#" data-mismatch="email_invalid" data-mismatch-message="{}""#,
            messages::message(c::EMAIL_INVALID, "Email")
        )));
    }

    #[test]
    fn an_optional_field_is_marked_and_not_required() {
        let mut field = email();
        field.required = false;
        field.optional = true;
        let html = field.html();
        assert!(html.contains(r#"Email <span class="optional">(optional)</span></label>"#));
        assert!(!html.contains(" required>") && !html.contains(" required "));
        assert!(!email().html().contains("(optional)"));
    }

    #[test]
    fn hostile_labels_values_and_options_are_escaped() {
        let evil = r#""><script>alert(1)</script>"#;
        let field = Field {
            id: "payer-custom-size".into(),
            name: "custom_fields.size".into(),
            label: evil.into(),
            value: Some(evil.into()),
            select: Some(Select {
                placeholder: "Choose…".into(),
                options: vec![(evil.into(), evil.into()), ("m".into(), "<b>M</b>".into())],
            }),
            ..Field::default()
        }
        .rule(Rule::Missing, c::CUSTOM_FIELD_REQUIRED);
        let html = field.html();
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(!html.contains(evil), "{html}");
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The message names the label, escaped in its attribute too.
        assert!(html.contains(r#"data-missing-message="&quot;&gt;&lt;script&gt;"#));
        // The escaped value still selects its option.
        assert!(html.contains(
            r#"<option value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" selected>"#
        ));
    }

    #[test]
    fn a_select_starts_with_its_empty_choice_and_selects_the_value() {
        let field = Field {
            id: "payer-custom-size".into(),
            name: "custom_fields.size".into(),
            label: "Size".into(),
            value: Some("m".into()),
            select: Some(Select {
                placeholder: "Choose a size".into(),
                options: vec![("s".into(), "Small".into()), ("m".into(), "Medium".into())],
            }),
            ..Field::default()
        };
        let html = field.html();
        assert!(html.contains(
            r#"><option value="">Choose a size</option><option value="s">Small</option><option value="m" selected>Medium</option></select>"#
        ));
        let select = &html[html.find("<select").unwrap()..];
        assert!(
            !html.contains("<input") && !select[..select.find('>').unwrap()].contains("value=")
        );
    }

    #[test]
    fn an_input_without_a_value_has_no_value_attribute() {
        assert!(!email().html().contains("value="));
        let mut field = email();
        field.value = Some("a@b.example".into());
        assert!(field.html().contains(r#" value="a@b.example">"#));
    }
}
