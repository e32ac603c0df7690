//! `cargo xtask contracts | create2 | deploy-factory`: payout mode's contracts.
//!
//! - `contracts [--check | --write]` compiles `contracts/` with the pinned solc-js and checks
//!   (or rewrites) the committed artifacts, so drift in the bytecode fails.
//! - `create2` prints deposit addresses computed by `shared::payout`, for the e2e tests to hold
//!   against the factory and `cast`.
//! - `deploy-factory` puts the factory at its canonical address through the deterministic
//!   deployment proxy (see `deploy.rs`).

use shared::hd::EvmAddress;
use shared::payout::{CANONICAL_FACTORY, Salt, deposit_address};

use crate::cmd::{Result, fail, run};
use crate::tools::Tools;

pub const USAGE: &str =
    "  contracts [--check|--write]   check contracts/build/ against a fresh compile (or rewrite it)
  create2 [--factory ADDR] --payout ADDR (--salt HEX | --quote QUOTE_ID)...
                                print each deposit address (EIP-55), one per line
  deploy-factory --rpc-url URL --from ADDR [--key-env VAR]
                                deploy the forwarder factory through the deterministic
                                deployment proxy (unlocked sender, or the private key in $VAR)";

/// `node contracts/compile.mjs --check|--write`.
pub fn contracts(args: &[String]) -> Result<()> {
    let mode = match args {
        [] => "--check",
        [mode] if mode == "--check" || mode == "--write" => mode.as_str(),
        _ => return fail(format!("usage:\n{USAGE}")),
    };
    let tools = Tools::new();
    run(tools.command("node").args(["contracts/compile.mjs", mode]))
}

pub fn create2(args: &[String]) -> Result<()> {
    let mut factory = CANONICAL_FACTORY;
    let mut payout = None;
    let mut salts = Vec::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else {
            return fail(format!("{flag} needs a value"));
        };
        match flag.as_str() {
            "--factory" => factory = address(flag, value)?,
            "--payout" => payout = Some(address(flag, value)?),
            "--salt" => salts.push(salt(value)?),
            "--quote" => salts.push(Salt::for_quote(value)),
            _ => return fail(format!("unknown flag {flag}; usage:\n{USAGE}")),
        }
    }
    let Some(payout) = payout else {
        return fail("create2 needs --payout");
    };
    if salts.is_empty() {
        return fail("create2 needs at least one --salt or --quote");
    }
    for salt in salts {
        println!("{}", deposit_address(factory, payout, salt));
    }
    Ok(())
}

/// An address flag's value; a wrong checksum is refused like anywhere else in Paylink.
pub fn address(flag: &str, value: &str) -> Result<EvmAddress> {
    EvmAddress::parse(value).or_else(|e| fail(format!("{flag} {value}: {e}")))
}

/// `0x` and exactly 64 hex digits: a salt is never padded, so a short one is a mistake.
fn salt(value: &str) -> Result<Salt> {
    let digits = value.strip_prefix("0x").unwrap_or_default();
    if digits.len() != 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return fail(format!("--salt {value}: a salt is 0x and 64 hex digits"));
    }
    Ok(Salt::from_bytes(core::array::from_fn(|i| {
        u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap_or(0)
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salt_is_exactly_0x_and_64_hex_digits() {
        let good = format!("0x{}", "ab".repeat(32));
        assert_eq!(salt(&good).unwrap().to_string(), good);
        for bad in [
            "",
            "0x",
            &"ab".repeat(32),
            &format!("0x{}", "ab".repeat(31)),
        ] {
            assert!(salt(bad).is_err(), "{bad}");
        }
        assert!(salt(&format!("0x{}zz", "ab".repeat(31))).is_err());
    }

    #[test]
    fn create2_refuses_missing_payout_or_salt() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(create2(&args(&["--quote", "qt_1"])).is_err());
        let payout = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        assert!(create2(&args(&["--payout", payout])).is_err());
        assert!(create2(&args(&["--payout", payout, "--salt"])).is_err());
        assert!(create2(&args(&["--payout", payout, "--quote", "qt_1"])).is_ok());
    }
}
