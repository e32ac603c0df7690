//! Tests of `ExtendedPublicKey::parse` and its printing: one rule each, with the error it answers.

use super::*;
use crate::hd::vectors::{V1_M_0H_1_2H, V1_M_XPRV, V2_M, V5_BAD_CHECKSUM, V5_REFUSED};

/// Base58Check of any payload, to build serializations the parser must judge.
fn reencode(payload: &[u8]) -> String {
    let mut bytes = payload.to_vec();
    bytes.extend_from_slice(&checksum(payload));
    bs58::encode(bytes).into_string()
}

fn raw(text: &str) -> Vec<u8> {
    let mut bytes = bs58::decode(text).into_vec().unwrap();
    bytes.truncate(bytes.len() - 4);
    bytes
}

#[test]
fn a_published_xpub_parses_with_its_header_fields_and_prints_back_unchanged() {
    let key = ExtendedPublicKey::parse(V1_M_0H_1_2H).unwrap();
    assert_eq!(key.depth(), 3);
    assert_eq!(key.network(), Network::Mainnet);
    assert_eq!(key.child_number(), 0x8000_0002);
    assert_eq!(key.to_string(), V1_M_0H_1_2H);
    let master = ExtendedPublicKey::parse(V2_M).unwrap();
    assert_eq!((master.depth(), master.child_number()), (0, 0));
    assert_eq!(master.parent_fingerprint(), [0; 4]);
    assert_eq!(master.to_string(), V2_M);
}

#[test]
fn a_tpub_parses_and_prints_back_as_a_tpub() {
    let mut bytes = raw(V2_M);
    bytes[..4].copy_from_slice(&TPUB);
    let text = reencode(&bytes);
    assert!(text.starts_with("tpub"));
    let key = ExtendedPublicKey::parse(&text).unwrap();
    assert_eq!(key.network(), Network::Testnet);
    assert_eq!(key.to_string(), text);
    assert_eq!(text.parse::<ExtendedPublicKey>(), Ok(key));
}

#[test]
fn debug_shows_only_a_short_prefix() {
    let key = ExtendedPublicKey::parse(V1_M_0H_1_2H).unwrap();
    assert_eq!(format!("{key:?}"), "ExtendedPublicKey(xpub6D4B…)");
}

#[test]
fn an_xprv_is_refused_as_a_private_key() {
    assert_eq!(
        ExtendedPublicKey::parse(V1_M_XPRV),
        Err(HdError::PrivateKeyGiven)
    );
}

#[test]
fn a_tprv_or_private_key_data_under_an_unlisted_version_is_refused_as_a_private_key() {
    let mut bytes = raw(V1_M_XPRV);
    bytes[..4].copy_from_slice(&TPRV);
    assert_eq!(
        ExtendedPublicKey::parse(&reencode(&bytes)),
        Err(HdError::PrivateKeyGiven)
    );
    // SLIP-132's zprv version; the `0x00 || k` key data gives it away.
    bytes[..4].copy_from_slice(&[0x04, 0xB2, 0x43, 0x0C]);
    assert_eq!(
        ExtendedPublicKey::parse(&reencode(&bytes)),
        Err(HdError::PrivateKeyGiven)
    );
}

#[test]
fn a_changed_last_character_fails_the_checksum() {
    assert_eq!(
        ExtendedPublicKey::parse(V5_BAD_CHECKSUM),
        Err(HdError::BadChecksum)
    );
    let mut typo = V2_M.to_owned();
    typo.replace_range(20..21, "z");
    assert_eq!(ExtendedPublicKey::parse(&typo), Err(HdError::BadChecksum));
}

#[test]
fn a_cut_off_or_overlong_key_has_a_bad_length() {
    for cut in [0, 2, 7, 60, V2_M.len() - 1] {
        assert_eq!(
            ExtendedPublicKey::parse(&V2_M[..cut]),
            Err(HdError::BadLength),
            "cut at {cut}"
        );
    }
    // A well-formed Base58Check payload of the wrong length.
    let bytes = raw(V2_M);
    for len in [77, 79] {
        let mut wrong = bytes.clone();
        wrong.resize(len, 0);
        assert_eq!(
            ExtendedPublicKey::parse(&reencode(&wrong)),
            Err(HdError::BadLength)
        );
    }
    let long = "1".repeat(MAX_TEXT_LEN + 1);
    assert_eq!(ExtendedPublicKey::parse(&long), Err(HdError::BadLength));
}

#[test]
fn characters_outside_base58_are_refused() {
    for garbage in [
        "0xdeadbeef",
        "xpub 661",
        "xpubOIl",
        "é",
        "xpub661MyMwAqRbc!",
    ] {
        assert_eq!(
            ExtendedPublicKey::parse(garbage),
            Err(HdError::NotBase58),
            "{garbage}"
        );
    }
    let mut padded = V2_M.to_owned();
    padded.push('\n');
    assert_eq!(ExtendedPublicKey::parse(&padded), Err(HdError::NotBase58));
}

#[test]
fn bip32_test_vector_5_extended_public_keys_are_refused() {
    for (reason, text, expected) in V5_REFUSED {
        assert_eq!(ExtendedPublicKey::parse(text), Err(expected), "{reason}");
    }
}

#[test]
fn one_key_under_another_version_or_header_is_the_same_wallet() {
    let key = ExtendedPublicKey::parse(V1_M_0H_1_2H).unwrap();
    let mut bytes = raw(V1_M_0H_1_2H);
    bytes[..4].copy_from_slice(&TPUB);
    bytes[9..13].copy_from_slice(&7u32.to_be_bytes());
    let other_header = ExtendedPublicKey::parse(&reencode(&bytes)).unwrap();
    assert_ne!(other_header.to_string(), key.to_string());
    assert_eq!(other_header.wallet_id(), key.wallet_id());
    assert_eq!(key.wallet_id().len(), 64);
    let different = ExtendedPublicKey::parse(V2_M).unwrap();
    assert_ne!(different.wallet_id(), key.wallet_id());
}
