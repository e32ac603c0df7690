//! API keys: `sk_test_…`, `sk_live_…` (secret) and `rk_test_…`, `rk_live_…` (restricted).
//!
//! A key is 24 random bytes in hex behind its prefix. Only its SHA-256 is stored: with 192
//! bits of entropy a fast hash is enough (no dictionary to attack), and lookups stay one
//! indexed read. The full key is shown once, at creation.

use core::fmt;
use sha2::{Digest, Sha256};

/// Test keys see only test objects and live keys only live ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Test,
    Live,
}

impl Mode {
    pub fn is_live(self) -> bool {
        self == Mode::Live
    }

    fn as_str(self) -> &'static str {
        match self {
            Mode::Test => "test",
            Mode::Live => "live",
        }
    }
}

/// Secret keys hold every scope; restricted keys hold the scopes they were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Secret,
    Restricted,
}

impl KeyKind {
    pub const ALL: [KeyKind; 2] = [KeyKind::Secret, KeyKind::Restricted];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Secret => "secret",
            KeyKind::Restricted => "restricted",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "secret" => Some(KeyKind::Secret),
            "restricted" => Some(KeyKind::Restricted),
            _ => None,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            KeyKind::Secret => "sk",
            KeyKind::Restricted => "rk",
        }
    }
}

/// Why a bearer token is not an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// Not `sk_`/`rk_` + `test_`/`live_`.
    Prefix,
    /// The random part is not 48 lower-case hex digits.
    Body,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyError::Prefix => "an API key starts with sk_test_, sk_live_, rk_test_ or rk_live_",
            KeyError::Body => "an API key has 48 hexadecimal digits after its prefix",
        })
    }
}

impl std::error::Error for KeyError {}

const RANDOM_BYTES: usize = 24;

/// A full API key. It never prints: `Debug` shows only the prefix and last four characters.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    text: String,
    kind: KeyKind,
    mode: Mode,
}

impl ApiKey {
    /// A new key from caller-supplied randomness (the worker passes `crypto.getRandomValues`),
    /// which keeps this crate free of I/O and tests deterministic.
    pub fn generate(kind: KeyKind, mode: Mode, random: [u8; RANDOM_BYTES]) -> Self {
        let mut text = format!("{}_{}_", kind.prefix(), mode.as_str());
        for byte in random {
            text.push_str(&format!("{byte:02x}"));
        }
        Self { text, kind, mode }
    }

    pub fn parse(input: &str) -> Result<Self, KeyError> {
        let (kind, rest) = if let Some(rest) = input.strip_prefix("sk_") {
            (KeyKind::Secret, rest)
        } else if let Some(rest) = input.strip_prefix("rk_") {
            (KeyKind::Restricted, rest)
        } else {
            return Err(KeyError::Prefix);
        };
        let (mode, body) = if let Some(body) = rest.strip_prefix("test_") {
            (Mode::Test, body)
        } else if let Some(body) = rest.strip_prefix("live_") {
            (Mode::Live, body)
        } else {
            return Err(KeyError::Prefix);
        };
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if body.len() != RANDOM_BYTES * 2 || !body.bytes().all(hex) {
            return Err(KeyError::Body);
        }
        Ok(Self {
            text: input.to_owned(),
            kind,
            mode,
        })
    }

    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The whole key, for the one response that shows it.
    pub fn reveal(&self) -> &str {
        &self.text
    }

    /// What is stored and looked up instead of the key.
    pub fn hash(&self) -> KeyHash {
        let digest = Sha256::digest(self.text.as_bytes());
        KeyHash(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The last four characters, so a merchant can tell keys apart in a list.
    pub fn last4(&self) -> &str {
        &self.text[self.text.len() - 4..]
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ApiKey({}_{}_…{})",
            self.kind.prefix(),
            self.mode.as_str(),
            self.last4()
        )
    }
}

/// Lower-case hex SHA-256 of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHash(String);

impl KeyHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANDOM: [u8; 24] = [0xab; 24];

    #[test]
    fn generated_keys_carry_their_kind_and_mode_in_the_prefix() {
        let key = ApiKey::generate(KeyKind::Secret, Mode::Test, RANDOM);
        assert!(key.reveal().starts_with("sk_test_"));
        assert_eq!(key.reveal().len(), "sk_test_".len() + 48);
        let restricted = ApiKey::generate(KeyKind::Restricted, Mode::Live, [0; 24]);
        assert_eq!(restricted.reveal(), format!("rk_live_{}", "0".repeat(48)));
    }

    #[test]
    fn generated_keys_parse_back_to_the_same_key() {
        for (kind, mode) in [
            (KeyKind::Secret, Mode::Test),
            (KeyKind::Secret, Mode::Live),
            (KeyKind::Restricted, Mode::Test),
            (KeyKind::Restricted, Mode::Live),
        ] {
            let key = ApiKey::generate(kind, mode, RANDOM);
            let parsed = ApiKey::parse(key.reveal()).unwrap();
            assert_eq!((parsed.kind(), parsed.mode()), (kind, mode));
            assert_eq!(parsed, key);
        }
    }

    #[test]
    fn keys_with_a_wrong_prefix_are_refused() {
        let body = "ab".repeat(24);
        for bad in [
            format!("pk_test_{body}"),
            format!("sk_prod_{body}"),
            body.clone(),
            String::new(),
        ] {
            assert_eq!(ApiKey::parse(&bad), Err(KeyError::Prefix), "{bad}");
        }
    }

    #[test]
    fn keys_with_a_wrong_body_are_refused() {
        for bad in [
            format!("sk_test_{}", "ab".repeat(23)),
            format!("sk_test_{}", "ab".repeat(25)),
            format!("sk_test_{}", "AB".repeat(24)),
            format!("sk_test_{}zz", "ab".repeat(23)),
        ] {
            assert_eq!(ApiKey::parse(&bad), Err(KeyError::Body), "{bad}");
        }
    }

    #[test]
    fn the_hash_is_the_sha256_of_the_whole_key() {
        let key = ApiKey::generate(KeyKind::Secret, Mode::Test, [0; 24]);
        let other = ApiKey::generate(KeyKind::Secret, Mode::Live, [0; 24]);
        assert_eq!(key.hash().as_str().len(), 64);
        assert_ne!(
            key.hash(),
            other.hash(),
            "the mode is part of what is hashed"
        );
        // Known answer: SHA-256("abc") from FIPS 180-2, through the same hex encoding.
        let abc = KeyHash(
            Sha256::digest(b"abc")
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        );
        assert_eq!(
            abc.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn debug_output_never_contains_the_secret_part() {
        let key = ApiKey::generate(KeyKind::Secret, Mode::Live, RANDOM);
        let shown = format!("{key:?}");
        assert_eq!(shown, "ApiKey(sk_live_…abab)");
        assert!(!shown.contains(&"ab".repeat(6)));
    }
}
