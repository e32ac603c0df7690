//! Wire values the checkout components are fed with, as the public API would send them.

use shared::api::public::PublicLink;
use shared::api::sessions::{Payment, PublicSession, Quote};

pub const DEPOSIT: &str = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
pub const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
pub const ETH_DUE: &str = "4166666666666667";

/// An ETH quote on anvil for 12.50 USD at 3000.00, ending at `expires_at`.
pub fn eth_quote(expires_at: i64) -> Quote {
    Quote {
        id: "qt_00000000000000000000000e".into(),
        asset: "ETH".into(),
        decimals: 18,
        chain: "anvil".into(),
        chain_name: "Local test chain".into(),
        chain_id: 31337,
        token_address: None,
        rate: "3000.00".into(),
        amount_due: ETH_DUE.into(),
        amount_due_decimal: "0.004166666666666667".into(),
        amount_due_shown: "0.004167".into(),
        deposit_address: DEPOSIT.into(),
        payment_uri: format!("ethereum:{DEPOSIT}@31337?value={ETH_DUE}"),
        expires_at,
    }
}

/// A USDC quote for 12.50 USD at 1.
pub fn usdc_quote(expires_at: i64) -> Quote {
    Quote {
        id: "qt_00000000000000000000000c".into(),
        asset: "USDC".into(),
        decimals: 6,
        token_address: Some(TOKEN.into()),
        rate: "1".into(),
        amount_due: "12500000".into(),
        amount_due_decimal: "12.5".into(),
        amount_due_shown: "12.50".into(),
        payment_uri: format!("ethereum:{TOKEN}@31337/transfer?address={DEPOSIT}&uint256=12500000"),
        ..eth_quote(expires_at)
    }
}

pub const SESSION_ID: &str = "cs_00000000000000000000000a";

/// A session of the link `test-beans` on `quote` with `received` base units and the status
/// given.
pub fn session(status: &str, quote: Quote, received: &str, remaining: &str) -> PublicSession {
    PublicSession {
        id: SESSION_ID.into(),
        object: "public_session".into(),
        status: status.into(),
        amount: "12.50".into(),
        currency: "USD".into(),
        merchant_name: "Bean Shop".into(),
        title: Some("Beans".into()),
        description: None,
        assets: vec!["ETH".into(), "USDC".into()],
        chain: "anvil".into(),
        chain_name: "Local test chain".into(),
        payment_link: Some("test-beans".into()),
        quote: Some(quote),
        amount_received: received.into(),
        amount_remaining: remaining.into(),
        payments: vec![],
        confirmations_required: 2,
        success_url: None,
        cancel_url: None,
        expires_at: 1_900_000_000,
        livemode: false,
        unit_amount: "12.50".into(),
        form: Default::default(),
    }
}

/// A merchant's checkout (no link) for 42.00 EUR with no quote yet, with a way back.
pub fn checkout(status: &str) -> PublicSession {
    PublicSession {
        amount: "42.00".into(),
        unit_amount: "42.00".into(),
        currency: "EUR".into(),
        title: Some("Order A-1001".into()),
        description: Some("Two bags of beans".into()),
        payment_link: None,
        quote: None,
        amount_received: "0".into(),
        amount_remaining: "0".into(),
        cancel_url: Some("https://shop.example/cart".into()),
        ..session(status, eth_quote(0), "0", "0")
    }
}

pub fn paid_with(hash: &str, amount: &str) -> Payment {
    Payment {
        quote: "qt_00000000000000000000000c".into(),
        asset: "USDC".into(),
        tx_hash: Some(hash.into()),
        amount: amount.into(),
        block_number: Some(12),
        extra: false,
    }
}

/// A payable link; `custom` makes it a custom-amount link without bounds.
pub fn link(custom: bool, assets: &[&str]) -> PublicLink {
    PublicLink {
        object: "public_link".into(),
        slug: "test-beans".into(),
        merchant_name: "Bean Shop".into(),
        title: "Beans".into(),
        description: None,
        kind: if custom { "custom" } else { "fixed" }.into(),
        amount: (!custom).then(|| "12.50".into()),
        currency: "USD".into(),
        custom_amount: None,
        assets: assets.iter().map(|a| (*a).into()).collect(),
        chain: "anvil".into(),
        chain_name: "Local test chain".into(),
        chain_id: 31337,
        state: "payable".into(),
        inactive_message: None,
        cancel_url: None,
        livemode: false,
        form: Default::default(),
    }
}
