//! Checking the amount a customer types for a custom link, with messages in plain words.

use shared::api::links::CustomAmount;
use shared::money::{Currency, FiatAmount, MoneyError};

/// What is wrong with a typed amount; `Display` is the sentence the customer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountProblem {
    Empty,
    NotANumber { whole_only: bool },
    TooManyDecimals { currency: Currency },
    NotPositive,
    TooLarge,
    BelowMinimum(FiatAmount),
    AboveMaximum(FiatAmount),
}

impl std::fmt::Display for AmountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmountProblem::Empty => f.write_str("Enter an amount."),
            AmountProblem::NotANumber { whole_only: true } => {
                f.write_str("Use digits only, such as 1500.")
            }
            AmountProblem::NotANumber { whole_only: false } => {
                f.write_str("Use digits, with a dot before the cents, such as 12.50.")
            }
            AmountProblem::TooManyDecimals { currency } if currency.exponent() == 0 => {
                write!(f, "{currency} amounts are whole numbers.")
            }
            AmountProblem::TooManyDecimals { currency } => {
                write!(
                    f,
                    "{currency} amounts have at most {} decimals.",
                    currency.exponent()
                )
            }
            AmountProblem::NotPositive => f.write_str("Enter an amount above zero."),
            AmountProblem::TooLarge => f.write_str("That amount is too large."),
            AmountProblem::BelowMinimum(min) => {
                write!(f, "The minimum is {min} {}.", min.currency())
            }
            AmountProblem::AboveMaximum(max) => {
                write!(f, "The maximum is {max} {}.", max.currency())
            }
        }
    }
}

/// Checks `input` (surrounding spaces ignored) against the currency's decimals and the link's
/// bounds. Bounds the page cannot read are ignored: the API checks them again.
pub fn check(
    input: &str,
    currency: Currency,
    bounds: Option<&CustomAmount>,
) -> Result<FiatAmount, AmountProblem> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AmountProblem::Empty);
    }
    let amount = FiatAmount::parse(input, currency).map_err(|e| match e {
        MoneyError::TooManyDecimals => AmountProblem::TooManyDecimals { currency },
        MoneyError::AmountTooLarge => AmountProblem::TooLarge,
        _ => AmountProblem::NotANumber {
            whole_only: currency.exponent() == 0,
        },
    })?;
    if amount.is_zero() {
        return Err(AmountProblem::NotPositive);
    }
    let bound = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| FiatAmount::parse(t, currency).ok())
    };
    if let Some(min) = bounds.and_then(|b| bound(&b.minimum))
        && amount.minor() < min.minor()
    {
        return Err(AmountProblem::BelowMinimum(min));
    }
    if let Some(max) = bounds.and_then(|b| bound(&b.maximum))
        && amount.minor() > max.minor()
    {
        return Err(AmountProblem::AboveMaximum(max));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(min: Option<&str>, max: Option<&str>) -> CustomAmount {
        CustomAmount {
            minimum: min.map(Into::into),
            maximum: max.map(Into::into),
            preset: None,
        }
    }

    fn message(input: &str, currency: Currency, b: Option<&CustomAmount>) -> String {
        check(input, currency, b).unwrap_err().to_string()
    }

    #[test]
    fn a_valid_amount_within_bounds_is_accepted() {
        let b = bounds(Some("5.00"), Some("500.00"));
        assert_eq!(
            check(" 12.5 ", Currency::Usd, Some(&b)).unwrap().minor(),
            1250
        );
        assert_eq!(check("5", Currency::Usd, Some(&b)).unwrap().minor(), 500);
        assert_eq!(
            check("500", Currency::Usd, Some(&b)).unwrap().minor(),
            50_000
        );
    }

    #[test]
    fn each_problem_reads_as_a_plain_sentence() {
        let b = bounds(Some("5.00"), Some("500.00"));
        assert_eq!(message("", Currency::Usd, None), "Enter an amount.");
        assert_eq!(
            message("12,50", Currency::Usd, None),
            "Use digits, with a dot before the cents, such as 12.50."
        );
        assert_eq!(
            message("abc", Currency::Jpy, None),
            "Use digits only, such as 1500."
        );
        assert_eq!(
            message("1.234", Currency::Usd, None),
            "USD amounts have at most 2 decimals."
        );
        assert_eq!(
            message("1.5", Currency::Jpy, None),
            "JPY amounts are whole numbers."
        );
        assert_eq!(
            message("0.00", Currency::Usd, None),
            "Enter an amount above zero."
        );
        assert_eq!(
            message("99999999999999999", Currency::Usd, None),
            "That amount is too large."
        );
        assert_eq!(
            message("4.99", Currency::Usd, Some(&b)),
            "The minimum is 5.00 USD."
        );
        assert_eq!(
            message("500.01", Currency::Usd, Some(&b)),
            "The maximum is 500.00 USD."
        );
    }

    #[test]
    fn signs_and_exponents_are_not_numbers_here() {
        for bad in ["-5", "+5", "1e3", ".5", "5."] {
            assert!(
                matches!(
                    check(bad, Currency::Eur, None),
                    Err(AmountProblem::NotANumber { .. })
                ),
                "{bad}"
            );
        }
    }
}
