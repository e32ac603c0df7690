//! When to try a JSON-RPC request again, and how long to wait first.
//!
//! Pure: the worker sleeps and adds jitter if it wants; the policy here is only the schedule
//! and which failures can pass on their own.

use super::error::RpcError;

/// The wait before the first retry; each further retry doubles it.
const FIRST_RETRY_DELAY_MS: u64 = 200;

/// No wait is longer: a cron sweep has seconds, not minutes, to finish.
pub const MAX_RETRY_DELAY_MS: u64 = 5_000;

/// Retries after the first attempt: 200 + 400 + 800 + 1600 ms = 3 s of waiting at most.
pub const MAX_RETRIES: u32 = 4;

/// Node error codes that say "later": -32005 limit exceeded (EIP-1474), -32603 internal error,
/// and 429, which some providers put in the error object instead of the HTTP status.
const RETRYABLE_CODES: [i64; 3] = [-32005, -32603, 429];

/// Messages that say "later" whatever the code. "header not found" is a load-balanced node
/// behind the others, asked for a block it has not seen yet.
const RETRYABLE_MESSAGES: [&str; 4] = [
    "rate limit",
    "too many requests",
    "header not found",
    "timeout",
];

/// How providers say a log query's range or result is too big. Retrying the same query fails
/// the same way, even under a "limit exceeded" code: the range must shrink.
const RANGE_MESSAGES: [&str; 5] = [
    "query returned more than",
    "too many results",
    "response size",
    "block range is too",
    "maximum block range",
];

/// Milliseconds to wait before retry number `attempt`, counted from 0: 200, 400, 800, … up to
/// [`MAX_RETRY_DELAY_MS`]. Saturates rather than overflows for any `attempt`.
pub fn retry_delay_ms(attempt: u32) -> u64 {
    let factor = 1u64.checked_shl(attempt).unwrap_or(u64::MAX);
    FIRST_RETRY_DELAY_MS
        .saturating_mul(factor)
        .min(MAX_RETRY_DELAY_MS)
}

impl RpcError {
    /// True when the same request may succeed later: no answer, HTTP 429 or a 5xx (except 501
    /// and 505, which will not change), or a node error that says it is busy or behind.
    /// Invalid params, unknown methods, reverts, and answers we could not read are final: a
    /// node that sent an answer we cannot read will send it again.
    pub fn is_retryable(&self) -> bool {
        match self {
            RpcError::Transport(_) => true,
            RpcError::Http { status } => {
                *status == 429 || ((500..600).contains(status) && !matches!(status, 501 | 505))
            }
            RpcError::Rpc { code, message } => {
                !self.is_range_too_large()
                    && (RETRYABLE_CODES.contains(code) || mentions(message, &RETRYABLE_MESSAGES))
            }
            RpcError::Shape(_)
            | RpcError::Decode(_)
            | RpcError::TooLarge { .. }
            | RpcError::NoContract
            | RpcError::InvalidAddress(_)
            | RpcError::InvalidRequest(_) => false,
        }
    }

    /// True when a node refused an `eth_getLogs` for its size: ask again with a smaller block
    /// range instead of the same one. Recognises the known phrasings only.
    pub fn is_range_too_large(&self) -> bool {
        match self {
            RpcError::Rpc { message, .. } => mentions(message, &RANGE_MESSAGES),
            RpcError::Transport(_)
            | RpcError::Http { .. }
            | RpcError::Shape(_)
            | RpcError::Decode(_)
            | RpcError::TooLarge { .. }
            | RpcError::NoContract
            | RpcError::InvalidAddress(_)
            | RpcError::InvalidRequest(_) => false,
        }
    }
}

fn mentions(message: &str, phrases: &[&str]) -> bool {
    let message = message.to_ascii_lowercase();
    phrases.iter().any(|phrase| message.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rpc(code: i64, message: &str) -> RpcError {
        RpcError::Rpc {
            code,
            message: message.into(),
        }
    }

    #[test]
    fn the_delay_doubles_from_200_ms() {
        let delays: Vec<u64> = (0..5).map(retry_delay_ms).collect();
        assert_eq!(delays, [200, 400, 800, 1600, 3200]);
    }

    #[test]
    fn the_delay_is_capped_and_never_overflows() {
        assert_eq!(retry_delay_ms(5), MAX_RETRY_DELAY_MS);
        for attempt in [6, 63, 64, 65, u32::MAX] {
            assert_eq!(retry_delay_ms(attempt), MAX_RETRY_DELAY_MS, "{attempt}");
        }
    }

    #[test]
    fn the_retries_fit_in_a_few_seconds() {
        let total: u64 = (0..MAX_RETRIES).map(retry_delay_ms).sum();
        assert_eq!(total, 3_000);
    }

    #[test]
    fn no_answer_rate_limits_and_server_errors_are_retried() {
        assert!(RpcError::Transport("connection reset".into()).is_retryable());
        for status in [429, 500, 502, 503, 504, 522] {
            assert!(RpcError::Http { status }.is_retryable(), "{status}");
        }
    }

    #[test]
    fn client_errors_and_permanent_server_errors_are_not_retried() {
        for status in [400, 401, 403, 404, 413, 501, 505] {
            assert!(!RpcError::Http { status }.is_retryable(), "{status}");
        }
    }

    #[test]
    fn busy_or_internal_node_errors_are_retried() {
        let busy = [
            rpc(-32005, "limit exceeded"),
            rpc(-32005, "daily request count exceeded, request rate limited"),
            rpc(-32603, "internal error"),
            rpc(
                429,
                "Your app has exceeded its compute units per second capacity",
            ),
            rpc(-32000, "header not found"),
            rpc(-32016, "Rate limit exceeded"),
        ];
        for error in busy {
            assert!(error.is_retryable(), "{error}");
        }
    }

    #[test]
    fn invalid_requests_and_reverts_are_not_retried() {
        let final_errors = [
            rpc(-32602, "invalid string length"),
            rpc(
                -32602,
                "BlockOutOfRangeError: block height is 4 but requested was 16",
            ),
            rpc(-32601, "Method not found"),
            rpc(-32600, "Invalid request"),
            rpc(3, "execution reverted"),
        ];
        for error in final_errors {
            assert!(!error.is_retryable(), "{error}");
        }
    }

    #[test]
    fn answers_we_cannot_read_are_not_retried() {
        let errors = [
            RpcError::Shape("no answer has id 2".into()),
            RpcError::Decode("not a hex quantity".into()),
            RpcError::TooLarge {
                text: "0x1".into(),
                bits: 128,
            },
            RpcError::NoContract,
            RpcError::InvalidAddress("0x1".into()),
            RpcError::InvalidRequest("no recipient to look for"),
        ];
        for error in errors {
            assert!(!error.is_retryable(), "{error}");
        }
    }

    #[test]
    fn a_log_query_that_is_too_large_asks_for_a_smaller_range_not_a_retry() {
        let too_large = [
            rpc(-32005, "query returned more than 10000 results"),
            rpc(
                -32602,
                "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
            ),
            rpc(-32000, "exceed maximum block range: 5000"),
        ];
        for error in too_large {
            assert!(error.is_range_too_large(), "{error}");
            assert!(!error.is_retryable(), "{error}");
        }
    }

    #[test]
    fn other_errors_are_not_a_range_too_large() {
        let errors = [
            rpc(-32602, "block range extends beyond current head block"),
            rpc(-32005, "limit exceeded"),
            RpcError::Http { status: 413 },
        ];
        for error in errors {
            assert!(!error.is_range_too_large(), "{error}");
        }
    }
}
