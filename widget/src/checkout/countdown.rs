//! The time left on a quote, counted on the server's clock so a phone set wrong reads it right.

/// Differences below this are the `Date` header's one-second rounding and network delay, not a
/// wrong clock: they are ignored, so a correct clock is used as it is.
const SKEW_TOLERANCE_MS: i64 = 5_000;

/// How far the server's clock is ahead of the browser's, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockOffset(i64);

impl ClockOffset {
    /// From a response's `Date` header time and the browser's time on receipt (both unix ms).
    pub fn measure(server_ms: Option<i64>, browser_ms: i64) -> Self {
        match server_ms {
            Some(server) if (server - browser_ms).abs() > SKEW_TOLERANCE_MS => {
                Self(server - browser_ms)
            }
            _ => Self(0),
        }
    }

    /// The server's time in unix seconds, given the browser's in milliseconds.
    pub fn server_secs(self, browser_ms: i64) -> i64 {
        (browser_ms + self.0).div_euclid(1000)
    }
}

/// Whole seconds from `now` until `expires_at` (unix seconds), zero once past.
pub fn seconds_left(expires_at: i64, now: i64) -> u64 {
    u64::try_from(expires_at.saturating_sub(now)).unwrap_or(0)
}

/// `m:ss` under an hour, `h:mm:ss` from an hour: `14:59`, `0:05`, `1:00:00`.
pub fn clock_text(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The sentence under the quote: how long it holds, or that it ran out.
pub fn countdown_text(seconds: u64) -> String {
    if seconds == 0 {
        "This quote has expired.".into()
    } else {
        format!("Quote expires in {}", clock_text(seconds))
    }
}

/// The browser's clock in unix milliseconds (faked by Playwright's `page.clock` in tests).
pub fn browser_ms() -> i64 {
    // Milliseconds since 1970 fit an f64 exactly for the next 280 000 years.
    js_sys::Date::now() as i64
}

/// A `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`) as unix milliseconds.
pub fn http_date_ms(header: &str) -> Option<i64> {
    let ms = js_sys::Date::parse(header);
    ms.is_finite().then_some(ms as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_minutes_and_seconds_then_hours() {
        assert_eq!(clock_text(899), "14:59");
        assert_eq!(clock_text(900), "15:00");
        assert_eq!(clock_text(5), "0:05");
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(3600), "1:00:00");
        assert_eq!(clock_text(3661), "1:01:01");
    }

    #[test]
    fn the_countdown_says_when_the_quote_ran_out() {
        assert_eq!(countdown_text(61), "Quote expires in 1:01");
        assert_eq!(countdown_text(1), "Quote expires in 0:01");
        assert_eq!(countdown_text(0), "This quote has expired.");
    }

    #[test]
    fn seconds_left_never_goes_below_zero() {
        assert_eq!(seconds_left(1_000, 100), 900);
        assert_eq!(seconds_left(1_000, 1_000), 0);
        assert_eq!(seconds_left(1_000, 5_000), 0);
        assert_eq!(seconds_left(i64::MIN, i64::MAX), 0);
    }

    #[test]
    fn a_browser_clock_set_wrong_is_corrected_by_the_server_date() {
        // The phone is ten minutes fast: the quote still shows its full time.
        let offset = ClockOffset::measure(Some(1_000_000_000), 1_000_600_000);
        assert_eq!(offset.server_secs(1_000_600_000), 1_000_000);
        assert_eq!(
            seconds_left(1_000_000 + 900, offset.server_secs(1_000_600_000)),
            900
        );
    }

    #[test]
    fn a_small_difference_or_no_date_leaves_the_browser_clock_alone() {
        assert_eq!(ClockOffset::measure(Some(10_000), 12_500), ClockOffset(0));
        assert_eq!(ClockOffset::measure(None, 12_500), ClockOffset(0));
        assert_eq!(ClockOffset::default().server_secs(12_999), 12);
    }
}
