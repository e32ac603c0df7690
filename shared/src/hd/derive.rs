//! Public child derivation (BIP32 CKDpub) and the account → `…/0/index` deposit address path.

use hmac::{Hmac, Mac};
use k256::elliptic_curve::PrimeField;
use k256::{FieldBytes, ProjectivePoint, PublicKey, Scalar};
use ripemd::Ripemd160;
use sha2::{Digest, Sha256, Sha512};

use super::{EvmAddress, ExtendedPublicKey, HdError};

/// The first hardened index, 2^31. Indices from here on need the parent's private key.
pub const HARDENED: u32 = 1 << 31;

/// Depth of a BIP44 account key `m/44'/60'/account'`: purpose, coin type, account.
pub const ACCOUNT_DEPTH: u8 = 3;

/// BIP44's external chain, the one for addresses given to payers (1 is for change).
const EXTERNAL_CHAIN: u32 = 0;

impl ExtendedPublicKey {
    /// The child at a non-hardened `index` (CKDpub).
    ///
    /// Fails with [`HdError::HardenedIndex`] for `index >= 2^31`, with
    /// [`HdError::InvalidChild`] where BIP32 says to skip to the next index (probability below
    /// 2^-127), and with [`HdError::TooDeep`] below depth 255.
    pub fn derive_child(&self, index: u32) -> Result<Self, HdError> {
        if index >= HARDENED {
            return Err(HdError::HardenedIndex);
        }
        let depth = self.depth().checked_add(1).ok_or(HdError::TooDeep)?;
        let parent = self.compressed_key();
        let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(self.chain_code())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(&parent);
        mac.update(&index.to_be_bytes());
        let i = mac.finalize().into_bytes();
        let public_key = add_tweak(self.public_key(), &core::array::from_fn(|n| i[n]))?;
        Self::new(
            self.network(),
            depth,
            fingerprint(&parent),
            index,
            core::array::from_fn(|n| i[32 + n]),
            public_key,
        )
    }

    /// The deposit address at `index` of this account: path `…/0/index` below an account key
    /// `m/44'/60'/account'`, as MetaMask, Ledger, Trezor and anvil number their accounts.
    ///
    /// The key must be at [`ACCOUNT_DEPTH`], else [`HdError::NotAccountLevel`]: deriving from
    /// another level would give addresses the merchant's wallet never shows. The same index
    /// always gives the same address. [`HdError::InvalidChild`] means: use the next index.
    pub fn deposit_address(&self, index: u32) -> Result<EvmAddress, HdError> {
        if self.depth() != ACCOUNT_DEPTH {
            return Err(HdError::NotAccountLevel);
        }
        let external = self.derive_child(EXTERNAL_CHAIN)?;
        let key = external.derive_child(index)?;
        Ok(EvmAddress::from_public_key(key.public_key()))
    }
}

/// `point(parse256(IL)) + Kpar`, refusing `IL >= n` and the point at infinity as BIP32 says.
fn add_tweak(parent: &PublicKey, il: &[u8; 32]) -> Result<PublicKey, HdError> {
    let tweak = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(*il)))
        .ok_or(HdError::InvalidChild)?;
    let child = ProjectivePoint::GENERATOR * tweak + parent.to_projective();
    PublicKey::from_affine(child.to_affine()).map_err(|_| HdError::InvalidChild)
}

/// The first 4 bytes of HASH160 (RIPEMD-160 of SHA-256) of a compressed public key.
pub(super) fn fingerprint(compressed: &[u8; 33]) -> [u8; 4] {
    let hash = Ripemd160::digest(Sha256::digest(compressed));
    core::array::from_fn(|i| hash[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hd::vectors::*;
    use proptest::prelude::*;

    fn xpub(text: &str) -> ExtendedPublicKey {
        ExtendedPublicKey::parse(text).unwrap()
    }

    fn hex32(text: &str) -> [u8; 32] {
        core::array::from_fn(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
    }

    #[test]
    fn bip32_vector_1_public_steps_give_the_published_xpubs() {
        let steps = [
            (V1_M_0H, 1, V1_M_0H_1),
            (V1_M_0H_1_2H, 2, V1_M_0H_1_2H_2),
            (V1_M_0H_1_2H_2, 1_000_000_000, V1_M_0H_1_2H_2_1000000000),
        ];
        for (parent, index, child) in steps {
            assert_eq!(xpub(parent).derive_child(index).unwrap().to_string(), child);
        }
    }

    #[test]
    fn bip32_vector_2_public_steps_give_the_published_xpubs() {
        let steps = [
            (V2_M, 0, V2_M_0),
            (V2_M_0_MAXH, 1, V2_M_0_MAXH_1),
            (V2_M_0_MAXH_1_MAXH, 2, V2_M_0_MAXH_1_MAXH_2),
        ];
        for (parent, index, child) in steps {
            assert_eq!(xpub(parent).derive_child(index).unwrap().to_string(), child);
        }
    }

    #[test]
    fn a_hardened_index_cannot_be_derived_from_a_public_key() {
        for index in [HARDENED, HARDENED + 1, u32::MAX] {
            assert_eq!(xpub(V2_M).derive_child(index), Err(HdError::HardenedIndex));
        }
        assert!(xpub(V2_M).derive_child(HARDENED - 1).is_ok());
    }

    #[test]
    fn a_child_of_a_depth_255_key_is_refused() {
        let parent = xpub(V2_M_0_MAXH_1_MAXH);
        let deepest = ExtendedPublicKey::new(
            parent.network(),
            u8::MAX,
            [1; 4],
            7,
            *parent.chain_code(),
            *parent.public_key(),
        )
        .unwrap();
        assert_eq!(deepest.derive_child(0), Err(HdError::TooDeep));
    }

    #[test]
    fn a_tweak_at_or_above_the_curve_order_gives_no_child() {
        let n = hex32("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        let mut n_minus_1 = n;
        n_minus_1[31] -= 1;
        assert_eq!(n_minus_1.as_slice(), (-Scalar::ONE).to_bytes().as_slice());
        let parent = *xpub(V2_M).public_key();
        assert_eq!(add_tweak(&parent, &n), Err(HdError::InvalidChild));
        assert_eq!(add_tweak(&parent, &[0xff; 32]), Err(HdError::InvalidChild));
        assert!(add_tweak(&parent, &n_minus_1).is_ok());
    }

    #[test]
    fn a_tweak_that_cancels_the_parent_key_gives_no_child() {
        // Parent key G and tweak n-1: (n-1)·G + G is the point at infinity.
        let generator = PublicKey::from_affine(ProjectivePoint::GENERATOR.to_affine()).unwrap();
        let n_minus_1: [u8; 32] = (-Scalar::ONE).to_bytes().into();
        assert_eq!(
            add_tweak(&generator, &n_minus_1),
            Err(HdError::InvalidChild)
        );
        let two_g = (ProjectivePoint::GENERATOR + ProjectivePoint::GENERATOR).to_affine();
        assert_eq!(
            add_tweak(&generator, &Scalar::ONE.to_bytes().into()),
            PublicKey::from_affine(two_g).map_err(|_| HdError::InvalidChild)
        );
    }

    #[test]
    fn deposit_addresses_need_an_account_level_key() {
        for not_account in [V2_M, V2_M_0, V1_M_0H_1, V1_M_0H_1_2H_2] {
            assert_eq!(
                xpub(not_account).deposit_address(0),
                Err(HdError::NotAccountLevel)
            );
        }
        let account = xpub(V1_M_0H_1_2H);
        assert_eq!(
            account.deposit_address(HARDENED),
            Err(HdError::HardenedIndex)
        );
    }

    #[test]
    fn a_deposit_address_is_the_address_of_the_key_at_0_then_index() {
        let account = xpub(V1_M_0H_1_2H);
        let by_hand = account.derive_child(0).unwrap().derive_child(5).unwrap();
        assert_eq!(
            account.deposit_address(5).unwrap(),
            EvmAddress::from_public_key(by_hand.public_key())
        );
    }

    fn account() -> ExtendedPublicKey {
        xpub(V1_M_0H_1_2H)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn any_normal_index_gives_a_child_or_says_to_skip_it(index in 0..HARDENED) {
            let parent = account();
            match parent.derive_child(index) {
                Ok(child) => {
                    prop_assert_eq!(child.depth(), parent.depth() + 1);
                    prop_assert_eq!(child.child_number(), index);
                    prop_assert_eq!(child.parent_fingerprint(), fingerprint(&parent.compressed_key()));
                    prop_assert_eq!(xpub(&child.to_string()), child);
                }
                Err(error) => prop_assert_eq!(error, HdError::InvalidChild),
            }
        }

        #[test]
        fn deposit_addresses_are_deterministic_and_distinct(a in 0..HARDENED, b in 0..HARDENED) {
            prop_assume!(a != b);
            let account = account();
            let first = account.deposit_address(a).unwrap();
            prop_assert_eq!(account.deposit_address(a).unwrap(), first);
            prop_assert_ne!(account.deposit_address(b).unwrap(), first);
        }
    }
}
