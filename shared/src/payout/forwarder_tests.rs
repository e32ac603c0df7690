//! Deposit addresses against an independent computation: every vector below was produced by
//! foundry's `cast` 1.7.1 (node_modules/.bin/cast) from the committed bytecode, never by this
//! code:
//!
//! ```sh
//! BIN=$(cat contracts/build/Forwarder.bin)
//! INIT=0x$BIN$(cast abi-encode 'f(address)' $PAYOUT | cut -c3-)
//! cast keccak $INIT                                         # init code hash
//! cast create2 -d $FACTORY --salt $SALT --init-code $INIT   # deposit address
//! cast keccak qt_0123456789abcdef01234567                   # a quote's salt
//! cast create2 --salt 0x00…00 --init-code 0x$(cat contracts/build/ForwarderFactory.bin)
//! ```
//!
//! They change only when the contracts' bytecode changes, and then every deposit address
//! changes too: regenerate them deliberately.

use sha3::{Digest, Keccak256};

use super::*;
use crate::payout::{CANONICAL_FACTORY, DETERMINISTIC_DEPLOYER, FACTORY_SALT};

fn address(text: &str) -> EvmAddress {
    EvmAddress::parse(text).unwrap()
}

fn salt(text: &str) -> Salt {
    let digits = text.strip_prefix("0x").unwrap();
    Salt::from_bytes(core::array::from_fn(|i| {
        u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap()
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const ANVIL_1: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const EIP55_0: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
/// `cast keccak qt_0123456789abcdef01234567` and `cast keccak qt_ffffffffffffffffffffff00`.
const QUOTE_A: &str = "0x69d2e314b4fa9e188c8207f69f19700c46d154f88ac482a41352a589c04a3f7e";
const QUOTE_B: &str = "0x84113b0a470466930bdcf784c4f4bded4ad0e7145f84bf3ac476ffa279e497f1";
const ONES: &str = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
/// Any other deployer: the test USDC's address on a fresh anvil.
const OTHER_FACTORY: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/// (factory, payout, salt, deposit address from `cast create2`).
const DEPOSITS: [(&str, &str, &str, &str); 12] = [
    (
        "canonical",
        ANVIL_1,
        QUOTE_A,
        "0xD128774e1427cFdD7d54ebe720d5B0B3E330E2fA",
    ),
    (
        OTHER_FACTORY,
        ANVIL_1,
        QUOTE_A,
        "0xcAe3B92c8a78bA05fF3EdeF86934AD629B6e381e",
    ),
    (
        "canonical",
        ANVIL_1,
        QUOTE_B,
        "0xfF99bc9E133472568F771D993E0085b398ef81A6",
    ),
    (
        OTHER_FACTORY,
        ANVIL_1,
        QUOTE_B,
        "0xB2C2Ac4D3E1b922c6535C418FFa2CBF9310bCee0",
    ),
    (
        "canonical",
        ANVIL_1,
        ONES,
        "0xEB887c8E1e618288013a8E1e43c103F8426aD64f",
    ),
    (
        OTHER_FACTORY,
        ANVIL_1,
        ONES,
        "0xE7C68E9e6840f011F5faFAAD738A245905CCa872",
    ),
    (
        "canonical",
        EIP55_0,
        QUOTE_A,
        "0x053865AF26B6E49FC98EF09991BB17509fA64240",
    ),
    (
        OTHER_FACTORY,
        EIP55_0,
        QUOTE_A,
        "0x2256dD51bF5B788A023a37B675D436d68219e37D",
    ),
    (
        "canonical",
        EIP55_0,
        QUOTE_B,
        "0x470EA6f810A0e17B325028b15F0e53B6dD5CB543",
    ),
    (
        OTHER_FACTORY,
        EIP55_0,
        QUOTE_B,
        "0xE6578A2801A1C2e51A2Eb5642cbEFbE4B635Dd1E",
    ),
    (
        "canonical",
        EIP55_0,
        ONES,
        "0x6459993aA29B5B0238e6b67D870e547d293BF2a4",
    ),
    (
        OTHER_FACTORY,
        EIP55_0,
        ONES,
        "0x31082b85b8D10D8AA1d438f0aDd6dAa8a0D8385e",
    ),
];

#[test]
fn deposit_addresses_match_cast_create2_for_each_factory_payout_and_salt() {
    for (factory, payout, salt_hex, expected) in DEPOSITS {
        let factory = match factory {
            "canonical" => CANONICAL_FACTORY,
            other => address(other),
        };
        let got = deposit_address(factory, address(payout), salt(salt_hex));
        // The EIP-55 form, letter for letter: cast prints the checksummed address.
        assert_eq!(got.to_string(), expected, "{factory} {payout} {salt_hex}");
    }
}

#[test]
fn the_init_code_hash_matches_cast_keccak_of_the_init_code() {
    let vectors = [
        (
            ANVIL_1,
            "f82aa9c27fcdcb7dbac9dc6d0b38a3b612b3a58cd64dea14b1cc8a0924630f7a",
        ),
        (
            EIP55_0,
            "a3e126ded3d77f41949c815ae2330c59750eb459886aa0d2cf9373b47affefba",
        ),
    ];
    for (payout, expected) in vectors {
        let payout = address(payout);
        assert_eq!(hex(&init_code_hash(payout)), expected);
        let hashed: [u8; 32] = Keccak256::digest(init_code(payout)).into();
        assert_eq!(hashed, init_code_hash(payout));
    }
}

#[test]
fn the_init_code_is_the_committed_creation_code_then_the_payout_word() {
    let payout = address(ANVIL_1);
    let code = init_code(payout);
    let committed = include_str!("../../../contracts/build/Forwarder.bin").trim();
    assert_eq!(hex(&code[..code.len() - 32]), committed);
    assert_eq!(code[code.len() - 32..code.len() - 20], [0u8; 12]);
    assert_eq!(&code[code.len() - 20..], payout.as_bytes());
}

#[test]
fn a_quote_salt_gives_the_same_address_as_its_hash() {
    let payout = address(ANVIL_1);
    assert_eq!(
        deposit_address(
            CANONICAL_FACTORY,
            payout,
            Salt::for_quote("qt_0123456789abcdef01234567")
        ),
        deposit_address(CANONICAL_FACTORY, payout, salt(QUOTE_A))
    );
}

#[test]
fn another_payout_or_salt_never_lands_on_the_same_address() {
    let a = deposit_address(CANONICAL_FACTORY, address(ANVIL_1), salt(QUOTE_A));
    assert_ne!(
        a,
        deposit_address(CANONICAL_FACTORY, address(EIP55_0), salt(QUOTE_A))
    );
    assert_ne!(
        a,
        deposit_address(CANONICAL_FACTORY, address(ANVIL_1), salt(QUOTE_B))
    );
}

#[test]
fn the_canonical_factory_is_where_the_proxy_deploys_the_committed_factory() {
    let committed = include_str!("../../../contracts/build/ForwarderFactory.bin").trim();
    let bytes: Vec<u8> = (0..committed.len() / 2)
        .map(|i| u8::from_str_radix(&committed[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let hash: [u8; 32] = Keccak256::digest(&bytes).into();
    let computed = create2_address(DETERMINISTIC_DEPLOYER, FACTORY_SALT, hash);
    assert_eq!(computed, CANONICAL_FACTORY);
    assert_eq!(
        CANONICAL_FACTORY.to_string(),
        "0x3D008ec20519c06B1A04527a09362d18E938CFbD"
    );
    assert_eq!(
        DETERMINISTIC_DEPLOYER.to_string(),
        "0x4e59b44847b379578588920cA78FbF26c0B4956C"
    );
}
