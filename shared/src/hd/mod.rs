//! Deposit addresses derived from a merchant's account-level extended public key (BIP32).
//!
//! Paylink is non-custodial: the merchant gives us the xpub of one account of their wallet
//! (`m/44'/60'/account'`), and each payment session gets its own address `…/0/index` on the
//! external chain. Only public derivation (CKDpub) exists here; private keys are refused at
//! parse time and no private-key code is compiled into the library.
//!
//! - `xpub`: Base58Check serialization of extended public keys.
//! - `derive`: CKDpub and the account → deposit address path.
//! - `address`: EVM addresses and their EIP-55 checksum.

use core::fmt;

mod address;
mod derive;
mod xpub;

#[cfg(test)]
mod private;
#[cfg(test)]
mod vectors;

pub use address::EvmAddress;
pub use derive::{ACCOUNT_DEPTH, HARDENED};
pub use xpub::{ExtendedPublicKey, Network};

/// Every way an extended key, a derivation or an address can be refused. Each variant has a
/// stable snake_case [`code`] that clients match on, so codes are never renamed. No variant
/// carries the input: an xpub is privacy-sensitive and a pasted xprv is a secret.
///
/// [`code`]: HdError::code
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HdError {
    /// A character outside the Base58 alphabet (which has no `0`, `O`, `I`, `l` or spaces).
    NotBase58,
    /// Not the 78 bytes (plus 4 checksum bytes) of a serialized extended key.
    BadLength,
    /// The right length, but the Base58Check checksum does not match: a typo.
    BadChecksum,
    /// An extended *private* key (xprv, tprv, or any version carrying `0x00 || k`).
    PrivateKeyGiven,
    /// Version bytes other than xpub (`0x0488B21E`) or tpub (`0x043587CF`).
    UnknownVersion,
    /// The key data is not a compressed secp256k1 point (bad prefix or not on the curve).
    InvalidPublicKey,
    /// Depth 0 (a master key) with a non-zero parent fingerprint or child number.
    InvalidRoot,
    /// A deposit address was asked of a key that is not at account depth (3).
    NotAccountLevel,
    /// An index of 2^31 or more: hardened children need the private key.
    HardenedIndex,
    /// This index gives no valid child (probability below 2^-127); use the next index.
    InvalidChild,
    /// The child would be deeper than 255, which the serialization cannot express.
    TooDeep,
    /// Not `0x` followed by 40 hexadecimal digits.
    AddressInvalid,
    /// Mixed-case hex whose capitals do not match the EIP-55 checksum.
    AddressBadChecksum,
}

impl HdError {
    /// The stable machine-readable code, e.g. `xpub_private_key_given`.
    pub fn code(self) -> &'static str {
        match self {
            HdError::NotBase58 => "xpub_not_base58",
            HdError::BadLength => "xpub_bad_length",
            HdError::BadChecksum => "xpub_bad_checksum",
            HdError::PrivateKeyGiven => "xpub_private_key_given",
            HdError::UnknownVersion => "xpub_unknown_version",
            HdError::InvalidPublicKey => "xpub_invalid_public_key",
            HdError::InvalidRoot => "xpub_invalid_root",
            HdError::NotAccountLevel => "xpub_not_account_level",
            HdError::HardenedIndex => "hd_hardened_index",
            HdError::InvalidChild => "hd_invalid_child",
            HdError::TooDeep => "hd_too_deep",
            HdError::AddressInvalid => "evm_address_invalid",
            HdError::AddressBadChecksum => "evm_address_bad_checksum",
        }
    }
}

impl fmt::Display for HdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HdError::NotBase58 => "an extended public key uses only Base58 characters",
            HdError::BadLength => {
                "this is not the length of an extended public key: check that all of it was copied"
            }
            HdError::BadChecksum => {
                "the extended public key's checksum does not match: check it for a typo"
            }
            HdError::PrivateKeyGiven => {
                "this is a private key: never share it; give the extended public key (xpub) instead"
            }
            HdError::UnknownVersion => "only xpub and tpub extended public keys are accepted",
            HdError::InvalidPublicKey => "the extended public key does not hold a valid public key",
            HdError::InvalidRoot => {
                "a master extended key cannot have a parent fingerprint or child number"
            }
            HdError::NotAccountLevel => {
                "give the account-level extended public key, at path m/44'/60'/account'"
            }
            HdError::HardenedIndex => "hardened children cannot be derived from a public key",
            HdError::InvalidChild => "this index gives no valid key; use the next index",
            HdError::TooDeep => "an extended key cannot be more than 255 levels deep",
            HdError::AddressInvalid => "an address is 0x followed by 40 hexadecimal digits",
            HdError::AddressBadChecksum => {
                "the address's upper- and lower-case letters do not match its checksum"
            }
        })
    }
}

impl std::error::Error for HdError {}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [HdError; 13] = [
        HdError::NotBase58,
        HdError::BadLength,
        HdError::BadChecksum,
        HdError::PrivateKeyGiven,
        HdError::UnknownVersion,
        HdError::InvalidPublicKey,
        HdError::InvalidRoot,
        HdError::NotAccountLevel,
        HdError::HardenedIndex,
        HdError::InvalidChild,
        HdError::TooDeep,
        HdError::AddressInvalid,
        HdError::AddressBadChecksum,
    ];

    #[test]
    fn codes_are_distinct_snake_case() {
        let mut codes: Vec<&str> = ALL.iter().map(|e| e.code()).collect();
        for code in &codes {
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{code}"
            );
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
    }

    #[test]
    fn messages_are_plain_sentences_without_codes() {
        for error in ALL {
            let message = error.to_string();
            assert!(!message.is_empty());
            assert!(!message.contains(error.code()), "{message}");
        }
    }
}
