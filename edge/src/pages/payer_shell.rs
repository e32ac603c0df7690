//! What a link's or checkout's payer form adds to the pay page shell: the fields' template,
//! their script and styles (only when there are fields), the button's and the title's words for
//! `submit_label`, and the merchant's message on the paid page.
//!
//! The message and the words cost the page's wasm nothing: the message is in the shell from
//! the start and shown by the stylesheet once the status says paid, as the way back is hidden.

use shared::money::FiatAmount;
use shared::payer::{PublicAfterCompletion, PublicFormView, SubmitLabel};

use crate::pages::payer_form::{self, Prefill};
use crate::pages::shell::escape_html;

/// The fields' styles, sent only with fields; the page's stylesheet holds `.field` itself.
const FIELDS_STYLE: &str = concat!(
    ".payer{margin:0 0 .75rem}.payer .field{margin:0 0 .75rem}",
    ".payer .field input,.payer .field select{width:100%;min-height:44px;font:inherit;padding:.5rem .7rem;border-radius:8px;border:1px solid var(--muted);background:var(--bg);color:var(--fg)}",
    ".payer .field select:focus-visible{outline:3px solid rgb(0 112 243/.5);outline-offset:1px}",
    ".payer .field [aria-invalid=true]{border-color:#c0301a}",
    ".optional{font-weight:400;color:var(--muted)}",
    ".field-error{margin:0;color:#c0301a;font-size:.9rem;font-weight:600}",
    "@media (prefers-color-scheme:dark){.field-error{color:#ff9b87}.payer .field [aria-invalid=true]{border-color:#ff9b87}}",
    ".payer-address{border:0;padding:0;margin:0 0 .25rem;min-width:0;display:grid;grid-template-columns:2fr 3fr;column-gap:.75rem}",
    ".payer-address legend{font-weight:700;padding:0;margin:0 0 .5rem}",
    ".payer-address .field{grid-column:1/-1}.payer-address .postal{grid-column:1}.payer-address .postal+.field{grid-column:2}",
    ".quantity input{max-width:8rem}#payer-total{font-weight:600}",
    ".visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}",
    "@media (max-width:400px){.payer-address{display:block}}",
);

/// The merchant's message follows the card once the status says the money arrived.
const MESSAGE_STYLE: &str = concat!(
    ".after-paid{display:none;order:1;width:100%;max-width:28rem;margin:0;padding:1rem 1.5rem;border-radius:12px;background:var(--card);white-space:pre-line;overflow-wrap:anywhere}",
    ".after-paid p{margin:0}.after-paid .merchant{margin-bottom:.25rem}",
    "body:has(.status-done) .after-paid{display:block}.embed .after-paid{padding:.5rem}",
);

/// What the form adds to the shell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Styles for the head's `<style>`.
    pub style: String,
    /// Elements for the head: the fields' script.
    pub head: String,
    /// Elements for the start of the body: the template and the message.
    pub body: String,
}

/// The parts of `form` (none without one): its fields while the customer can pay (`payable`),
/// `unit_price` for the quantity's total, and `merchant` to say whose message it is (kept for
/// a paid session's page too).
pub fn parts(
    form: Option<&PublicFormView>,
    payable: bool,
    unit_price: Option<FiatAmount>,
    prefill: &Prefill,
    merchant: &str,
) -> Parts {
    let mut parts = Parts::default();
    let Some(form) = form else {
        return parts;
    };
    let template = payable
        .then(|| payer_form::render(form, unit_price, prefill))
        .flatten();
    if let Some(template) = template {
        parts.style.push_str(FIELDS_STYLE);
        parts.head.push_str(payer_form::SCRIPT);
        parts.body.push_str(&template);
    }
    if let Some(PublicAfterCompletion::Message { message }) = &form.after_completion {
        parts.style.push_str(MESSAGE_STYLE);
        parts.body.push_str(&format!(
            r#"<section class="after-paid" aria-labelledby="after-paid-from"><p class="merchant" id="after-paid-from">A message from {}</p><p>{}</p></section>"#,
            escape_html(merchant),
            escape_html(message)
        ));
    }
    parts
}

/// The verb of the title and the description: "Pay", "Donate to", "Book with".
pub fn verb(label: SubmitLabel) -> &'static str {
    match label {
        SubmitLabel::Pay => "Pay",
        SubmitLabel::Donate => "Donate to",
        SubmitLabel::Book => "Book with",
    }
}

/// How the description says the customer pays: "Pay with", "Donate with", "Book and pay with".
pub fn means(label: SubmitLabel) -> &'static str {
    match label {
        SubmitLabel::Pay => "Pay with",
        SubmitLabel::Donate => "Donate with",
        SubmitLabel::Book => "Book and pay with",
    }
}

/// The root's `data-submit`, which the page reads for its button's words; nothing for `pay`.
pub fn root_attribute(label: SubmitLabel) -> Option<String> {
    match label {
        SubmitLabel::Pay => None,
        SubmitLabel::Donate | SubmitLabel::Book => {
            Some(format!(r#" data-submit="{}""#, label.as_str()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::money::Currency;
    use shared::payer::{AdjustableQuantity, CollectMode};

    #[test]
    fn no_form_or_an_empty_one_adds_nothing() {
        assert_eq!(
            parts(None, true, None, &Prefill::default(), "Shop"),
            Parts::default()
        );
        let empty = PublicFormView::default();
        assert_eq!(
            parts(Some(&empty), true, None, &Prefill::default(), "Shop"),
            Parts::default()
        );
    }

    #[test]
    fn fields_bring_their_script_and_styles() {
        let mut form = PublicFormView::default();
        form.collect.email = CollectMode::Required;
        let got = parts(Some(&form), true, None, &Prefill::default(), "Shop");
        assert_eq!(got.head, r#"<script src="/payer.js" defer></script>"#);
        assert!(got.style.starts_with(".payer{"));
        assert!(got.body.starts_with(r#"<template id="paylink-payer">"#));
        assert!(!got.body.contains("after-paid"));
    }

    #[test]
    fn a_quantity_alone_is_a_form_with_its_total() {
        let form = PublicFormView {
            adjustable_quantity: AdjustableQuantity {
                enabled: true,
                minimum: 1,
                maximum: 5,
            },
            ..PublicFormView::default()
        };
        let unit = FiatAmount::parse("9.99", Currency::Eur).ok();
        let got = parts(Some(&form), true, unit, &Prefill::default(), "Shop");
        assert!(got.body.contains("1 × EUR 9.99 = EUR 9.99"));
    }

    #[test]
    fn the_merchants_message_waits_for_the_paid_status_and_is_escaped() {
        let mut form = PublicFormView {
            after_completion: Some(PublicAfterCompletion::Message {
                message: "Thanks!\n<b>See you</b> & bye".into(),
            }),
            ..PublicFormView::default()
        };
        let got = parts(Some(&form), false, None, &Prefill::default(), "Tea & Co");
        assert_eq!(
            got.body,
            "<section class=\"after-paid\" aria-labelledby=\"after-paid-from\"><p class=\"merchant\" id=\"after-paid-from\">A message from Tea &amp; Co</p><p>Thanks!\n&lt;b&gt;See you&lt;/b&gt; &amp; bye</p></section>"
        );
        assert!(
            got.style
                .contains("body:has(.status-done) .after-paid{display:block}")
        );
        // No fields (and a paid session's page keeps the message): no script.
        assert!(got.head.is_empty());
        form.after_completion = Some(PublicAfterCompletion::Redirect);
        assert_eq!(
            parts(Some(&form), true, None, &Prefill::default(), "Shop"),
            Parts::default()
        );
    }

    #[test]
    fn fields_are_left_out_when_the_customer_cannot_pay() {
        let mut form = PublicFormView::default();
        form.collect.email = CollectMode::Required;
        let got = parts(Some(&form), false, None, &Prefill::default(), "Shop");
        assert_eq!(got, Parts::default());
    }

    #[test]
    fn only_donate_and_book_change_the_words() {
        assert_eq!(root_attribute(SubmitLabel::Pay), None);
        assert_eq!(
            root_attribute(SubmitLabel::Donate).as_deref(),
            Some(r#" data-submit="donate""#)
        );
        assert_eq!(verb(SubmitLabel::Book), "Book with");
        assert_eq!(means(SubmitLabel::Donate), "Donate with");
    }
}
