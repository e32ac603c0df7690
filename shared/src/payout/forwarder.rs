//! The forwarder's init code for a payout address, and the deposit address it deploys to.

use sha3::{Digest, Keccak256};

use super::{Salt, create2_address};
use crate::hd::EvmAddress;

/// `contracts/build/Forwarder.bin`: hex digits and a final newline, as `compile.mjs` writes it.
const CREATION_HEX: &str = include_str!("../../../contracts/build/Forwarder.bin");

/// The forwarder's creation code (without its constructor argument), decoded at compile
/// time: a malformed artifact fails the build, never a quote.
pub const FORWARDER_CREATION_CODE: [u8; hex_len(CREATION_HEX) / 2] = decode_hex(CREATION_HEX);

/// The number of hex digits before the trailing newline; an odd count fails the build.
const fn hex_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut len = bytes.len();
    while len > 0 && (bytes[len - 1] == b'\n' || bytes[len - 1] == b'\r') {
        len -= 1;
    }
    assert!(
        len.is_multiple_of(2),
        "Forwarder.bin has an odd number of hex digits"
    );
    len
}

const fn decode_hex<const N: usize>(text: &str) -> [u8; N] {
    const fn nibble(digit: u8) -> u8 {
        match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            _ => panic!("Forwarder.bin holds a character that is not a lower-case hex digit"),
        }
    }
    let digits = text.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = (nibble(digits[2 * i]) << 4) | nibble(digits[2 * i + 1]);
        i += 1;
    }
    out
}

/// The ABI encoding of the constructor's one argument: the payout address as a 32-byte word.
fn payout_word(payout: EvmAddress) -> [u8; 32] {
    let mut word = [0u8; 32];
    word[12..].copy_from_slice(payout.as_bytes());
    word
}

/// The init code of the forwarder bound to `payout`: the creation code followed by the
/// ABI-encoded payout, exactly what `new Forwarder{salt: …}(payout)` in the factory deploys.
pub fn init_code(payout: EvmAddress) -> Vec<u8> {
    let mut code = Vec::with_capacity(FORWARDER_CREATION_CODE.len() + 32);
    code.extend_from_slice(&FORWARDER_CREATION_CODE);
    code.extend_from_slice(&payout_word(payout));
    code
}

/// keccak256 of [`init_code`], hashed without building it.
pub fn init_code_hash(payout: EvmAddress) -> [u8; 32] {
    Keccak256::new()
        .chain_update(FORWARDER_CREATION_CODE)
        .chain_update(payout_word(payout))
        .finalize()
        .into()
}

/// The deposit address of `salt` for `payout`: where the `factory` deploys that forwarder
/// (`ForwarderFactory.predict(payout, salt)`), whether it is deployed yet or not. The same on
/// every chain where the factory has the same address.
pub fn deposit_address(factory: EvmAddress, payout: EvmAddress, salt: Salt) -> EvmAddress {
    create2_address(factory, salt, init_code_hash(payout))
}

#[cfg(test)]
#[path = "forwarder_tests.rs"]
mod tests;
