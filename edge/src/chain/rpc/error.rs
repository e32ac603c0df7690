//! `RpcError`: every way a JSON-RPC exchange, or one call in it, fails to give a usable value.

use core::fmt;

/// Why no value. Logged by the caller; never shown to a customer.
///
/// Texts copied from an answer are cut to 80 characters so a hostile or broken node
/// cannot fill the log through us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RpcError {
    /// No HTTP answer at all (connect, DNS, timeout). Built by the worker, which must leave the
    /// node URL out of it: provider URLs carry API keys.
    Transport(String),
    /// An HTTP answer whose status is not 2xx.
    Http { status: u16 },
    /// The body is not a JSON-RPC answer to the batch sent: not JSON, not an array, or an id
    /// missing, repeated or never asked.
    Shape(String),
    /// The node's own JSON-RPC error object, for one call or for the whole batch.
    Rpc { code: i64, message: String },
    /// A result of the wrong JSON type or hex form for the call it answers.
    Decode(String),
    /// A hex number wider than the `bits` of the integer it is read into: never truncated.
    TooLarge { text: String, bits: u32 },
    /// `eth_call` answered `0x`: no contract at the token address, so no balance to read.
    NoContract,
    /// Not `0x` followed by 40 hex digits.
    InvalidAddress(String),
    /// A request this layer refuses to build; the text says which rule it broke.
    InvalidRequest(&'static str),
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RpcError::Transport(why) => write!(f, "no answer from the node: {why}"),
            RpcError::Http { status } => write!(f, "node answered HTTP {status}"),
            RpcError::Shape(why) => write!(f, "not a JSON-RPC answer to our batch: {why}"),
            RpcError::Rpc { code, message } => write!(f, "node error {code}: {message}"),
            RpcError::Decode(why) => write!(f, "unexpected result: {why}"),
            RpcError::TooLarge { text, bits } => write!(f, "{text} does not fit in {bits} bits"),
            RpcError::NoContract => write!(f, "no contract at the token address"),
            RpcError::InvalidAddress(text) => write!(f, "not an address: {text:?}"),
            RpcError::InvalidRequest(why) => write!(f, "refused to build the request: {why}"),
        }
    }
}

impl std::error::Error for RpcError {}

/// The most characters of an answer an error repeats.
pub(super) const SNIPPET_CHARS: usize = 80;

/// `text` cut to `SNIPPET_CHARS` characters (not bytes, so never inside a UTF-8 sequence).
pub(super) fn snippet(text: &str) -> String {
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_repeated_whole() {
        assert_eq!(snippet("0x1g"), "0x1g");
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let long = "é".repeat(200);
        let cut = snippet(&long);
        assert_eq!(cut.chars().count(), SNIPPET_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn the_message_names_the_node_error() {
        let error = RpcError::Rpc {
            code: -32602,
            message: "invalid string length".into(),
        };
        assert_eq!(
            error.to_string(),
            "node error -32602: invalid string length"
        );
    }
}
