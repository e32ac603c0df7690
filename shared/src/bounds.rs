//! The ranges of the numbers the API accepts, in one place, so every parser, the OpenAPI
//! document and the stored rows agree.
//!
//! Every integer the API takes or gives fits a JavaScript number exactly (at most 2^53 − 1, see
//! [`crate::api::json_guard`]) and a SQLite INTEGER; timestamps are unix seconds from 1970 to
//! the end of year 9999, the range every date library and ISO 8601 handle.

/// The latest timestamp accepted: 9999-12-31T23:59:59Z.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// The largest `max_payments` a link may set.
pub const MAX_PAYMENTS: u32 = 1_000_000_000;

/// Whether `seconds` is a timestamp the API accepts (0 to [`MAX_TIMESTAMP`]).
pub fn timestamp_in_range(seconds: i64) -> bool {
    (0..=MAX_TIMESTAMP).contains(&seconds)
}

/// A timestamp in a query string: ASCII digits only (no sign, `+`, spaces or exponent), within
/// the accepted range.
pub fn query_timestamp(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|&t| timestamp_in_range(t))
}

/// A timestamp as a stored row holds it (D1 hands numbers over as JS numbers), brought into
/// range: rows written before these bounds existed may hold any number, and one such row must
/// not make the reads that show it fail. Past the end of year 9999 reads as its last second
/// (the link still "never" expires in practice); before 1970 as 0; not a number as 0.
pub fn stored_timestamp(value: f64) -> i64 {
    if value.is_nan() {
        0
    } else {
        // A float-to-int `as` saturates, and the clamp keeps it in range.
        (value as i64).clamp(0, MAX_TIMESTAMP)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_range_is_1970_to_the_end_of_9999() {
        assert!(timestamp_in_range(0));
        assert!(timestamp_in_range(MAX_TIMESTAMP));
        assert!(!timestamp_in_range(-1));
        assert!(!timestamp_in_range(MAX_TIMESTAMP + 1));
        // 9999-12-31T23:59:59Z, counted: 2932896 days from 1970 to 10000, less one second.
        assert_eq!(MAX_TIMESTAMP, 2_932_897 * 86_400 - 1);
    }

    #[test]
    fn query_timestamps_are_plain_digits_in_range() {
        assert_eq!(query_timestamp("0"), Some(0));
        assert_eq!(query_timestamp("1700000000"), Some(1_700_000_000));
        assert_eq!(query_timestamp("253402300799"), Some(MAX_TIMESTAMP));
        for bad in [
            "",
            "-1",
            "+5",
            " 5",
            "5 ",
            "1e3",
            "1.5",
            "253402300800",
            "9223372036854775807",
            "99999999999999999999",
            "x",
        ] {
            assert_eq!(query_timestamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn stored_values_out_of_range_read_as_the_nearest_bound() {
        assert_eq!(stored_timestamp(9_007_199_254_740_992.0), MAX_TIMESTAMP);
        assert_eq!(stored_timestamp(9.223_372_036_854_776e18), MAX_TIMESTAMP);
        assert_eq!(stored_timestamp(f64::INFINITY), MAX_TIMESTAMP);
        assert_eq!(stored_timestamp(-5.0), 0);
        assert_eq!(stored_timestamp(f64::NAN), 0);
        assert_eq!(stored_timestamp(1_700_000_000.0), 1_700_000_000);
    }

    proptest! {
        #[test]
        fn every_accepted_timestamp_reads_back_unchanged(t in 0..=MAX_TIMESTAMP) {
            prop_assert!(timestamp_in_range(t));
            prop_assert_eq!(query_timestamp(&t.to_string()), Some(t));
            prop_assert_eq!(stored_timestamp(t as f64), t);
        }

        #[test]
        fn any_query_text_parses_only_to_a_timestamp_in_range(text in "\\PC{0,20}") {
            if let Some(t) = query_timestamp(&text) {
                prop_assert!(timestamp_in_range(t));
                let shown = t.to_string();
                prop_assert_eq!(shown.trim_start_matches('0'), text.trim_start_matches('0'));
            }
        }
    }
}
