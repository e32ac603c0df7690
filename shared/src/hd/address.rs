//! `EvmAddress`: 20 bytes, shown and parsed with the EIP-55 mixed-case checksum.

use core::fmt;
use core::str::FromStr;

use k256::PublicKey;
use k256::elliptic_curve::sec1::ToEncodedPoint;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha3::{Digest, Keccak256};

use super::HdError;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// An EVM account address. Any 20 bytes are one, so the only invariant is the length; the
/// checksum lives in the text form: [`Display`](fmt::Display) and `Serialize` always write
/// EIP-55 (`0x5aAeb605…`), and [`EvmAddress::parse`] checks it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EvmAddress([u8; 20]);

impl EvmAddress {
    pub const fn from_bytes(bytes: [u8; 20]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// The last 20 bytes of Keccak-256 of the uncompressed point without its `0x04` prefix.
    pub(super) fn from_public_key(key: &PublicKey) -> Self {
        let point = key.to_encoded_point(false);
        let hash = Keccak256::digest(&point.as_bytes()[1..]);
        Self(core::array::from_fn(|i| hash[12 + i]))
    }

    /// Parses `0x` and 40 hex digits. All-lower-case and all-upper-case digits carry no
    /// checksum and are taken as they are; mixed case must be exactly the EIP-55 form, since a
    /// wrong capital is how a mistyped address shows itself.
    pub fn parse(text: &str) -> Result<Self, HdError> {
        let digits = text
            .strip_prefix("0x")
            .map(str::as_bytes)
            .filter(|d| d.len() == 40 && d.iter().all(u8::is_ascii_hexdigit))
            .ok_or(HdError::AddressInvalid)?;
        let address = Self(core::array::from_fn(|i| {
            nibble(digits[2 * i]) << 4 | nibble(digits[2 * i + 1])
        }));
        let has_lower = digits.iter().any(u8::is_ascii_lowercase);
        let has_upper = digits.iter().any(u8::is_ascii_uppercase);
        if has_lower && has_upper && address.checksummed()[2..] != *digits {
            return Err(HdError::AddressBadChecksum);
        }
        Ok(address)
    }

    /// `0x` and 40 lower-case hex digits: the form to store and compare by.
    pub fn to_lowercase_hex(&self) -> String {
        let text = self.lowercase();
        String::from_utf8_lossy(&text).into_owned()
    }

    fn lowercase(&self) -> [u8; 42] {
        let mut text = [b'0'; 42];
        text[1] = b'x';
        for (i, byte) in self.0.iter().enumerate() {
            text[2 + 2 * i] = HEX[usize::from(byte >> 4)];
            text[3 + 2 * i] = HEX[usize::from(byte & 0x0f)];
        }
        text
    }

    /// EIP-55: a letter is upper-case where the matching nibble of Keccak-256 of the
    /// lower-case hex digits is 8 or more.
    fn checksummed(&self) -> [u8; 42] {
        let mut text = self.lowercase();
        let hash = Keccak256::digest(&text[2..]);
        for (i, digit) in text[2..].iter_mut().enumerate() {
            let nibble = if i % 2 == 0 {
                hash[i / 2] >> 4
            } else {
                hash[i / 2] & 0x0f
            };
            if nibble >= 8 {
                digit.make_ascii_uppercase();
            }
        }
        text
    }
}

fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

impl fmt::Display for EvmAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.checksummed();
        f.write_str(&String::from_utf8_lossy(&text))
    }
}

/// The same as `Display`: an address is public.
impl fmt::Debug for EvmAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EvmAddress({self})")
    }
}

impl FromStr for EvmAddress {
    type Err = HdError;

    fn from_str(text: &str) -> Result<Self, HdError> {
        Self::parse(text)
    }
}

impl Serialize for EvmAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EvmAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        EvmAddress::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples in EIP-55's "Test Cases".
    const EIP55: [&str; 4] = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    /// Swaps the case of the first letter, which breaks any correct checksum.
    fn flip_first_letter(text: &str) -> String {
        let at = text[2..].find(|c: char| c.is_ascii_alphabetic()).unwrap() + 2;
        let mut out = text.to_owned();
        let c = out.as_bytes()[at] as char;
        let flipped = if c.is_ascii_lowercase() {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        };
        out.replace_range(at..=at, &flipped.to_string());
        out
    }

    #[test]
    fn eip55_examples_round_trip_through_parse_and_display() {
        for text in EIP55 {
            let address = EvmAddress::parse(text).unwrap();
            assert_eq!(address.to_string(), text);
            assert_eq!(address.to_lowercase_hex(), text.to_ascii_lowercase());
        }
    }

    #[test]
    fn all_lower_or_all_upper_case_digits_are_taken_without_a_checksum() {
        for text in EIP55 {
            let expected = EvmAddress::parse(text).unwrap();
            let lower = text.to_ascii_lowercase();
            let upper = format!("0x{}", text[2..].to_ascii_uppercase());
            assert_eq!(EvmAddress::parse(&lower), Ok(expected));
            assert_eq!(EvmAddress::parse(&upper), Ok(expected));
        }
    }

    #[test]
    fn a_wrong_capital_fails_the_checksum() {
        for text in EIP55 {
            let wrong = flip_first_letter(text);
            assert_eq!(
                EvmAddress::parse(&wrong),
                Err(HdError::AddressBadChecksum),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_mistyped_digit_in_a_checksummed_address_is_caught_by_its_capitals() {
        // anvil's account 1 is 0x…0e0d17dc79C8; "17" mistyped as "73" no longer fits.
        let typo = "0x70997970C51812dc3A010C7d01b50e0d73dc79C8";
        assert_eq!(EvmAddress::parse(typo), Err(HdError::AddressBadChecksum));
        assert!(EvmAddress::parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").is_ok());
    }

    #[test]
    fn anything_but_0x_and_40_hex_digits_is_invalid() {
        let good = &EIP55[0][2..];
        for bad in [
            String::new(),
            good.to_owned(),
            format!("0X{good}"),
            format!("0x{}", &good[1..]),
            format!("0x{good}0"),
            format!("0x{}g", &good[1..]),
            format!(" 0x{good}"),
            format!("0x{}é", &good[2..]),
        ] {
            assert_eq!(
                EvmAddress::parse(&bad),
                Err(HdError::AddressInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn serde_writes_the_checksummed_form_and_checks_it_when_reading() {
        let address = EvmAddress::parse(EIP55[1]).unwrap();
        let json = serde_json::to_string(&address).unwrap();
        assert_eq!(json, format!("\"{}\"", EIP55[1]));
        assert_eq!(serde_json::from_str::<EvmAddress>(&json).unwrap(), address);
        let lower = format!("\"{}\"", EIP55[1].to_ascii_lowercase());
        assert_eq!(serde_json::from_str::<EvmAddress>(&lower).unwrap(), address);
        let wrong = format!("\"{}\"", flip_first_letter(EIP55[1]));
        assert!(serde_json::from_str::<EvmAddress>(&wrong).is_err());
    }

    #[test]
    fn bytes_round_trip_and_debug_shows_the_checksummed_form() {
        let address = EvmAddress::parse(EIP55[2]).unwrap();
        assert_eq!(EvmAddress::from_bytes(*address.as_bytes()), address);
        assert_eq!(format!("{address:?}"), format!("EvmAddress({})", EIP55[2]));
        assert_eq!(EIP55[2].parse::<EvmAddress>(), Ok(address));
    }
}
