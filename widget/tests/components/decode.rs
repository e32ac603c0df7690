//! The page's JSON reading against serde: every fixture serialised as the worker does, read
//! back field for field; and what a broken body reads as.

use paylink_widget::decode;
use paylink_widget::json::{Fields, Unreadable, object_text};
use shared::api::error::{ErrorBody, ErrorDetail, ErrorType, FieldError};
use shared::api::links::CustomAmount;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::fixtures::{
    ETH_DUE, eth_quote, link, paid_with, session, usdc_quote, wire_link, wire_session,
};

fn fields<T: serde::Serialize>(value: &T) -> Fields {
    Fields::parse(&serde_json::to_string(value).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn links_read_back_equal_to_what_serde_wrote() {
    let mut custom = link(true, &["ETH", "USDC", "EURC"]);
    custom.description = Some("Pay what you like — \"any\" <amount>.".into());
    custom.custom_amount = Some(CustomAmount {
        minimum: Some("5.00".into()),
        maximum: None,
        preset: Some("25.00".into()),
    });
    custom.state = "inactive".into();
    custom.inactive_message = Some("Back soon.".into());
    custom.cancel_url = Some("https://shop.example/cart?from=pay".into());
    for original in [link(false, &["ETH"]), custom] {
        assert_eq!(
            decode::public_link(&fields(&wire_link(&original))),
            Ok(original)
        );
    }
}

#[wasm_bindgen_test]
fn what_the_page_leaves_out_is_not_read() {
    let mut wire = wire_link(&link(false, &["ETH"]));
    wire.form.collect.email = shared::payer::CollectMode::Required;
    wire.form.submit_label = shared::payer::SubmitLabel::Donate;
    wire.livemode = true;
    wire.chain_id = 8453;
    assert_eq!(
        decode::public_link(&fields(&wire)),
        Ok(link(false, &["ETH"]))
    );
    let mut wire = wire_session(&session("open", eth_quote(0), "0", ETH_DUE));
    wire.form.custom_fields = vec![];
    wire.unit_amount = "4.25".into();
    wire.livemode = true;
    assert_eq!(
        decode::public_session(&fields(&wire)),
        Ok(session("open", eth_quote(0), "0", ETH_DUE))
    );
}

#[wasm_bindgen_test]
fn sessions_read_back_equal_to_what_serde_wrote() {
    let mut paid = session("paid", usdc_quote(1_900_000_000), "12500000", "0");
    paid.payments = vec![
        paid_with("0xabc", "12000000"),
        shared::api::sessions::Payment {
            quote: "qt_00000000000000000000000e".into(),
            asset: "ETH".into(),
            tx_hash: None,
            amount: "500000".into(),
            block_number: None,
            extra: true,
        },
    ];
    paid.success_url = Some("https://shop.example/thanks?order=7&x=1".into());
    let mut described = super::fixtures::checkout("open");
    described.description = Some("Line one\nline \"two\" <b>".into());
    described.title = None;
    for original in [
        session("open", eth_quote(1_800_000_000), "0", "4166666666666667"),
        paid,
        described,
    ] {
        assert_eq!(
            decode::public_session(&fields(&wire_session(&original))),
            Ok(original)
        );
    }
}

#[wasm_bindgen_test]
fn an_error_body_reads_as_its_code_message_and_field_messages() {
    let body = ErrorBody {
        error: ErrorDetail {
            kind: ErrorType::InvalidRequestError,
            code: "amount_below_minimum".into(),
            message: "The minimum is 5.00 USD.".into(),
            param: Some("amount".into()),
            errors: vec![
                FieldError {
                    code: "amount_below_minimum".into(),
                    message: "The minimum is 5.00 USD.".into(),
                    param: "amount".into(),
                },
                FieldError {
                    code: "asset_not_accepted".into(),
                    message: "This link accepts ETH.".into(),
                    param: "asset".into(),
                },
            ],
        },
    };
    let refusal = decode::refusal(&fields(&body)).unwrap();
    assert_eq!(refusal.code, "amount_below_minimum");
    assert_eq!(refusal.message, "The minimum is 5.00 USD.");
    assert_eq!(
        refusal.field_messages,
        ["The minimum is 5.00 USD.", "This link accepts ETH."]
    );
    // serde leaves an empty `errors` out; that reads as no field messages.
    let mut plain = body;
    plain.error.errors.clear();
    assert!(
        decode::refusal(&fields(&plain))
            .unwrap()
            .field_messages
            .is_empty()
    );
}

fn session_text() -> String {
    serde_json::to_string(&wire_session(&session(
        "open",
        eth_quote(1_800_000_000),
        "0",
        "1",
    )))
    .unwrap()
}

#[wasm_bindgen_test]
fn a_missing_or_mistyped_field_is_named() {
    let read = |text: &str| Fields::parse(text).and_then(|f| decode::public_session(&f));
    let missing = session_text().replace("\"amount_remaining\":\"1\",", "");
    assert_eq!(
        read(&missing),
        Err(Unreadable {
            field: "amount_remaining",
            expected: "a string"
        })
    );
    let mistyped = session_text().replace("\"chain_id\":31337", "\"chain_id\":\"31337\"");
    assert_eq!(read(&mistyped).unwrap_err().field, "chain_id");
    let fractional = session_text().replace("\"expires_at\":1800000000", "\"expires_at\":1.5");
    assert_eq!(read(&fractional).unwrap_err().field, "expires_at");
    let negative = session_text().replace(
        "\"confirmations_required\":2",
        "\"confirmations_required\":-2",
    );
    assert_eq!(
        read(&negative).unwrap_err(),
        Unreadable {
            field: "confirmations_required",
            expected: "in range"
        }
    );
    let no_quote = session_text().replace("\"quote\":{", "\"quote\":[],\"old\":{");
    assert_eq!(read(&no_quote).unwrap_err().field, "quote");
    // `null` is a session before its first quote.
    let none = session_text().replace("\"quote\":{", "\"quote\":null,\"old\":{");
    assert_eq!(read(&none).unwrap().quote, None);
}

#[wasm_bindgen_test]
fn only_a_json_object_is_a_body() {
    for text in ["", "not json", "[]", "12", "\"text\"", "null"] {
        assert_eq!(
            Fields::parse(text).unwrap_err(),
            Unreadable {
                field: "the body",
                expected: "an object"
            },
            "{text:?}"
        );
    }
    assert!(Fields::is_null(" null\n"));
    assert!(!Fields::is_null("{}"));
}

#[wasm_bindgen_test]
fn request_bodies_leave_out_what_is_not_given() {
    let none = JsValue::UNDEFINED;
    let both = object_text(&[("asset", Some("ETH")), ("amount", Some("12.50"))], &none);
    assert_eq!(both, r#"{"asset":"ETH","amount":"12.50"}"#);
    let request: shared::api::sessions::CreateSessionRequest = serde_json::from_str(&object_text(
        &[("asset", Some("USDC")), ("amount", None)],
        &none,
    ))
    .unwrap();
    assert_eq!(request.asset.as_deref(), Some("USDC"));
    assert_eq!(request.amount, None);
    // Quotes and backslashes survive, as JSON.stringify escapes them.
    let odd = object_text(&[("asset", Some("a\"b\\c"))], &none);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&odd).unwrap()["asset"],
        "a\"b\\c"
    );
}

#[wasm_bindgen_test]
fn the_payer_fields_are_added_to_the_body_as_their_script_gave_them() {
    let payer =
        js_sys::JSON::parse(r#"{"customer":{"email":"a@b.example"},"quantity":3}"#).unwrap();
    let text = object_text(&[("asset", Some("ETH"))], &payer);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        serde_json::json!({"asset": "ETH", "customer": {"email": "a@b.example"}, "quantity": 3})
    );
    // Anything but an object adds nothing.
    let text = object_text(&[("asset", Some("ETH"))], &JsValue::NULL);
    assert_eq!(text, r#"{"asset":"ETH"}"#);
}
