//! A session's amount when the customer picks a quantity: the unit price times the quantity,
//! exact in the currency's minor units (no rounding can happen, so none is done).

use crate::money::{FiatAmount, MoneyError};

/// `unit × quantity`; past [`FiatAmount::MAX_MINOR`] is [`MoneyError::AmountTooLarge`].
pub fn total(unit: FiatAmount, quantity: u32) -> Result<FiatAmount, MoneyError> {
    let minor = unit
        .minor()
        .checked_mul(u64::from(quantity))
        .ok_or(MoneyError::AmountTooLarge)?;
    FiatAmount::from_minor(minor, unit.currency())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn eur(text: &str) -> FiatAmount {
        FiatAmount::parse(text, Currency::Eur).unwrap()
    }

    #[test]
    fn three_at_9_99_eur_are_29_97_eur_exactly() {
        let total = total(eur("9.99"), 3).unwrap();
        assert_eq!(total.to_string(), "29.97");
        assert_eq!(total.minor(), 2997);
        assert_eq!(total.currency(), Currency::Eur);
    }

    #[test]
    fn one_is_the_unit_price_and_currencies_without_decimals_stay_whole() {
        assert_eq!(total(eur("12.50"), 1).unwrap(), eur("12.50"));
        let yen = FiatAmount::parse("1500", Currency::Jpy).unwrap();
        assert_eq!(total(yen, 7).unwrap().to_string(), "10500");
    }

    #[test]
    fn a_total_past_the_largest_amount_is_refused() {
        let unit = FiatAmount::from_minor(FiatAmount::MAX_MINOR / 2 + 1, Currency::Usd).unwrap();
        assert_eq!(total(unit, 2), Err(MoneyError::AmountTooLarge));
        let max = FiatAmount::from_minor(FiatAmount::MAX_MINOR, Currency::Usd).unwrap();
        assert_eq!(total(max, u32::MAX), Err(MoneyError::AmountTooLarge));
    }

    proptest! {
        #[test]
        fn a_total_is_the_unit_added_quantity_times(minor in 0u64..=1_000_000_000_000, quantity in 1u32..=1000) {
            let unit = FiatAmount::from_minor(minor, Currency::Eur).unwrap();
            let sum = total(unit, quantity).unwrap();
            let mut added = 0u64;
            for _ in 0..quantity {
                added += minor;
            }
            prop_assert_eq!(sum.minor(), added);
            // Divided back, the unit price returns with nothing left over.
            prop_assert_eq!(sum.minor() % u64::from(quantity), 0);
            prop_assert_eq!(sum.minor() / u64::from(quantity), minor);
        }
    }
}
