//! Payout mode: deposit addresses that are counterfactual forwarders bound to a payout address.
//!
//! Instead of a key derived from the merchant's xpub, a quote's deposit address can be the
//! CREATE2 address of a `Forwarder` (`contracts/Forwarder.sol`) that can only ever send to the
//! merchant's payout address. The payout address is the forwarder's constructor argument, so it
//! is part of the init code and the address commits to it; the salt comes from the quote.
//! Nothing is deployed when the quote is made: `ForwarderFactory.deployAndFlush` deploys and
//! sweeps many addresses in one transaction later, and sweeps them again after late payments.
//!
//! - `create2`: the EIP-1014 address rule.
//! - `forwarder`: the forwarder's init code (the committed bytecode ‖ the payout word) and the
//!   deposit address for a factory, a payout and a salt.
//! - `salt`: the 32-byte salt, and how a quote id becomes one.
//!
//! The bytecode comes from `contracts/build/`, checked against a fresh compile by
//! `cargo xtask contracts`, so these addresses are the ones the contracts deploy to.

mod create2;
mod forwarder;
mod salt;

pub use create2::create2_address;
pub use forwarder::{FORWARDER_CREATION_CODE, deposit_address, init_code, init_code_hash};
pub use salt::Salt;

use crate::hd::EvmAddress;

/// The deterministic deployment proxy (Arachnid's CREATE2 deployer), at this address on
/// Ethereum, Base, their testnets and anvil (by default). Sending it `salt ‖ init code`
/// deploys the init code with CREATE2, so the factory's address is the same on every chain.
pub const DETERMINISTIC_DEPLOYER: EvmAddress = EvmAddress::from_bytes([
    0x4e, 0x59, 0xb4, 0x48, 0x47, 0xb3, 0x79, 0x57, 0x85, 0x88, 0x92, 0x0c, 0xa7, 0x8f, 0xbf, 0x26,
    0xc0, 0xb4, 0x95, 0x6c,
]);

/// The salt the factory is deployed with through [`DETERMINISTIC_DEPLOYER`]: zero, since the
/// factory's bytecode alone makes its address (anyone may deploy it, to the same place).
pub const FACTORY_SALT: Salt = Salt::from_bytes([0; 32]);

/// Where [`DETERMINISTIC_DEPLOYER`] puts `contracts/build/ForwarderFactory.bin` with
/// [`FACTORY_SALT`]: `0x3D008ec20519c06B1A04527a09362d18E938CFbD`, on every chain it is
/// deployed to (`cargo xtask deploy-factory`). A chain's factory is still configuration, so a
/// chain without the proxy can use another address; a test recomputes this one from the
/// committed bytecode, so a change to the contracts cannot leave it stale.
pub const CANONICAL_FACTORY: EvmAddress = EvmAddress::from_bytes([
    0x3d, 0x00, 0x8e, 0xc2, 0x05, 0x19, 0xc0, 0x6b, 0x1a, 0x04, 0x52, 0x7a, 0x09, 0x36, 0x2d, 0x18,
    0xe9, 0x38, 0xcf, 0xbd,
]);
