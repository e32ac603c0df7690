//! Per-key rate limiting in fixed windows: the arithmetic and the header values, without I/O.

/// Window length in seconds.
pub const WINDOW_SECS: i64 = 60;
/// Requests per key per window when `RATE_LIMIT_PER_MINUTE` is not set.
pub const DEFAULT_LIMIT: u32 = 600;

/// Where a key stands in its current window, after counting this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: u32,
    /// Requests counted in this window, this one included.
    pub used: u32,
    /// Seconds until the window resets (at least 1).
    pub reset_in: i64,
}

impl Quota {
    /// The start of the window that holds unix second `now`.
    pub fn window_start(now: i64) -> i64 {
        now - now.rem_euclid(WINDOW_SECS)
    }

    pub fn new(limit: u32, used: u32, now: i64) -> Self {
        Self {
            limit,
            used,
            reset_in: (Self::window_start(now) + WINDOW_SECS - now).max(1),
        }
    }

    pub fn exceeded(&self) -> bool {
        self.used > self.limit
    }

    pub fn remaining(&self) -> u32 {
        self.limit.saturating_sub(self.used)
    }

    /// `RateLimit-Limit`, `-Remaining`, `-Reset` and `-Policy` (IETF draft fields).
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ratelimit-limit", self.limit.to_string()),
            ("ratelimit-remaining", self.remaining().to_string()),
            ("ratelimit-reset", self.reset_in.to_string()),
            (
                "ratelimit-policy",
                format!("{};w={WINDOW_SECS}", self.limit),
            ),
        ]
    }

    /// A configured limit (`RATE_LIMIT_PER_MINUTE`), or the default when unset or unusable.
    pub fn parse_limit(configured: Option<&str>) -> u32 {
        configured
            .and_then(|v| v.trim().parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_LIMIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_whole_minutes() {
        assert_eq!(Quota::window_start(120), 120);
        assert_eq!(Quota::window_start(179), 120);
        assert_eq!(Quota::window_start(180), 180);
    }

    #[test]
    fn the_last_allowed_request_leaves_none_remaining_and_the_next_exceeds() {
        let last = Quota::new(5, 5, 100);
        assert!(!last.exceeded());
        assert_eq!(last.remaining(), 0);
        let over = Quota::new(5, 6, 100);
        assert!(over.exceeded());
        assert_eq!(over.remaining(), 0);
    }

    #[test]
    fn reset_counts_the_seconds_left_in_the_window() {
        assert_eq!(Quota::new(5, 1, 100).reset_in, 20);
        assert_eq!(Quota::new(5, 1, 120).reset_in, 60);
        assert_eq!(Quota::new(5, 1, 179).reset_in, 1);
    }

    #[test]
    fn headers_carry_limit_remaining_reset_and_policy() {
        let headers = Quota::new(10, 3, 110).headers();
        assert_eq!(
            headers,
            vec![
                ("ratelimit-limit", "10".to_owned()),
                ("ratelimit-remaining", "7".to_owned()),
                ("ratelimit-reset", "10".to_owned()),
                ("ratelimit-policy", "10;w=60".to_owned()),
            ]
        );
    }

    #[test]
    fn a_missing_or_bad_configured_limit_falls_back_to_the_default() {
        assert_eq!(Quota::parse_limit(Some("30")), 30);
        assert_eq!(Quota::parse_limit(None), DEFAULT_LIMIT);
        assert_eq!(Quota::parse_limit(Some("0")), DEFAULT_LIMIT);
        assert_eq!(Quota::parse_limit(Some("lots")), DEFAULT_LIMIT);
    }
}
