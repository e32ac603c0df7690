//! Test-only private derivation (BIP39 seed, BIP32 master key, CKDpriv), so that the public
//! path can be checked against wallets' well-known addresses. Compiled only under `cfg(test)`:
//! the library must never hold code that handles private keys.

use hmac::{Hmac, Mac};
use k256::elliptic_curve::PrimeField;
use k256::{FieldBytes, ProjectivePoint, PublicKey, Scalar};
use sha2::Sha512;

use super::derive::{HARDENED, fingerprint};
use super::{ExtendedPublicKey, Network};

/// anvil's (and hardhat's) default mnemonic.
pub(super) const ANVIL_MNEMONIC: &str =
    "test test test test test test test test test test test junk";

/// BIP39 seed with an empty passphrase: PBKDF2-HMAC-SHA512(mnemonic, "mnemonic", 2048).
/// The mnemonic is ASCII, so NFKD normalization changes nothing.
pub(super) fn seed_from_mnemonic(mnemonic: &str) -> [u8; 64] {
    let mut seed = [0; 64];
    pbkdf2::pbkdf2_hmac::<Sha512>(mnemonic.as_bytes(), b"mnemonic", 2048, &mut seed);
    seed
}

fn hmac_sha512(key: &[u8], parts: &[&[u8]]) -> [u8; 64] {
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(key).unwrap();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn scalar(bytes: &[u8]) -> Option<Scalar> {
    Scalar::from_repr(FieldBytes::clone_from_slice(bytes)).into()
}

/// An extended private key; test vectors never hit BIP32's invalid cases, so they panic.
#[derive(Clone)]
pub(super) struct ExtendedPrivateKey {
    key: Scalar,
    chain_code: [u8; 32],
    depth: u8,
    parent_fingerprint: [u8; 4],
    child_number: u32,
}

impl ExtendedPrivateKey {
    pub(super) fn master(seed: &[u8]) -> Self {
        let i = hmac_sha512(b"Bitcoin seed", &[seed]);
        let key = scalar(&i[..32]).unwrap();
        assert!(!bool::from(key.is_zero()));
        Self {
            key,
            chain_code: i[32..].try_into().unwrap(),
            depth: 0,
            parent_fingerprint: [0; 4],
            child_number: 0,
        }
    }

    /// CKDpriv, hardened or not.
    pub(super) fn child(&self, index: u32) -> Self {
        let parent = self.neuter().compressed_key();
        let i = if index >= HARDENED {
            let key = self.key.to_bytes();
            hmac_sha512(&self.chain_code, &[&[0], &key, &index.to_be_bytes()])
        } else {
            hmac_sha512(&self.chain_code, &[&parent, &index.to_be_bytes()])
        };
        let key = scalar(&i[..32]).unwrap() + self.key;
        assert!(!bool::from(key.is_zero()));
        Self {
            key,
            chain_code: i[32..].try_into().unwrap(),
            depth: self.depth + 1,
            parent_fingerprint: fingerprint(&parent),
            child_number: index,
        }
    }

    /// `m/a/b/…`: each step an index, hardened ones already offset by 2^31.
    pub(super) fn path(&self, steps: &[u32]) -> Self {
        steps
            .iter()
            .fold(self.clone(), |key, &step| key.child(step))
    }

    /// BIP32's N(): the matching extended public key.
    pub(super) fn neuter(&self) -> ExtendedPublicKey {
        let point = (ProjectivePoint::GENERATOR * self.key).to_affine();
        ExtendedPublicKey::new(
            Network::Mainnet,
            self.depth,
            self.parent_fingerprint,
            self.child_number,
            self.chain_code,
            PublicKey::from_affine(point).unwrap(),
        )
        .unwrap()
    }
}

mod tests {
    use super::*;
    use crate::hd::EvmAddress;
    use crate::hd::vectors::*;

    const H: u32 = HARDENED;

    /// What [`seed_from_mnemonic`] and [`ExtendedPrivateKey`] give for `m/44'/60'/0'` of
    /// [`ANVIL_MNEMONIC`]; pinned so that a change in either path shows up here.
    const ANVIL_ACCOUNT_XPUB: &str = "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP";

    /// anvil's first accounts, `m/44'/60'/0'/0/i` of its mnemonic, as its banner lists them.
    const ANVIL_ADDRESSES: [&str; 4] = [
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    ];

    fn seed(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    fn anvil_account() -> ExtendedPrivateKey {
        ExtendedPrivateKey::master(&seed_from_mnemonic(ANVIL_MNEMONIC)).path(&[44 + H, 60 + H, H])
    }

    #[test]
    fn the_test_helper_reproduces_bip32_vector_1_along_its_whole_chain() {
        let master = ExtendedPrivateKey::master(&seed(V1_SEED));
        let chain: [(&[u32], &str); 6] = [
            (&[], V1_M),
            (&[H], V1_M_0H),
            (&[H, 1], V1_M_0H_1),
            (&[H, 1, 2 + H], V1_M_0H_1_2H),
            (&[H, 1, 2 + H, 2], V1_M_0H_1_2H_2),
            (&[H, 1, 2 + H, 2, 1_000_000_000], V1_M_0H_1_2H_2_1000000000),
        ];
        for (path, expected) in chain {
            assert_eq!(master.path(path).neuter().to_string(), expected, "{path:?}");
        }
    }

    #[test]
    fn the_test_helper_reproduces_bip32_vector_2_along_its_whole_chain() {
        let master = ExtendedPrivateKey::master(&seed(V2_SEED));
        let max = 2_147_483_647 + H;
        let chain: [(&[u32], &str); 6] = [
            (&[], V2_M),
            (&[0], V2_M_0),
            (&[0, max], V2_M_0_MAXH),
            (&[0, max, 1], V2_M_0_MAXH_1),
            (&[0, max, 1, 2_147_483_646 + H], V2_M_0_MAXH_1_MAXH),
            (&[0, max, 1, 2_147_483_646 + H, 2], V2_M_0_MAXH_1_MAXH_2),
        ];
        for (path, expected) in chain {
            assert_eq!(master.path(path).neuter().to_string(), expected, "{path:?}");
        }
    }

    #[test]
    fn the_anvil_mnemonic_gives_the_pinned_account_xpub() {
        assert_eq!(anvil_account().neuter().to_string(), ANVIL_ACCOUNT_XPUB);
    }

    #[test]
    fn the_pinned_anvil_account_xpub_gives_anvils_well_known_addresses() {
        let account = ExtendedPublicKey::parse(ANVIL_ACCOUNT_XPUB).unwrap();
        for (index, expected) in (0..).zip(ANVIL_ADDRESSES) {
            assert_eq!(
                account.deposit_address(index).unwrap().to_string(),
                expected
            );
        }
    }

    #[test]
    fn public_derivation_agrees_with_private_derivation_on_the_external_chain() {
        let account = anvil_account();
        let public = account.neuter();
        for index in [0, 1, 2, 3, 19, 1_000_000, H - 1] {
            let private_path = account.path(&[0, index]).neuter();
            assert_eq!(
                public.derive_child(0).unwrap().derive_child(index).unwrap(),
                private_path
            );
            assert_eq!(
                public.deposit_address(index).unwrap(),
                EvmAddress::from_public_key(private_path.public_key())
            );
        }
    }

    #[test]
    fn a_wrong_mnemonic_gives_other_addresses() {
        let other = ExtendedPrivateKey::master(&seed_from_mnemonic(
            "test test test test test test test test test test test test",
        ))
        .path(&[44 + H, 60 + H, H])
        .neuter();
        assert_ne!(
            other.deposit_address(0).unwrap().to_string(),
            ANVIL_ADDRESSES[0]
        );
    }
}
