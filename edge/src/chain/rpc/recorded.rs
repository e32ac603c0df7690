//! Answers recorded from anvil 1.7.1 (`tests/harness/token.mjs` deploying a 6-decimals test
//! USDC at its first contract address), so tests read the exact shapes a node sends.

/// The test token's address on a fresh anvil.
pub const TOKEN: &str = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

/// A batch of 9 calls: `eth_blockNumber`; `eth_getBalance` of the dev account; `balanceOf`
/// of 0x1111… (12.345678 USDC); `eth_getLogs` of transfers to 0x1111… and 0x2222…; `balanceOf`
/// on an account without code; `eth_getBalance` of a short address; `eth_getBalance` at two
/// blocks past the head; an unknown method.
pub const BATCH: &str = r#"[{"jsonrpc":"2.0","id":1,"result":"0x4"},{"jsonrpc":"2.0","id":2,"result":"0x21e19dbe7710eceddca"},{"jsonrpc":"2.0","id":3,"result":"0x0000000000000000000000000000000000000000000000000000000000bc614e"},{"jsonrpc":"2.0","id":4,"result":[{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266","0x0000000000000000000000001111111111111111111111111111111111111111"],"data":"0x0000000000000000000000000000000000000000000000000000000000bc614e","blockHash":"0xf09f62310959c7a9b5570cc0a8ceed2c95de8fb2e7b8163385508c4d10112281","blockNumber":"0x3","blockTimestamp":"0x6b0dc239","transactionHash":"0xa489d434075793cbcffa1048dbc7175ef84c58d175d7ae5989ada58610b4bdc9","transactionIndex":"0x0","logIndex":"0x0","removed":false},{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266","0x0000000000000000000000002222222222222222222222222222222222222222"],"data":"0x00000000000000000000000000000000000000000000000000000000004c4b40","blockHash":"0xafa31a426a21620bbf3363c47f216e7a6b25437ee09c28d6e93c6477ba410bda","blockNumber":"0x4","blockTimestamp":"0x6b0dc239","transactionHash":"0x8cde0dd66e3ea6416b3b9228a74853f5c4aebbb174286c817dc6cca28cc37d20","transactionIndex":"0x0","logIndex":"0x0","removed":false}]},{"jsonrpc":"2.0","id":5,"result":"0x"},{"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"invalid string length"}},{"jsonrpc":"2.0","id":7,"error":{"code":-32602,"message":"BlockOutOfRangeError: block height is 4 but requested was 16"}},{"jsonrpc":"2.0","id":8,"error":{"code":-32602,"message":"BlockOutOfRangeError: block height is 4 but requested was 39321"}},{"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"Method not found"}}]"#;

/// anvil's answer to `[]`, `[1]` or a body that is not JSON: one object, not an array.
pub const INVALID_REQUEST: &str =
    r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}"#;

/// anvil's answer to a single (non-batch) `eth_getBalance`.
pub const SINGLE_RESULT: &str = r#"{"jsonrpc":"2.0","id":1,"result":"0x0"}"#;

/// One log of the mint: a Transfer from the zero address to the dev account (1000 USDC).
pub const MINT_LOG: &str = r#"{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x0000000000000000000000000000000000000000000000000000000000000000","0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266"],"data":"0x000000000000000000000000000000000000000000000000000000003b9aca00","blockHash":"0xb05bc0451124f80838e82c63bfcee6981c6d0f9a8b9f974708205b8c8577e69a","blockNumber":"0x2","blockTimestamp":"0x6b0dc239","transactionHash":"0xeb805e6c64edddb6d36b58f7e8214a8802bf73763a0f618a74b19cc3d9b836ac","transactionIndex":"0x0","logIndex":"0x0","removed":false}"#;
