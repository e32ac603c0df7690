//! The CREATE2 address rule of EIP-1014.

use sha3::{Digest, Keccak256};

use super::Salt;
use crate::hd::EvmAddress;

/// The address `deployer` creates with CREATE2 for `salt` and init code hashing to
/// `init_code_hash`: the last 20 bytes of `keccak256(0xff ‖ deployer ‖ salt ‖ init_code_hash)`.
/// It does not depend on the chain, the deployer's nonce or anything deployed before.
pub fn create2_address(deployer: EvmAddress, salt: Salt, init_code_hash: [u8; 32]) -> EvmAddress {
    let hash = Keccak256::new()
        .chain_update([0xff])
        .chain_update(deployer.as_bytes())
        .chain_update(salt.as_bytes())
        .chain_update(init_code_hash)
        .finalize();
    EvmAddress::from_bytes(core::array::from_fn(|i| hash[12 + i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> EvmAddress {
        EvmAddress::parse(text).unwrap()
    }

    fn bytes32(text: &str) -> [u8; 32] {
        let digits = text.strip_prefix("0x").unwrap();
        core::array::from_fn(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap())
    }

    /// Examples of EIP-1014, as (deployer, salt, init code, address); each also checked with
    /// `cast create2 -d <deployer> --salt <salt> --init-code <code>` (cast 1.7.1).
    const EIP1014: [(&str, &str, &[u8], &str); 6] = [
        (
            "0x0000000000000000000000000000000000000000",
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            &[0x00],
            "0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38",
        ),
        (
            "0xdeadbeef00000000000000000000000000000000",
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            &[0x00],
            "0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3",
        ),
        (
            "0xdeadbeef00000000000000000000000000000000",
            "0x000000000000000000000000feed000000000000000000000000000000000000",
            &[0x00],
            "0xD04116cDd17beBE565EB2422F2497E06cC1C9833",
        ),
        (
            "0x0000000000000000000000000000000000000000",
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            &[0xde, 0xad, 0xbe, 0xef],
            "0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e",
        ),
        (
            "0x00000000000000000000000000000000deadbeef",
            "0x00000000000000000000000000000000000000000000000000000000cafebabe",
            &[0xde, 0xad, 0xbe, 0xef],
            "0x60f3f640a8508fC6a86d45DF051962668E1e8AC7",
        ),
        (
            "0x0000000000000000000000000000000000000000",
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            &[],
            "0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0",
        ),
    ];

    #[test]
    fn the_eip_1014_examples_give_their_addresses() {
        for (deployer, salt, init_code, expected) in EIP1014 {
            let hash: [u8; 32] = Keccak256::digest(init_code).into();
            let got = create2_address(address(deployer), Salt::from_bytes(bytes32(salt)), hash);
            assert_eq!(got, address(expected), "{deployer} {salt}");
        }
    }

    #[test]
    fn the_address_changes_with_each_input() {
        let (deployer, salt, hash) = (address(EIP1014[0].0), Salt::from_bytes([0; 32]), [0; 32]);
        let base = create2_address(deployer, salt, hash);
        let mut other_salt = [0; 32];
        other_salt[31] = 1;
        let mut other_hash = [0; 32];
        other_hash[0] = 1;
        assert_ne!(
            create2_address(deployer, Salt::from_bytes(other_salt), hash),
            base
        );
        assert_ne!(create2_address(deployer, salt, other_hash), base);
        assert_ne!(create2_address(address(EIP1014[1].0), salt, hash), base);
    }
}
