//! `cargo xtask sweep`: asks a running worker what there is to sweep (`GET /v1/sweeps`) and
//! for the transactions (`POST /v1/sweeps`), then sends each from `--from`: an account the
//! node unlocks (anvil's), or one whose private key is in `$VAR` (`--key-env`), signed here.
//! The API key is read from `$PAYLINK_API_KEY`, so it never reaches a command line.

use serde_json::Value;

use crate::cmd::{Result, fail};
use crate::deploy::{Cast, load_key};
use crate::payout::address;
use crate::tools::Tools;

pub const USAGE: &str = "  sweep --api URL --rpc-url URL --from ADDR [--chain NAME] [--key-env VAR]
                                send the sweep transactions the worker at URL answers for the
                                merchant of $PAYLINK_API_KEY (unlocked sender, or the key in $VAR)";

/// The worker's answer to `method path`, by node's `fetch` (the API key from the environment).
fn api(tools: &Tools, base: &str, method: &str, path: &str, body: &str) -> Result<Value> {
    const SCRIPT: &str = "const [url, method, body] = process.argv.slice(1);\
        const r = await fetch(url, { method, headers: { authorization: `Bearer ${process.env.PAYLINK_API_KEY}`,\
        'content-type': 'application/json' }, body: method === 'GET' ? undefined : body });\
        const text = await r.text(); if (!r.ok) { console.error(r.status, text); process.exit(1); }\
        console.log(text);";
    if std::env::var("PAYLINK_API_KEY").is_err() {
        return fail("$PAYLINK_API_KEY is not set (a secret key of the merchant)");
    }
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let done = tools
        .command("node")
        .args(["--input-type=module", "-e", SCRIPT, &url, method, body])
        .output()
        .or_else(|e| fail(format!("node: {e}")))?;
    if !done.status.success() {
        let why = String::from_utf8_lossy(&done.stderr);
        return fail(format!("{method} {path}: {}", why.trim()));
    }
    serde_json::from_slice(&done.stdout).or_else(|e| fail(format!("{method} {path}: {e}")))
}

fn text<'a>(value: &'a Value, name: &str) -> Result<&'a str> {
    value[name]
        .as_str()
        .map_or_else(|| fail(format!("the answer has no {name}")), Ok)
}

pub fn run(args: &[String]) -> Result<()> {
    let (mut base, mut rpc_url, mut from, mut chain, mut key_env) = (None, None, None, None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else {
            return fail(format!("{flag} needs a value"));
        };
        match flag.as_str() {
            "--api" => base = Some(value.clone()),
            "--rpc-url" => rpc_url = Some(value.clone()),
            "--from" => from = Some(address(flag, value)?),
            "--chain" => chain = Some(value.clone()),
            "--key-env" => key_env = Some(value.clone()),
            _ => return fail(format!("unknown flag {flag}; usage:\n{USAGE}")),
        }
    }
    let (Some(base), Some(rpc_url), Some(from)) = (base, rpc_url, from) else {
        return fail(format!(
            "sweep needs --api, --rpc-url and --from; usage:\n{USAGE}"
        ));
    };
    let key = key_env.as_deref().map(|v| load_key(v, from)).transpose()?;
    let tools = Tools::new();
    let listed = api(&tools, &base, "GET", "/v1/sweeps", "")?;
    for total in listed["totals"].as_array().into_iter().flatten() {
        println!(
            "{} {}: {} base units at {} addresses",
            text(total, "chain")?,
            text(total, "asset")?,
            text(total, "total")?,
            total["addresses"]
        );
    }
    let body = match &chain {
        Some(name) => serde_json::json!({ "chain": name }).to_string(),
        None => "{}".into(),
    };
    let plan = api(&tools, &base, "POST", "/v1/sweeps", &body)?;
    let cast = Cast {
        tools: &tools,
        rpc_url: &rpc_url,
    };
    let transactions = plan["transactions"].as_array().cloned().unwrap_or_default();
    if transactions.is_empty() {
        println!("nothing to sweep");
    }
    for tx in &transactions {
        let to = address("to", text(tx, "to")?)?;
        let data_hex = text(tx, "data")?;
        let receipt = match &key {
            None => cast.json(&[
                "send",
                "--unlocked",
                "--from",
                &from.to_string(),
                "--gas-limit",
                text(tx, "gas")?,
                &to.to_string(),
                data_hex,
            ])?,
            Some(key) => {
                let data = decode(data_hex)?;
                let raw = cast.signed(key, from, to, &data, data_hex)?;
                cast.json(&["publish", &raw])?
            }
        };
        let status = receipt.get("status").and_then(Value::as_str);
        if status != Some("0x1") {
            return fail(format!("a sweep transaction failed: {receipt}"));
        }
        println!(
            "swept {} addresses to {} in {} (gas used {})",
            tx["deposit_addresses"].as_array().map_or(0, Vec::len),
            text(tx, "payout_address")?,
            text(&receipt, "transactionHash")?,
            receipt["gasUsed"]
        );
    }
    Ok(())
}

fn decode(data: &str) -> Result<Vec<u8>> {
    let digits = data.strip_prefix("0x").unwrap_or(data);
    if !digits.len().is_multiple_of(2) || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return fail("the transaction's data is not hex");
    }
    Ok((0..digits.len() / 2)
        .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect())
}
