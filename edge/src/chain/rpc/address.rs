//! Addresses as plain lower-case strings (`0x` + 40 hex digits), and their 32-byte topic form.
//!
//! Lower case because JSON-RPC answers are lower case, so addresses compare as strings. The
//! EIP-55 checksum of mixed-case input is not checked here: that needs keccak, and belongs to
//! the address type of `shared`.

use super::error::{RpcError, snippet};
use super::quantity::WORD_DIGITS;

/// Hex digits of a 20-byte address.
const ADDRESS_DIGITS: usize = 40;

/// `text` in lower case if it is `0x` followed by exactly 40 hex digits (either case).
pub fn normalize_address(text: &str) -> Result<String, RpcError> {
    let valid = text.strip_prefix("0x").is_some_and(|digits| {
        digits.len() == ADDRESS_DIGITS && digits.bytes().all(|b| b.is_ascii_hexdigit())
    });
    if valid {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(RpcError::InvalidAddress(snippet(text)))
    }
}

/// The 32-byte word of a normalized address, left-padded with zeros: how indexed `address`
/// event parameters appear in topics, and how ABI calls take an address argument.
pub(super) fn address_word(normalized: &str) -> String {
    let digits = normalized.strip_prefix("0x").unwrap_or(normalized);
    format!("{digits:0>WORD_DIGITS$}")
}

/// The address in an indexed topic. Refuses a topic whose upper 12 bytes are not zero: that is
/// not an address, and reading its last 20 bytes would credit a payment to the wrong one.
pub(super) fn topic_address(topic: &str) -> Result<String, RpcError> {
    let refused = || RpcError::Decode(format!("topic is not an address: {}", snippet(topic)));
    let digits = topic.strip_prefix("0x").ok_or_else(refused)?;
    if digits.len() != WORD_DIGITS || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(refused());
    }
    let (padding, address) = digits.split_at(WORD_DIGITS - ADDRESS_DIGITS);
    if padding.bytes().any(|b| b != b'0') {
        return Err(refused());
    }
    Ok(format!("0x{}", address.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEV: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    #[test]
    fn an_address_is_kept_in_lower_case() {
        assert_eq!(
            normalize_address(DEV).as_deref(),
            Ok("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")
        );
    }

    #[test]
    fn anything_but_0x_and_40_hex_digits_is_refused() {
        let cases = [
            "",
            "0x",
            "f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0Xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226",
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb922660",
            "0xg39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            " 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
        ];
        for text in cases {
            assert!(
                matches!(normalize_address(text), Err(RpcError::InvalidAddress(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_address_word_is_left_padded_to_32_bytes() {
        assert_eq!(
            address_word("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
            "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266"
        );
    }

    #[test]
    fn a_topic_gives_back_its_address() {
        let topic = "0x000000000000000000000000F39FD6E51AAD88F6F4CE6AB8827279CFFFB92266";
        assert_eq!(
            topic_address(topic).as_deref(),
            Ok("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")
        );
    }

    #[test]
    fn a_topic_with_high_bytes_set_or_the_wrong_length_is_not_an_address() {
        let cases = [
            "0x100000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb9226z",
        ];
        for topic in cases {
            assert!(
                matches!(topic_address(topic), Err(RpcError::Decode(_))),
                "{topic}"
            );
        }
    }
}
