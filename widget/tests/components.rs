//! Component tests: the pay page's components mounted in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use paylink_widget::app::{App, Home, PayPage};
use paylink_widget::checkout::amount_field::AmountField;
use shared::api::links::CustomAmount;
use shared::money::Currency;
use shared::slug::Slug;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

// The checkout's tests, kept in their own files beside their fixtures.
#[path = "components/checkout.rs"]
mod checkout;
#[path = "components/decode.rs"]
mod decode;
#[path = "components/fixtures.rs"]
mod fixtures;
#[path = "components/sessions.rs"]
mod sessions;
#[path = "components/wallet.rs"]
mod wallet;

/// A fresh container in the test page's body, so tests do not see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn heading(root: &web_sys::HtmlElement) -> Option<String> {
    root.query_selector("h1")
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
}

/// Lets timers, fetches and effects run, `ms` at a time, until `done` or ~5 s pass.
async fn settle(ms: i32, done: impl Fn() -> bool) {
    for _ in 0..(5000 / ms) {
        if done() {
            return;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
fn home_names_the_product_when_no_link_is_open() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), Home);
    assert_eq!(heading(&root).as_deref(), Some("Paylink"));
}

#[wasm_bindgen_test]
fn the_app_outside_a_link_path_shows_home_and_its_footer() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    // The test runner's page is not under /l/, so the app shows its home page.
    assert_eq!(heading(&root).as_deref(), Some("Paylink"));
    assert!(
        root.text_content()
            .unwrap()
            .contains("Non-custodial crypto payments")
    );
}

/// Puts `text` where the worker inlines the link, for one test; returns the element to remove.
fn inline_link(text: &str) -> web_sys::Element {
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_attribute("id", "paylink-link").unwrap();
    script.set_text_content(Some(text));
    document().head().unwrap().append_child(&script).unwrap();
    script
}

/// Mounts the pay page of `slug` with `inlined` as the worker's data (`None`: none at all).
fn mount_pay_page(slug: &str, inlined: Option<&str>) -> (web_sys::HtmlElement, impl Drop) {
    let script = inlined.map(inline_link);
    let root = container();
    let slug = Slug::parse(slug).unwrap();
    let handle =
        leptos::mount::mount_to(root.clone(), move || view! { <PayPage slug=slug.clone()/> });
    if let Some(script) = script {
        script.remove();
    }
    (root, handle)
}

#[wasm_bindgen_test]
fn an_inlined_link_is_shown_on_the_first_render() {
    let text =
        serde_json::to_string(&fixtures::wire_link(&fixtures::link(false, &["ETH"]))).unwrap();
    let (root, _handle) = mount_pay_page("test-beans", Some(&text));
    assert!(
        root.query_selector("[role=status][aria-live=polite]")
            .unwrap()
            .is_some()
    );
    assert_eq!(heading(&root).as_deref(), Some("Beans"));
    assert!(root.text_content().unwrap().contains("Bean Shop"));
}

#[wasm_bindgen_test]
fn an_inlined_null_is_a_link_not_found() {
    let (root, _handle) = mount_pay_page("no-such-link", Some("null"));
    assert_eq!(heading(&root).as_deref(), Some("Payment link not found"));
    // The slug means nothing to a customer: no "Payment link <slug>" label.
    assert!(!root.text_content().unwrap().contains("no-such-link"));
}

#[wasm_bindgen_test]
fn without_usable_link_data_payments_are_unavailable() {
    let other =
        serde_json::to_string(&fixtures::wire_link(&fixtures::link(false, &["ETH"]))).unwrap();
    let cases = [
        ("none", None),
        ("another slug's", Some(other.as_str())),
        ("broken", Some("{\"slug\":")),
    ];
    for (what, inlined) in cases {
        let (root, _handle) = mount_pay_page("other-beans", inlined);
        assert_eq!(
            heading(&root).as_deref(),
            Some("Payments are unavailable right now"),
            "{what} data"
        );
    }
}

/// Types `value` into the amount input as a customer would: set it, then fire `input`.
fn type_amount(root: &web_sys::HtmlElement, value: &str) {
    let input = root
        .query_selector("#amount")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn help(root: &web_sys::HtmlElement) -> String {
    root.query_selector("#amount-help")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

fn invalid(root: &web_sys::HtmlElement) -> String {
    root.query_selector("#amount")
        .unwrap()
        .unwrap()
        .get_attribute("aria-invalid")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_amount_field_starts_at_the_preset_and_explains_each_problem_as_typed() {
    let root = container();
    let bounds = CustomAmount {
        minimum: Some("5.00".into()),
        maximum: Some("500.00".into()),
        preset: Some("25.00".into()),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <AmountField currency=Currency::Usd bounds=Some(bounds.clone())/> }
    });
    let value = || {
        root.query_selector("#amount")
            .unwrap()
            .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value())
    };
    // The preset is set by an effect just after mounting.
    settle(20, || value().as_deref() == Some("25.00")).await;
    assert_eq!(value().as_deref(), Some("25.00"));
    assert_eq!(help(&root), "Between 5.00 and 500.00 USD.");
    assert_eq!(invalid(&root), "false");
    for (typed, expected) in [
        (
            "12,5",
            "Use digits, with a dot before the cents, such as 12.50.",
        ),
        ("1.234", "USD amounts have at most 2 decimals."),
        ("4.99", "The minimum is 5.00 USD."),
        ("500.01", "The maximum is 500.00 USD."),
        ("", "Enter an amount."),
    ] {
        type_amount(&root, typed);
        settle(20, || help(&root) == expected).await;
        assert_eq!(help(&root), expected, "after typing {typed:?}");
        assert_eq!(invalid(&root), "true");
    }
    type_amount(&root, "42");
    settle(20, || invalid(&root) == "false").await;
    assert_eq!(help(&root), "Between 5.00 and 500.00 USD.");
}

#[wasm_bindgen_test]
fn embed_mode_needs_the_flag_and_a_plain_parent_origin() {
    use paylink_widget::embed::parent_from_query;
    assert!(parent_from_query("?embed=1&parent=https%3A%2F%2Fshop.example").is_some());
    assert!(parent_from_query("?embed=1&parent=http%3A%2F%2F127.0.0.1%3A5173").is_some());
    for refused in [
        "?parent=https%3A%2F%2Fshop.example",
        "?embed=1",
        "?embed=1&parent=javascript%3Aalert(1)",
        "?embed=1&parent=https%3A%2F%2Fshop.example%2Fpath",
        "?embed=1&parent=*",
        "?embed=0&parent=https%3A%2F%2Fshop.example",
    ] {
        assert!(parent_from_query(refused).is_none(), "{refused}");
    }
}

#[wasm_bindgen_test]
fn outside_a_frame_the_page_is_not_embedded() {
    // The test page is the top window: no parent to report to, whatever the query says.
    assert!(paylink_widget::embed::parent().is_none());
}
