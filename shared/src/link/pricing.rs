//! `Pricing`: a fixed price, or bounds for the amount the customer enters.

use crate::money::{Currency, FiatAmount};

/// How a link is priced. Custom bounds hold `minimum ≤ preset ≤ maximum` where given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pricing {
    Fixed(FiatAmount),
    Custom(CustomBounds),
}

impl Pricing {
    pub fn currency(&self) -> Currency {
        match self {
            Pricing::Fixed(amount) => amount.currency(),
            Pricing::Custom(bounds) => bounds.currency,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Pricing::Fixed(_) => "fixed",
            Pricing::Custom(_) => "custom",
        }
    }
}

/// Bounds of a custom amount, all in the link's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomBounds {
    pub currency: Currency,
    pub minimum: Option<FiatAmount>,
    pub maximum: Option<FiatAmount>,
    pub preset: Option<FiatAmount>,
}

/// Why custom bounds do not hold together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundsError {
    /// `minimum` is above `maximum`.
    Range,
    /// `preset` is outside `minimum..=maximum`.
    Preset,
}

impl CustomBounds {
    pub fn new(
        currency: Currency,
        minimum: Option<FiatAmount>,
        maximum: Option<FiatAmount>,
        preset: Option<FiatAmount>,
    ) -> Result<Self, BoundsError> {
        let minor = |a: Option<FiatAmount>| a.map(FiatAmount::minor);
        if let (Some(min), Some(max)) = (minor(minimum), minor(maximum))
            && min > max
        {
            return Err(BoundsError::Range);
        }
        if let Some(preset) = minor(preset) {
            let above_min = minor(minimum).is_none_or(|min| preset >= min);
            let below_max = minor(maximum).is_none_or(|max| preset <= max);
            if !(above_min && below_max) {
                return Err(BoundsError::Preset);
            }
        }
        Ok(Self {
            currency,
            minimum,
            maximum,
            preset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(text: &str) -> Option<FiatAmount> {
        Some(FiatAmount::parse(text, Currency::Usd).unwrap())
    }

    #[test]
    fn bounds_in_order_with_a_preset_inside_hold() {
        assert!(CustomBounds::new(Currency::Usd, usd("1"), usd("100"), usd("20")).is_ok());
        assert!(CustomBounds::new(Currency::Usd, None, None, usd("20")).is_ok());
        assert!(CustomBounds::new(Currency::Usd, usd("5"), usd("5"), usd("5")).is_ok());
    }

    #[test]
    fn a_minimum_above_the_maximum_is_refused() {
        assert_eq!(
            CustomBounds::new(Currency::Usd, usd("10"), usd("9.99"), None),
            Err(BoundsError::Range)
        );
    }

    #[test]
    fn a_preset_outside_the_bounds_is_refused() {
        assert_eq!(
            CustomBounds::new(Currency::Usd, usd("10"), None, usd("9")),
            Err(BoundsError::Preset)
        );
        assert_eq!(
            CustomBounds::new(Currency::Usd, None, usd("10"), usd("11")),
            Err(BoundsError::Preset)
        );
    }
}
