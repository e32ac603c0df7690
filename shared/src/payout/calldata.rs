//! The calldata of `ForwarderFactory.deployAndFlush(payout, salts, tokens)`: what a sweep
//! transaction carries, so the merchant's wallet signs it as it is (no ABI on their side).

use super::Salt;
use crate::hd::EvmAddress;

/// The first 4 bytes of keccak256("deployAndFlush(address,bytes32[],address[])"), the same as
/// `cast sig` gives.
pub const DEPLOY_AND_FLUSH_SELECTOR: [u8; 4] = [0xb6, 0x0a, 0x1c, 0x42];

fn word(n: usize) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[24..].copy_from_slice(&(n as u64).to_be_bytes());
    w
}

fn address_word(a: &EvmAddress) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[12..].copy_from_slice(a.as_bytes());
    w
}

/// ABI-encoded `deployAndFlush(payout, salts, tokens)`: the head (payout, then the offsets of
/// the two arrays), then each array as its length and its words.
pub fn deploy_and_flush(payout: EvmAddress, salts: &[Salt], tokens: &[EvmAddress]) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 + 32 * (5 + salts.len() + tokens.len()));
    data.extend_from_slice(&DEPLOY_AND_FLUSH_SELECTOR);
    data.extend_from_slice(&address_word(&payout));
    data.extend_from_slice(&word(3 * 32));
    data.extend_from_slice(&word(3 * 32 + 32 + 32 * salts.len()));
    data.extend_from_slice(&word(salts.len()));
    for salt in salts {
        data.extend_from_slice(salt.as_bytes());
    }
    data.extend_from_slice(&word(tokens.len()));
    for token in tokens {
        data.extend_from_slice(&address_word(token));
    }
    data
}

/// `0x` and lower-case hex, as a transaction's `data` is sent.
pub fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(2 + 2 * bytes.len());
    text.push_str("0x");
    for byte in bytes {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use sha3::{Digest, Keccak256};

    use super::*;

    fn salt(c: u8) -> Salt {
        Salt::from_bytes([c; 32])
    }

    fn address(text: &str) -> EvmAddress {
        EvmAddress::parse(text).unwrap()
    }

    #[test]
    fn the_selector_is_the_keccak_of_the_signature() {
        let hash = Keccak256::digest(b"deployAndFlush(address,bytes32[],address[])");
        assert_eq!(hash[..4], DEPLOY_AND_FLUSH_SELECTOR);
    }

    #[test]
    fn the_calldata_is_what_cast_calldata_encodes() {
        let payout = address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        let usdc = address("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        // cast calldata "deployAndFlush(address,bytes32[],address[])" 0xf39F… "[0x11…,0x22…]" "[0x5FbD…]"
        let expected = concat!(
            "0xb60a1c42",
            "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0000000000000000000000000000000000000000000000000000000000000060",
            "00000000000000000000000000000000000000000000000000000000000000c0",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "1111111111111111111111111111111111111111111111111111111111111111",
            "2222222222222222222222222222222222222222222222222222222222222222",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000005fbdb2315678afecb367f032d93f642f64180aa3",
        );
        assert_eq!(
            hex(&deploy_and_flush(
                payout,
                &[salt(0x11), salt(0x22)],
                &[usdc]
            )),
            expected
        );
        // … "[0x11…]" "[]"
        let eth_only = concat!(
            "0xb60a1c42",
            "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0000000000000000000000000000000000000000000000000000000000000060",
            "00000000000000000000000000000000000000000000000000000000000000a0",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "1111111111111111111111111111111111111111111111111111111111111111",
            "0000000000000000000000000000000000000000000000000000000000000000",
        );
        assert_eq!(hex(&deploy_and_flush(payout, &[salt(0x11)], &[])), eth_only);
    }
}
