//! Signing a legacy (EIP-155) transaction with a private key held in memory only, so that
//! `deploy-factory` never hands a key to another process's command line, where `ps` and logs
//! would show it. The signed bytes go to the node with `cast publish`.

use k256::ecdsa::SigningKey;
use sha3::{Digest, Keccak256};

/// What a legacy transaction carries besides its signature.
pub struct LegacyTx<'a> {
    pub nonce: u64,
    pub gas_price: u128,
    pub gas: u64,
    pub to: [u8; 20],
    pub value: u128,
    pub data: &'a [u8],
    pub chain_id: u64,
}

/// A secp256k1 private key, never printed: `Debug` says nothing about it.
pub struct Key(SigningKey);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    /// 64 hex digits, with or without `0x`. The error never repeats the input.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let digits = text.trim();
        let digits = digits.strip_prefix("0x").unwrap_or(digits);
        if digits.len() != 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("a private key is 64 hexadecimal digits");
        }
        let bytes: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap_or(0))
            .collect();
        SigningKey::from_slice(&bytes)
            .map(Key)
            .map_err(|_| "not a valid secp256k1 private key")
    }

    /// The account the key signs for: the last 20 bytes of keccak256 of the public point.
    pub fn address(&self) -> [u8; 20] {
        let point = self.0.verifying_key().to_encoded_point(false);
        let hash = Keccak256::digest(&point.as_bytes()[1..]);
        core::array::from_fn(|i| hash[12 + i])
    }

    /// The raw signed transaction: RLP of the fields then `v, r, s`, with EIP-155's
    /// `v = chain_id * 2 + 35 + recovery id` (deterministic RFC 6979 nonces, low s).
    pub fn sign(&self, tx: &LegacyTx) -> Result<Vec<u8>, &'static str> {
        let fields = |tail: [Vec<u8>; 3]| {
            let mut items = vec![
                uint(u128::from(tx.nonce)),
                uint(tx.gas_price),
                uint(u128::from(tx.gas)),
                bytes(&tx.to),
                uint(tx.value),
                bytes(tx.data),
            ];
            items.extend(tail);
            list(&items)
        };
        let unsigned = fields([uint(u128::from(tx.chain_id)), uint(0), uint(0)]);
        let hash = Keccak256::digest(&unsigned);
        let (signature, recovery) = self
            .0
            .sign_prehash_recoverable(&hash)
            .map_err(|_| "signing failed")?;
        let v = u128::from(tx.chain_id) * 2 + 35 + u128::from(recovery.to_byte());
        let (r, s) = signature.split_bytes();
        Ok(fields([uint(v), unsigned_bytes(&r), unsigned_bytes(&s)]))
    }
}

/// RLP of a byte string.
fn bytes(data: &[u8]) -> Vec<u8> {
    if let [single] = data
        && *single < 0x80
    {
        return vec![*single];
    }
    let mut out = header(0x80, data.len());
    out.extend_from_slice(data);
    out
}

/// RLP of an integer: its big-endian bytes without leading zeros (zero is the empty string).
fn uint(value: u128) -> Vec<u8> {
    unsigned_bytes(&value.to_be_bytes())
}

fn unsigned_bytes(be: &[u8]) -> Vec<u8> {
    let start = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    bytes(&be[start..])
}

/// RLP of a list of already encoded items.
fn list(items: &[Vec<u8>]) -> Vec<u8> {
    let payload: Vec<u8> = items.concat();
    let mut out = header(0xc0, payload.len());
    out.extend(payload);
    out
}

/// A string (`0x80`) or list (`0xc0`) prefix: short lengths inline, longer ones as bytes.
fn header(base: u8, len: usize) -> Vec<u8> {
    match u8::try_from(len) {
        Ok(short) if short <= 55 => vec![base + short],
        _ => {
            let be = len.to_be_bytes();
            let start = be.iter().position(|&b| b != 0).unwrap_or(be.len() - 1);
            let mut out = vec![base + 55 + (be.len() - start) as u8];
            out.extend_from_slice(&be[start..]);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// anvil's account 0 (the well-known test mnemonic's first key): public test data.
    const ANVIL_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const PROXY: [u8; 20] = [
        0x4e, 0x59, 0xb4, 0x48, 0x47, 0xb3, 0x79, 0x57, 0x85, 0x88, 0x92, 0x0c, 0xa7, 0x8f, 0xbf,
        0x26, 0xc0, 0xb4, 0x95, 0x6c,
    ];

    fn hex(data: &[u8]) -> String {
        data.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_key_signs_for_anvil_account_0() {
        let key = Key::parse(ANVIL_KEY).unwrap();
        assert_eq!(
            hex(&key.address()),
            "f39fd6e51aad88f6f4ce6ab8827279cfffb92266"
        );
        assert_eq!(format!("{key:?}"), "Key(…)");
    }

    /// Both expected transactions are `cast mktx --legacy --private-key <ANVIL_KEY> …` (cast
    /// 1.7.1): the first with `--nonce 7 --gas-price 1000000000 --gas-limit 500000 --chain
    /// 31337 <proxy> 0x<32 zero bytes>6080`, the second `--nonce 300 --gas-price 3000000000
    /// --gas-limit 21000 --chain 8453 --value 1 <proxy> 0x`.
    #[test]
    fn signed_transactions_match_cast_mktx_byte_for_byte() {
        let key = Key::parse(ANVIL_KEY).unwrap();
        let mut data = vec![0u8; 32];
        data.extend([0x60, 0x80]);
        let deploy = LegacyTx {
            nonce: 7,
            gas_price: 1_000_000_000,
            gas: 500_000,
            to: PROXY,
            value: 0,
            data: &data,
            chain_id: 31337,
        };
        assert_eq!(
            hex(&key.sign(&deploy).unwrap()),
            "f88807843b9aca008307a120944e59b44847b379578588920ca78fbf26c0b4956c80a2000000000000\
             0000000000000000000000000000000000000000000000000000608082f4f5a0af2eefbaca65adf225\
             a51cb63eb65090f9b8fac3c70469951a199c0573ce7012a07814a54d7d7fb3e9696df1a2f44fd075fc\
             629a82e5de3a8fc919ef9f62b495c9"
        );
        let transfer = LegacyTx {
            nonce: 300,
            gas_price: 3_000_000_000,
            gas: 21_000,
            to: PROXY,
            value: 1,
            data: &[],
            chain_id: 8453,
        };
        assert_eq!(
            hex(&key.sign(&transfer).unwrap()),
            "f86782012c84b2d05e00825208944e59b44847b379578588920ca78fbf26c0b4956c018082422da04c\
             bc7364f2587d5e7af41938cfae6d284b52144a42cb50ae2aa3870baa0975a3a07c27b49aec8ebd1d27\
             5127999d7dd03a7a006066b0ff677c8e9019b19c17f76d"
        );
    }

    #[test]
    fn long_strings_and_lists_get_a_length_of_length_prefix() {
        assert_eq!(bytes(&[0x7f]), vec![0x7f]);
        assert_eq!(bytes(&[0x80]), vec![0x81, 0x80]);
        assert_eq!(bytes(&[]), vec![0x80]);
        let long = vec![1u8; 56];
        assert_eq!(&bytes(&long)[..2], &[0xb8, 56]);
        let longer = vec![1u8; 1024];
        assert_eq!(&bytes(&longer)[..3], &[0xb9, 0x04, 0x00]);
        assert_eq!(uint(0), vec![0x80]);
        assert_eq!(uint(1024), vec![0x82, 0x04, 0x00]);
    }

    #[test]
    fn a_malformed_key_is_refused_without_echoing_it() {
        for bad in ["", "0x12", &"g".repeat(64), &"0".repeat(64)] {
            let error = Key::parse(bad).unwrap_err();
            assert!(bad.is_empty() || !error.contains(bad), "{error}");
        }
    }
}
