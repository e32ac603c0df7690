//! `ExtendedPublicKey`: BIP32's 78-byte serialization in Base58Check (`xpub…`, `tpub…`).

use core::fmt;
use core::str::FromStr;

use k256::PublicKey;
use k256::elliptic_curve::sec1::ToEncodedPoint;
use sha2::{Digest, Sha256};

use super::HdError;

const XPUB: [u8; 4] = [0x04, 0x88, 0xB2, 0x1E];
const TPUB: [u8; 4] = [0x04, 0x35, 0x87, 0xCF];
const XPRV: [u8; 4] = [0x04, 0x88, 0xAD, 0xE4];
const TPRV: [u8; 4] = [0x04, 0x35, 0x83, 0x94];

/// Version, depth, fingerprint, child number, chain code, key.
const SERIALIZED_LEN: usize = 4 + 1 + 4 + 4 + 32 + 33;
/// BIP32: "a Base58-encoded string of up to 112 characters". Checked before decoding because
/// Base58 decoding is quadratic in the input and the input comes from strangers.
const MAX_TEXT_LEN: usize = 112;

/// Which version bytes the key was serialized with. Both give the same EVM addresses; the
/// network is kept only so that [`ExtendedPublicKey`] prints back as it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    /// `xpub`, version `0x0488B21E`.
    Mainnet,
    /// `tpub`, version `0x043587CF`.
    Testnet,
}

impl Network {
    fn version(self) -> [u8; 4] {
        match self {
            Network::Mainnet => XPUB,
            Network::Testnet => TPUB,
        }
    }
}

/// A BIP32 extended public key: a secp256k1 point plus the chain code that lets anyone derive
/// its non-hardened children's public keys, and nobody their private keys.
///
/// Invariants, enforced by [`ExtendedPublicKey::parse`] and derivation alike: the key is a
/// valid point (never the identity), and a depth-0 key has a zero parent fingerprint and child
/// number. The fields are private, so no other `ExtendedPublicKey` exists.
///
/// It is not secret, but it reveals every payment to the merchant's account: `Debug` prints
/// only a short prefix, and there is deliberately no `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct ExtendedPublicKey {
    network: Network,
    depth: u8,
    parent_fingerprint: [u8; 4],
    child_number: u32,
    chain_code: [u8; 32],
    public_key: PublicKey,
}

impl ExtendedPublicKey {
    /// Parses a Base58Check `xpub…` or `tpub…` string (no surrounding whitespace).
    ///
    /// Private keys are refused with [`HdError::PrivateKeyGiven`], whatever their version
    /// bytes, so a pasted xprv/zprv never gets further than this function.
    pub fn parse(text: &str) -> Result<Self, HdError> {
        if text.len() > MAX_TEXT_LEN {
            return Err(HdError::BadLength);
        }
        let bytes = bs58::decode(text)
            .into_vec()
            .map_err(|_| HdError::NotBase58)?;
        // Length before checksum, so that a cut-off copy says so rather than "checksum".
        let bytes: &[u8; SERIALIZED_LEN + 4] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| HdError::BadLength)?;
        let (payload, check) = bytes.split_at(SERIALIZED_LEN);
        if checksum(payload) != check {
            return Err(HdError::BadChecksum);
        }
        Self::from_bytes(&core::array::from_fn(|i| payload[i]))
    }

    fn from_bytes(bytes: &[u8; SERIALIZED_LEN]) -> Result<Self, HdError> {
        let field = |at: usize| -> [u8; 4] { core::array::from_fn(|i| bytes[at + i]) };
        let version = field(0);
        let key = &bytes[45..];

        // Private key data is `0x00 || k` in every version (SLIP-132's zprv and friends too),
        // so this catches private keys whose version bytes we do not list.
        if version == XPRV || version == TPRV || key[0] == 0x00 {
            return Err(HdError::PrivateKeyGiven);
        }
        let network = match version {
            XPUB => Network::Mainnet,
            TPUB => Network::Testnet,
            _ => return Err(HdError::UnknownVersion),
        };
        if !matches!(key[0], 0x02 | 0x03) {
            return Err(HdError::InvalidPublicKey);
        }
        let public_key = PublicKey::from_sec1_bytes(key).map_err(|_| HdError::InvalidPublicKey)?;
        Self::new(
            network,
            bytes[4],
            field(5),
            u32::from_be_bytes(field(9)),
            core::array::from_fn(|i| bytes[13 + i]),
            public_key,
        )
    }

    /// The one constructor: parsing and derivation both come through here.
    pub(super) fn new(
        network: Network,
        depth: u8,
        parent_fingerprint: [u8; 4],
        child_number: u32,
        chain_code: [u8; 32],
        public_key: PublicKey,
    ) -> Result<Self, HdError> {
        if depth == 0 && (parent_fingerprint != [0; 4] || child_number != 0) {
            return Err(HdError::InvalidRoot);
        }
        Ok(Self {
            network,
            depth,
            parent_fingerprint,
            child_number,
            chain_code,
            public_key,
        })
    }

    /// Levels below the master key: 0 for `m`, 3 for an account key `m/44'/60'/0'`.
    pub fn depth(&self) -> u8 {
        self.depth
    }

    pub fn network(&self) -> Network {
        self.network
    }

    /// The index this key has under its parent; 2^31 and above mean hardened. 0 for `m`.
    pub fn child_number(&self) -> u32 {
        self.child_number
    }

    /// First 4 bytes of HASH160 of the parent's public key; zero for `m`. A hint only:
    /// fingerprints collide.
    pub fn parent_fingerprint(&self) -> [u8; 4] {
        self.parent_fingerprint
    }

    pub(super) fn chain_code(&self) -> &[u8; 32] {
        &self.chain_code
    }

    pub(super) fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// SEC1 compressed form: what BIP32 hashes and serializes.
    pub(super) fn compressed_key(&self) -> [u8; 33] {
        let point = self.public_key.to_encoded_point(true);
        let mut out = [0; 33];
        out.copy_from_slice(point.as_bytes());
        out
    }

    /// What makes two keys the same wallet: the hex SHA-256 of the chain code and the public
    /// key, the only parts child addresses depend on. An `xpub` and a `tpub` of one key, or one
    /// key with a different depth, fingerprint or child number written in, share it; the key
    /// itself cannot be read back from it.
    pub fn wallet_id(&self) -> String {
        let digest = Sha256::new()
            .chain_update(self.chain_code)
            .chain_update(self.compressed_key())
            .finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn to_bytes(&self) -> [u8; SERIALIZED_LEN] {
        let mut out = [0; SERIALIZED_LEN];
        out[..4].copy_from_slice(&self.network.version());
        out[4] = self.depth;
        out[5..9].copy_from_slice(&self.parent_fingerprint);
        out[9..13].copy_from_slice(&self.child_number.to_be_bytes());
        out[13..45].copy_from_slice(&self.chain_code);
        out[45..].copy_from_slice(&self.compressed_key());
        out
    }
}

/// Base58Check's checksum: the first 4 bytes of SHA-256 applied twice.
fn checksum(payload: &[u8]) -> [u8; 4] {
    let hash = Sha256::digest(Sha256::digest(payload));
    core::array::from_fn(|i| hash[i])
}

/// The Base58Check string, exactly as [`ExtendedPublicKey::parse`] accepts it.
impl fmt::Display for ExtendedPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let payload = self.to_bytes();
        let mut bytes = [0; SERIALIZED_LEN + 4];
        bytes[..SERIALIZED_LEN].copy_from_slice(&payload);
        bytes[SERIALIZED_LEN..].copy_from_slice(&checksum(&payload));
        f.write_str(&bs58::encode(bytes).into_string())
    }
}

/// Only the first characters (version and depth), so that logs cannot track a merchant.
impl fmt::Debug for ExtendedPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.to_string();
        write!(f, "ExtendedPublicKey({}…)", &text[..8])
    }
}

impl FromStr for ExtendedPublicKey {
    type Err = HdError;

    fn from_str(text: &str) -> Result<Self, HdError> {
        Self::parse(text)
    }
}

#[cfg(test)]
#[path = "xpub_tests.rs"]
mod tests;
