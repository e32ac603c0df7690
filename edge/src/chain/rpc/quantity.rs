//! JSON-RPC hex quantities ("0x0", "0x1bc16d674ec80000") and 32-byte ABI words, read into
//! exact integers: a value too wide is an error, never truncated.

use super::error::{RpcError, snippet};

/// Hex digits of one 32-byte ABI word.
pub(super) const WORD_DIGITS: usize = 64;

/// Reads a quantity into a `u128` (balances in wei or token base units).
///
/// Accepts `0x` and at least one hex digit, either case. Leading zeros are tolerated although
/// the spec forbids them on output: some nodes send them, and they change no value. Refuses a
/// missing prefix, `0x` alone, signs, spaces and anything above `u128::MAX`.
pub fn parse_u128(text: &str) -> Result<u128, RpcError> {
    let digits = significant_digits(text, 128)?;
    u128::from_str_radix(digits, 16)
        .map_err(|e| RpcError::Decode(format!("{}: {e}", snippet(text))))
}

/// Reads a quantity into a `u64` (block numbers, log indexes); the rules of [`parse_u128`].
pub fn parse_u64(text: &str) -> Result<u64, RpcError> {
    let digits = significant_digits(text, 64)?;
    u64::from_str_radix(digits, 16).map_err(|e| RpcError::Decode(format!("{}: {e}", snippet(text))))
}

/// A block number as the spec wants it: `0x`, lower-case, no leading zeros ("0x10", "0x0").
pub fn format_u64(n: u64) -> String {
    format!("{n:#x}")
}

/// Reads one ABI `uint256` word ("0x" + exactly 64 hex digits) into a `u128`.
pub(super) fn parse_word_u128(text: &str) -> Result<u128, RpcError> {
    let digits = text.strip_prefix("0x").unwrap_or(text);
    if digits.len() != WORD_DIGITS {
        return Err(RpcError::Decode(format!(
            "expected one 32-byte word, got {}",
            snippet(text)
        )));
    }
    parse_u128(text)
}

/// The digits of `text` without the prefix and leading zeros ("0" for zero), checked to fit
/// in `bits`. Checking the width first is what lets the radix parse never overflow.
fn significant_digits(text: &str, bits: u32) -> Result<&str, RpcError> {
    let digits = text.strip_prefix("0x").ok_or_else(|| {
        RpcError::Decode(format!("quantity without the 0x prefix: {}", snippet(text)))
    })?;
    if digits.is_empty() {
        return Err(RpcError::Decode("quantity \"0x\" has no digits".into()));
    }
    // `from_str_radix` would accept a leading '+': only hex digits may pass.
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(RpcError::Decode(format!(
            "not a hex quantity: {}",
            snippet(text)
        )));
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > (bits / 4) as usize {
        return Err(RpcError::TooLarge {
            text: snippet(text),
            bits,
        });
    }
    Ok(if significant.is_empty() {
        "0"
    } else {
        significant
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_as_exact_integers() {
        assert_eq!(parse_u128("0x0"), Ok(0));
        assert_eq!(
            parse_u128("0x1bc16d674ec80000"),
            Ok(2_000_000_000_000_000_000)
        );
        assert_eq!(
            parse_u128("0x21e19dbe7710eceddca"),
            Ok(9_999_998_625_294_190_566_858)
        );
        assert_eq!(parse_u64("0x10"), Ok(16));
    }

    #[test]
    fn upper_case_digits_and_leading_zeros_are_tolerated() {
        assert_eq!(parse_u128("0xBC614E"), Ok(12_345_678));
        assert_eq!(parse_u64("0x0010"), Ok(16));
        assert_eq!(parse_u64("0x000"), Ok(0));
    }

    #[test]
    fn malformed_quantities_are_refused() {
        for text in [
            "0x", "1a", "", "0X1a", "0x1g", "0x+1", "0x-1", " 0x1", "0x1 ", "0x1_0",
        ] {
            assert!(
                matches!(parse_u128(text), Err(RpcError::Decode(_))),
                "{text:?}"
            );
            assert!(
                matches!(parse_u64(text), Err(RpcError::Decode(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_largest_values_fit_and_one_more_digit_does_not() {
        assert_eq!(parse_u128(&format!("0x{}", "f".repeat(32))), Ok(u128::MAX));
        assert_eq!(parse_u64("0xffffffffffffffff"), Ok(u64::MAX));
        assert_eq!(
            parse_u128(&format!("0x1{}", "0".repeat(32))),
            Err(RpcError::TooLarge {
                text: format!("0x1{}", "0".repeat(32)),
                bits: 128
            })
        );
        assert!(matches!(
            parse_u64("0x10000000000000000"),
            Err(RpcError::TooLarge { bits: 64, .. })
        ));
    }

    #[test]
    fn leading_zeros_do_not_count_towards_the_width() {
        let padded = format!("0x{}{}", "0".repeat(40), "f".repeat(32));
        assert_eq!(parse_u128(&padded), Ok(u128::MAX));
    }

    #[test]
    fn block_numbers_format_as_compact_hex() {
        assert_eq!(format_u64(0), "0x0");
        assert_eq!(format_u64(16), "0x10");
        assert_eq!(format_u64(u64::MAX), "0xffffffffffffffff");
        assert_eq!(parse_u64(&format_u64(21_000_000)), Ok(21_000_000));
    }

    #[test]
    fn a_word_is_exactly_32_bytes() {
        let word = "0x0000000000000000000000000000000000000000000000000000000000bc614e";
        assert_eq!(parse_word_u128(word), Ok(12_345_678));
        assert!(matches!(
            parse_word_u128("0xbc614e"),
            Err(RpcError::Decode(_))
        ));
        assert!(matches!(
            parse_word_u128(&format!("{word}00")),
            Err(RpcError::Decode(_))
        ));
    }

    #[test]
    fn a_word_above_u128_is_too_large() {
        let word = format!("0x{}{}", "0".repeat(31), "1".repeat(33));
        assert!(matches!(
            parse_word_u128(&word),
            Err(RpcError::TooLarge { bits: 128, .. })
        ));
    }
}
