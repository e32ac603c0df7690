//! Checkout settings: framing origins, payout addresses, xpubs, the default chain and how long payer data is kept.

use super::*;

/// The account xpub m/44'/60'/0' of anvil's default mnemonic (derived in the `hd` tests).
fn account_xpub() -> String {
    "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP".to_owned()
}

fn settings(xpub: Option<String>, lock: u32) -> CheckoutSettings {
    CheckoutSettings {
        deposit_xpub: xpub,
        quote_lock_seconds: lock,
        frame_ancestors: Vec::new(),
        payout_address: None,
        default_chain: None,
        customer_data_retention_days: DEFAULT_RETENTION_DAYS,
    }
}

fn with_chain(name: &str) -> CheckoutSettings {
    CheckoutSettings {
        default_chain: Some(name.to_owned()),
        ..settings(None, 900)
    }
}

#[test]
fn a_default_chain_is_one_of_the_modes_chains() {
    assert_eq!(with_chain("base").validate(true), Ok(()));
    assert_eq!(with_chain("anvil").validate(false), Ok(()));
    assert_eq!(with_chain("base-sepolia").validate(false), Ok(()));
    assert_eq!(settings(None, 900).validate(true), Ok(()), "null resets it");
}

#[test]
fn a_default_chain_of_the_other_mode_or_none_at_all_is_refused_by_its_own_code() {
    let refused = |name: &str, live: bool| {
        let errors = with_chain(name).validate(live).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].param, "checkout.default_chain");
        errors[0].code.clone()
    };
    assert_eq!(refused("anvil", true), "chain_mode_mismatch");
    assert_eq!(refused("base", false), "chain_mode_mismatch");
    assert_eq!(refused("solana", false), "chain_unsupported");
    assert_eq!(refused("Base", true), "chain_unsupported");
    assert_eq!(refused("", true), "chain_unsupported");
}

#[test]
fn test_mode_assumes_the_local_chain_when_served_and_live_mode_assumes_none() {
    assert_eq!(assumed_default_chain(false, true), Some(Chain::Anvil));
    assert_eq!(
        assumed_default_chain(false, false),
        Some(Chain::BaseSepolia)
    );
    assert_eq!(assumed_default_chain(true, true), None);
    assert_eq!(assumed_default_chain(true, false), None);
}

#[test]
fn a_unicode_framing_origin_is_asked_for_in_its_ascii_form() {
    assert_eq!(
        frame_origin("https://xn--bcher-kva.example", true).as_deref(),
        Some("https://xn--bcher-kva.example")
    );
    assert_eq!(frame_origin("https://bücher.example", true), None);
    let mut unicode = settings(None, 900);
    unicode.frame_ancestors = vec!["https://bücher.example".into()];
    let errors = unicode.validate(true).unwrap_err();
    assert_eq!(errors[0].code, "frame_ancestor_invalid");
    assert!(errors[0].message.contains("xn--"), "{}", errors[0].message);
}

#[test]
fn framing_origins_are_bare_https_origins_or_localhost_in_test_mode() {
    let origin = |text: &str, live: bool| frame_origin(text, live);
    assert_eq!(
        origin("https://Shop.Example", true).as_deref(),
        Some("https://shop.example")
    );
    assert_eq!(
        origin("https://shop.example:8443/", true).as_deref(),
        Some("https://shop.example:8443")
    );
    assert_eq!(
        origin("http://localhost:3000", false).as_deref(),
        Some("http://localhost:3000")
    );
    for bad in [
        "http://localhost:3000",
        "http://shop.example",
        "https://shop.example/path",
        "shop.example",
        "https://u:p@shop.example",
    ] {
        assert_eq!(origin(bad, true), None, "{bad}");
    }
    let mut many = settings(None, 900);
    many.frame_ancestors = (0..11).map(|i| format!("https://s{i}.example")).collect();
    assert_eq!(codes(many.validate(true)), ["frame_ancestors_too_many"]);
    let mut one = settings(None, 900);
    one.frame_ancestors = vec!["https://Shop.Example/".into(), "ftp://x".into()];
    assert_eq!(
        codes(one.clone().validate(true)),
        ["frame_ancestor_invalid"]
    );
    one.frame_ancestors.pop();
    assert_eq!(one.validate(true), Ok(()));
    assert_eq!(one.frame_ancestors, ["https://shop.example"]);
}

#[test]
fn the_frame_policy_is_the_list_or_any_https_origin() {
    assert_eq!(
        frame_policy(&["https://a.example".into()], true),
        "frame-ancestors 'self' https://a.example"
    );
    assert_eq!(frame_policy(&[], true), "frame-ancestors 'self' https:");
    assert!(frame_policy(&[], false).contains("http://localhost:*"));
}

fn codes(result: Result<(), Vec<FieldError>>) -> Vec<String> {
    result.unwrap_err().into_iter().map(|e| e.code).collect()
}

#[test]
fn an_account_xpub_and_a_lock_in_range_are_accepted() {
    assert_eq!(settings(Some(account_xpub()), 900).validate(true), Ok(()));
    assert_eq!(settings(None, 60).validate(true), Ok(()));
    assert_eq!(settings(None, 3600).validate(true), Ok(()));
}

#[test]
fn a_lock_out_of_range_is_refused() {
    assert_eq!(
        codes(settings(None, 59).validate(true)),
        ["quote_lock_seconds_invalid"]
    );
    assert_eq!(
        codes(settings(None, 3601).validate(true)),
        ["quote_lock_seconds_invalid"]
    );
}

#[test]
fn garbage_and_keys_not_at_account_depth_are_refused() {
    assert_eq!(
        codes(settings(Some("xpub123".into()), 900).validate(true)),
        ["xpub_bad_length"]
    );
    let child = ExtendedPublicKey::parse(&account_xpub())
        .unwrap()
        .derive_child(0)
        .unwrap()
        .to_string();
    assert_eq!(
        codes(settings(Some(child), 900).validate(true)),
        ["xpub_not_account_level"]
    );
}

#[test]
fn a_payout_address_is_checked_and_stored_in_eip55() {
    let mut lower = settings(None, 900);
    lower.payout_address = Some("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266".into());
    assert_eq!(lower.validate(true), Ok(()));
    assert_eq!(
        lower.payout_address.as_deref(),
        Some("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    );
    let with = |text: &str| {
        let mut s = settings(None, 900);
        s.payout_address = Some(text.into());
        codes(s.validate(true))
    };
    assert_eq!(
        with("0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        ["payout_address_bad_checksum"]
    );
    assert_eq!(
        with("0x0000000000000000000000000000000000000000"),
        ["payout_address_zero"]
    );
    assert_eq!(with("0xf39fd6"), ["payout_address_invalid"]);
    assert_eq!(
        with("f39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
        ["payout_address_invalid"]
    );
}

#[test]
fn an_xpub_and_a_payout_address_are_never_both_set() {
    let mut both = settings(Some(account_xpub()), 900);
    both.payout_address = Some("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266".into());
    assert_eq!(codes(both.validate(true)), ["deposit_mode_conflict"]);
}

#[test]
fn payer_data_is_kept_0_to_3650_days_and_90_unless_said() {
    let mut kept = settings(None, 900);
    kept.customer_data_retention_days = 0;
    assert_eq!(kept.validate(true), Ok(()));
    kept.customer_data_retention_days = 3650;
    assert_eq!(kept.validate(true), Ok(()));
    kept.customer_data_retention_days = 3651;
    assert_eq!(
        codes(kept.validate(true)),
        ["customer_data_retention_days_invalid"]
    );
    let read: CheckoutSettings =
        serde_json::from_str(r#"{"deposit_xpub":null,"quote_lock_seconds":900}"#).unwrap();
    assert_eq!(read.customer_data_retention_days, 90);
}

#[test]
fn unknown_fields_are_refused() {
    let parsed = serde_json::from_str::<UpdateAccountRequest>(
        r#"{"checkout":{"deposit_xpub":null,"quote_lock_seconds":900,"xprv":"x"}}"#,
    );
    assert!(parsed.is_err());
}
