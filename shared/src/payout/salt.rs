//! `Salt`: the CREATE2 salt that picks one deposit address among a payout's many.

use core::fmt;

use sha3::{Digest, Keccak256};

/// 32 bytes. Any value is a salt; what matters is that each quote gets its own, so each quote
/// gets its own deposit address for the same payout.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Salt([u8; 32]);

impl Salt {
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The salt of a quote: keccak256 of its id's UTF-8 bytes, nothing else (the quote ids
    /// look like `qt_` and 24 hex digits). Unique quote ids give distinct salts; the chain and
    /// the payout need not be mixed in, since the payout is in the init code and a quote
    /// belongs to one chain. Anyone holding the quote id can compute the address: that only
    /// lets them pay it or pay for its sweep. The same as `cast keccak <quote id>`.
    pub fn for_quote(quote_id: &str) -> Self {
        Self(Keccak256::digest(quote_id.as_bytes()).into())
    }
}

/// `0x` and 64 lower-case hex digits, the form `cast` and the contracts' ABI take.
impl fmt::Display for Salt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0x")?;
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for Salt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Salt({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_salt_is_the_keccak_of_the_quote_id() {
        // `cast keccak qt_0123456789abcdef01234567` (cast 1.7.1).
        assert_eq!(
            Salt::for_quote("qt_0123456789abcdef01234567").to_string(),
            "0x69d2e314b4fa9e188c8207f69f19700c46d154f88ac482a41352a589c04a3f7e"
        );
    }

    #[test]
    fn distinct_quote_ids_give_distinct_salts() {
        let a = Salt::for_quote("qt_0123456789abcdef01234567");
        let b = Salt::for_quote("qt_0123456789abcdef01234568");
        assert_ne!(a, b);
        assert_ne!(Salt::for_quote(""), a);
    }

    #[test]
    fn display_is_0x_and_64_lower_case_digits() {
        let mut bytes = [0u8; 32];
        bytes[0] = 0xab;
        bytes[31] = 0x0f;
        let text = Salt::from_bytes(bytes).to_string();
        assert_eq!(text.len(), 66);
        assert!(text.starts_with("0xab00"));
        assert!(text.ends_with("0f"));
        assert_eq!(
            format!("{:?}", Salt::from_bytes(bytes)),
            format!("Salt({text})")
        );
    }
}
