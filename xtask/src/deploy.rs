//! `cargo xtask deploy-factory`: the forwarder factory at its canonical address on a chain.
//!
//! The factory goes through the deterministic deployment proxy (`salt ‖ init code` sent to
//! it), so its address depends on its bytecode alone and is the same on every chain. Running
//! it again is harmless: a chain that already has the code there is left as it is. The sender
//! is an account the node unlocks (anvil's), or one whose private key is in the environment
//! variable named by `--key-env`: the key is read from there, signed with in this process and
//! never logged, printed or put on another process's command line.

use sha3::{Digest, Keccak256};
use shared::hd::EvmAddress;
use shared::payout::{CANONICAL_FACTORY, DETERMINISTIC_DEPLOYER, FACTORY_SALT, create2_address};

use crate::cmd::{Result, fail};
use crate::legacy_tx::{Key, LegacyTx};
use crate::payout::{USAGE, address};
use crate::tools::Tools;

struct Args {
    rpc_url: String,
    from: EvmAddress,
    key_env: Option<String>,
}

fn parse(args: &[String]) -> Result<Args> {
    let (mut rpc_url, mut from, mut key_env) = (None, None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else {
            return fail(format!("{flag} needs a value"));
        };
        match flag.as_str() {
            "--rpc-url" => rpc_url = Some(value.clone()),
            "--from" => from = Some(address(flag, value)?),
            "--key-env" => key_env = Some(value.clone()),
            _ => return fail(format!("unknown flag {flag}; usage:\n{USAGE}")),
        }
    }
    match (rpc_url, from) {
        (Some(rpc_url), Some(from)) => Ok(Args {
            rpc_url,
            from,
            key_env,
        }),
        _ => fail(format!(
            "deploy-factory needs --rpc-url and --from; usage:\n{USAGE}"
        )),
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let args = parse(args)?;
    // The key is checked before anything touches the chain, so a wrong one fails every run.
    let key = args
        .key_env
        .as_deref()
        .map(|var| load_key(var, args.from))
        .transpose()?;
    let tools = Tools::new();
    let init = read_hex(&tools, "contracts/build/ForwarderFactory.bin")?;
    let target = create2_address(
        DETERMINISTIC_DEPLOYER,
        FACTORY_SALT,
        Keccak256::digest(&init).into(),
    );
    if target != CANONICAL_FACTORY {
        return fail(format!(
            "contracts/build/ForwarderFactory.bin deploys to {target}, not {CANONICAL_FACTORY}: \
             run `cargo xtask contracts` and the shared tests"
        ));
    }
    let cast = Cast {
        tools: &tools,
        rpc_url: &args.rpc_url,
    };
    if cast.has_code(target)? {
        println!("the factory is already deployed at {target}");
        return Ok(());
    }
    if !cast.has_code(DETERMINISTIC_DEPLOYER)? {
        return fail(format!(
            "this chain has no deterministic deployment proxy at {DETERMINISTIC_DEPLOYER}; \
             deploy it first with its presigned transaction \
             (github.com/Arachnid/deterministic-deployment-proxy)"
        ));
    }
    let mut data = FACTORY_SALT.as_bytes().to_vec();
    data.extend_from_slice(&init);
    let data_hex = format!("0x{}", hex(&data));
    let proxy = DETERMINISTIC_DEPLOYER.to_string();
    let receipt = match &key {
        None => cast.json(&[
            "send",
            "--unlocked",
            "--from",
            &args.from.to_string(),
            &proxy,
            &data_hex,
        ])?,
        Some(key) => {
            let raw = cast.signed(key, args.from, &data, &data_hex)?;
            cast.json(&["publish", &raw])?
        }
    };
    let status = receipt.get("status").and_then(|s| s.as_str());
    if status != Some("0x1") {
        return fail(format!("the deployment transaction failed: {receipt}"));
    }
    if !cast.has_code(target)? {
        return fail(format!(
            "the transaction succeeded but {target} has no code"
        ));
    }
    println!("deployed the factory at {target}");
    Ok(())
}

/// `cast` against one node; each call's output is parsed, never echoed.
struct Cast<'a> {
    tools: &'a Tools,
    rpc_url: &'a str,
}

impl Cast<'_> {
    fn call(&self, args: &[&str]) -> Result<String> {
        let mut command = self.tools.command(self.tools.node_tool("cast"));
        command.args(args).args(["--rpc-url", self.rpc_url]);
        // cast's own words on failure: no key is ever among its arguments, so none is in them.
        let done = command
            .stdin(std::process::Stdio::null())
            .output()
            .or_else(|e| fail(format!("cast {}: {e}", args[0])))?;
        if !done.status.success() {
            let why = String::from_utf8_lossy(&done.stderr);
            return fail(format!("cast {} failed: {}", args[0], why.trim()));
        }
        Ok(String::from_utf8_lossy(&done.stdout).trim().to_owned())
    }

    fn json(&self, args: &[&str]) -> Result<serde_json::Value> {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let text = self.call(&with_json)?;
        serde_json::from_str(&text).or_else(|e| fail(format!("cast {}: {e}", args[0])))
    }

    fn number(&self, args: &[&str]) -> Result<u128> {
        let text = self.call(args)?;
        text.parse()
            .or_else(|_| fail(format!("cast {} answered {text}", args[0])))
    }

    fn has_code(&self, at: EvmAddress) -> Result<bool> {
        Ok(self.call(&["code", &at.to_string()])? != "0x")
    }

    /// The raw transaction to the proxy carrying `data`, signed here with `key` for `from`.
    fn signed(&self, key: &Key, from: EvmAddress, data: &[u8], data_hex: &str) -> Result<String> {
        let from = from.to_string();
        let proxy = DETERMINISTIC_DEPLOYER.to_string();
        let estimate = self.number(&["estimate", "--from", &from, &proxy, data_hex])?;
        let tx = LegacyTx {
            nonce: u64::try_from(self.number(&["nonce", &from])?).unwrap_or(u64::MAX),
            // A quarter above the node's price, so the transaction is not left pending.
            gas_price: self.number(&["gas-price"])? * 5 / 4,
            // A fifth above the estimate: CREATE2 through the proxy estimates tightly.
            gas: u64::try_from(estimate * 6 / 5).unwrap_or(u64::MAX),
            to: *DETERMINISTIC_DEPLOYER.as_bytes(),
            value: 0,
            data,
            chain_id: u64::try_from(self.number(&["chain-id"])?).unwrap_or(u64::MAX),
        };
        let raw = key.sign(&tx).or_else(|e| fail(e.to_owned()))?;
        Ok(format!("0x{}", hex(&raw)))
    }
}

/// The private key in `$var`, which must be `from`'s. No message repeats the variable's value.
fn load_key(var: &str, from: EvmAddress) -> Result<Key> {
    let text = std::env::var(var).or_else(|_| fail(format!("${var} is not set")))?;
    let key = Key::parse(&text).or_else(|e| fail(format!("${var}: {e}")))?;
    if key.address() != *from.as_bytes() {
        return fail(format!("the key in ${var} is not the key of {from}"));
    }
    Ok(key)
}

fn read_hex(tools: &Tools, path: &str) -> Result<Vec<u8>> {
    let text = std::fs::read_to_string(tools.root.join(path))
        .or_else(|e| fail(format!("reading {path}: {e}")))?;
    let digits = text.trim();
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return fail(format!("{path} is not hex"));
    }
    Ok((0..digits.len() / 2)
        .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect())
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}
