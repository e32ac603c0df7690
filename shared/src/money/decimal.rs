//! The one plain-decimal grammar every amount and rate shares, and integers of a unit as text.
//!
//! Grammar: `digits ["." digits]`, ASCII digits only. No sign, exponent, whitespace, digit
//! separators, leading dot (`".5"`) or trailing dot (`"1."`): each has more than one reading
//! somewhere (JS, locales, spreadsheets), so only the spelling that has none is taken. Leading
//! zeros (`"007"`) are harmless and accepted.

use core::iter;

use crate::money::MoneyError;

/// Splits `text` into its whole and fraction digits (the fraction may be empty), or refuses it
/// with [`MoneyError::AmountInvalid`] when it is not in the grammar.
pub(super) fn split(text: &str) -> Result<(&str, &str), MoneyError> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(MoneyError::AmountInvalid);
    }
    Ok((whole, fraction.unwrap_or("")))
}

/// Reads a decimal string as an integer of units of 10^-`decimals`: `("12.5", 2)` is 1250.
/// More fraction digits than `decimals`, even zeros, is [`MoneyError::TooManyDecimals`]: a
/// value is written one way only. Past `u128::MAX` is [`MoneyError::AmountTooLarge`].
pub(super) fn parse_units(text: &str, decimals: u32) -> Result<u128, MoneyError> {
    let (whole, fraction) = split(text)?;
    let padding = (decimals as usize)
        .checked_sub(fraction.len())
        .ok_or(MoneyError::TooManyDecimals)?;
    whole
        .bytes()
        .chain(fraction.bytes())
        .chain(iter::repeat_n(b'0', padding))
        .try_fold(0u128, |acc, digit| {
            acc.checked_mul(10)?.checked_add(u128::from(digit - b'0'))
        })
        .ok_or(MoneyError::AmountTooLarge)
}

/// Reads a whole number of base units: digits only, no dot.
pub(super) fn parse_integer(text: &str) -> Result<u128, MoneyError> {
    parse_units(text, 0).map_err(|e| match e {
        MoneyError::TooManyDecimals => MoneyError::AmountInvalid,
        other => other,
    })
}

/// Writes `units` of 10^-`decimals` as a decimal string. With `trim`, trailing fraction zeros
/// (and then a bare dot) go: `(5_000, 6, true)` is `"0.005"`; without, exactly `decimals`
/// fraction digits are written: `(1250, 2, false)` is `"12.50"`.
pub(super) fn format_units(units: u128, decimals: u32, trim: bool) -> String {
    let decimals = decimals as usize;
    let width = decimals + 1;
    let padded = format!("{units:0>width$}");
    let (whole, fraction) = padded.split_at(padded.len() - decimals);
    let fraction = if trim {
        fraction.trim_end_matches('0')
    } else {
        fraction
    };
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_split_into_whole_and_fraction() {
        assert_eq!(split("12"), Ok(("12", "")));
        assert_eq!(split("12.50"), Ok(("12", "50")));
        assert_eq!(split("007.5"), Ok(("007", "5")));
    }

    #[test]
    fn anything_outside_the_grammar_is_invalid() {
        for bad in [
            "", ".", "1.", ".5", "-1", "+1", "1e3", "1E3", " 1", "1 ", "1_000", "1,5", "1.2.3",
            "0x1f", "NaN", "inf", "١٢", "１",
        ] {
            assert_eq!(split(bad), Err(MoneyError::AmountInvalid), "{bad:?}");
        }
    }

    #[test]
    fn units_scale_by_the_decimals() {
        assert_eq!(parse_units("12.5", 2), Ok(1250));
        assert_eq!(parse_units("0.005", 18), Ok(5_000_000_000_000_000));
        assert_eq!(parse_units("3", 0), Ok(3));
    }

    #[test]
    fn more_fraction_digits_than_the_decimals_are_refused_even_zeros() {
        assert_eq!(parse_units("1.234", 2), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_units("1.0", 0), Err(MoneyError::TooManyDecimals));
    }

    #[test]
    fn units_past_u128_are_too_large() {
        let max = u128::MAX.to_string();
        assert_eq!(parse_units(&max, 0), Ok(u128::MAX));
        assert_eq!(
            parse_units(&format!("{max}0"), 0),
            Err(MoneyError::AmountTooLarge)
        );
        assert_eq!(parse_units(&max, 1), Err(MoneyError::AmountTooLarge));
    }

    #[test]
    fn integers_take_no_dot() {
        assert_eq!(parse_integer("5000"), Ok(5000));
        assert_eq!(parse_integer("5.0"), Err(MoneyError::AmountInvalid));
        assert_eq!(parse_integer("-5"), Err(MoneyError::AmountInvalid));
    }

    #[test]
    fn units_format_padded_or_trimmed() {
        assert_eq!(format_units(1250, 2, false), "12.50");
        assert_eq!(format_units(5, 2, false), "0.05");
        assert_eq!(format_units(500, 0, false), "500");
        assert_eq!(format_units(5_000_000_000_000_000, 18, true), "0.005");
        assert_eq!(format_units(1_000_000, 6, true), "1");
        assert_eq!(format_units(0, 18, true), "0");
        assert_eq!(format_units(0, 2, false), "0.00");
    }
}
