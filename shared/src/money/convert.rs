//! Fiat ↔ crypto conversion at a [`Rate`]: the one place amounts change unit, exactly.
//!
//! Both directions compute with integers only. A rate's price is `mantissa / 10^scale`, so an
//! amount converts by multiplying and dividing integers (in 256-bit arithmetic, since the
//! powers of ten pass `u128`) and rounding once, in the direction that favours the merchant.

mod wide;

use wide::Wide;

use crate::money::{Asset, CryptoAmount, Currency, FiatAmount, MoneyError, Rate};

/// The crypto amount that pays `fiat` at `rate`: `fiat / rate`, rounded **up** to the asset's
/// base unit, so the merchant is never short. Exactly: the result `c` is the least number of
/// base units with `c × rate ≥ fiat`, so `(c − 1 base unit) × rate < fiat`. Zero pays zero.
///
/// `rate` must price `asset` in `fiat`'s currency ([`MoneyError::RateMismatch`]). A result past
/// `u128::MAX` base units (only at absurdly small rates) is [`MoneyError::ConversionOverflow`].
pub fn fiat_to_crypto(
    fiat: FiatAmount,
    rate: &Rate,
    asset: Asset,
) -> Result<CryptoAmount, MoneyError> {
    same_market(rate, asset, fiat.currency())?;
    let (mantissa, scale) = price_parts(rate)?;
    // base units = minor · 10^(decimals + scale) / (mantissa · 10^exponent), rounded up.
    let up = asset.decimals() + scale;
    let exponent = fiat.currency().exponent();
    let overflow = || MoneyError::ConversionOverflow;
    let mut units = Wide::from_u128(u128::from(fiat.minor()))
        .mul_pow10(up.saturating_sub(exponent))
        .and_then(|n| n.div_ceil(mantissa))
        .ok_or_else(overflow)?;
    // Only if a currency ever had more decimals than asset and rate together; ⌈⌈x/a⌉/b⌉ = ⌈x/ab⌉.
    for _ in up..exponent {
        units = units.div_ceil(10).ok_or_else(overflow)?;
    }
    let units = units.to_u128().ok_or_else(overflow)?;
    Ok(CryptoAmount::from_base_units(units, asset))
}

/// What `crypto` is worth in `currency` at `rate`: `crypto × rate`, rounded **down** to the
/// currency's minor unit, so a shown value never overstates what was received. Exactly: the
/// result `f` is the greatest amount with `f ≤ crypto × rate`.
///
/// `rate` must price `crypto`'s asset in `currency` ([`MoneyError::RateMismatch`]). A value past
/// [`FiatAmount::MAX_MINOR`] is [`MoneyError::ConversionOverflow`].
pub fn crypto_to_fiat(
    crypto: CryptoAmount,
    rate: &Rate,
    currency: Currency,
) -> Result<FiatAmount, MoneyError> {
    same_market(rate, crypto.asset(), currency)?;
    let (mantissa, scale) = price_parts(rate)?;
    // minor = base units · mantissa · 10^exponent / 10^(decimals + scale), rounded down.
    let down = crypto.asset().decimals() + scale;
    let exponent = currency.exponent();
    let minor = Wide::from_u128(crypto.base_units())
        .mul_u128(mantissa)
        .and_then(|n| n.mul_pow10(exponent.saturating_sub(down)))
        .and_then(|n| n.div_floor_pow10(down.saturating_sub(exponent)))
        .and_then(Wide::to_u128)
        .and_then(|minor| u64::try_from(minor).ok())
        .ok_or(MoneyError::ConversionOverflow)?;
    FiatAmount::from_minor(minor, currency).map_err(|_| MoneyError::ConversionOverflow)
}

fn same_market(rate: &Rate, asset: Asset, currency: Currency) -> Result<(), MoneyError> {
    if rate.asset() == asset && rate.currency() == currency {
        Ok(())
    } else {
        Err(MoneyError::RateMismatch)
    }
}

/// The price as `(mantissa, scale)`, trailing zeros dropped to keep the numbers small: the
/// mantissa is in `1..2^96` and the scale in `0..=28`, as in every `Decimal`.
fn price_parts(rate: &Rate) -> Result<(u128, u32), MoneyError> {
    let price = rate.price().normalize();
    let mantissa = u128::try_from(price.mantissa())
        .ok()
        .filter(|&m| m > 0)
        .ok_or(MoneyError::RateNotPositive)?;
    Ok((mantissa, price.scale()))
}

#[cfg(test)]
mod tests {
    use core::cmp::Ordering;

    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::*;

    fn usd(text: &str) -> FiatAmount {
        FiatAmount::parse(text, Currency::Usd).unwrap()
    }

    fn rate(asset: Asset, currency: Currency, price: &str) -> Rate {
        Rate::parse(asset, currency, price).unwrap()
    }

    fn wei(units: u128) -> CryptoAmount {
        CryptoAmount::from_base_units(units, Asset::Eth)
    }

    /// An exact product, as little-endian u64 limbs with no high zeros. Deliberately not
    /// [`Wide`]: the check should not share the arithmetic it checks.
    fn product(factors: &[u128]) -> Vec<u64> {
        let mut acc = vec![1u64];
        for &factor in factors {
            let parts = [factor as u64, (factor >> 64) as u64];
            let mut out = vec![0u64; acc.len() + 2];
            for (i, &a) in acc.iter().enumerate() {
                let mut carry = 0u128;
                for (j, &b) in parts.iter().enumerate() {
                    let t = u128::from(a) * u128::from(b) + u128::from(out[i + j]) + carry;
                    out[i + j] = t as u64;
                    carry = t >> 64;
                }
                out[i + 2] = carry as u64;
            }
            while out.last() == Some(&0) {
                out.pop();
            }
            acc = out;
        }
        acc
    }

    fn compare(a: &[u64], b: &[u64]) -> Ordering {
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }

    /// Compares `units × rate` with `minor`, both exactly: `units · mantissa · 10^exponent`
    /// against `minor · 10^decimals · 10^scale`.
    fn value_against(units: u128, rate: &Rate, minor: u64) -> Ordering {
        let (mantissa, scale) = price_parts(rate).unwrap();
        let pow10 = |e: u32| 10u128.pow(e);
        let value = product(&[units, mantissa, pow10(rate.currency().exponent())]);
        let price = product(&[
            u128::from(minor),
            pow10(rate.asset().decimals()),
            pow10(scale),
        ]);
        compare(&value, &price)
    }

    #[test]
    fn an_even_price_converts_exactly() {
        let eth = fiat_to_crypto(
            usd("10"),
            &rate(Asset::Eth, Currency::Usd, "2500"),
            Asset::Eth,
        );
        assert_eq!(eth, Ok(wei(4_000_000_000_000_000)));
    }

    #[test]
    fn an_uneven_price_rounds_up_to_the_next_base_unit() {
        let eth_usd = rate(Asset::Eth, Currency::Usd, "3000");
        let eth = fiat_to_crypto(usd("10"), &eth_usd, Asset::Eth).unwrap();
        assert_eq!(eth.base_units(), 3_333_333_333_333_334);
        let usdc_usd = rate(Asset::Usdc, Currency::Usd, "1.0001");
        let usdc = fiat_to_crypto(usd("1"), &usdc_usd, Asset::Usdc).unwrap();
        assert_eq!(usdc.to_string(), "0.999901"); // 0.99990001 rounded up
    }

    #[test]
    fn currencies_without_minor_units_convert_too() {
        let jpy = FiatAmount::parse("1000", Currency::Jpy).unwrap();
        let eth_jpy = rate(Asset::Eth, Currency::Jpy, "500000");
        let eth = fiat_to_crypto(jpy, &eth_jpy, Asset::Eth).unwrap();
        assert_eq!(eth.to_string(), "0.002");
    }

    #[test]
    fn zero_fiat_is_zero_crypto() {
        let eth_usd = rate(Asset::Eth, Currency::Usd, "3000");
        assert_eq!(fiat_to_crypto(usd("0"), &eth_usd, Asset::Eth), Ok(wei(0)));
    }

    #[test]
    fn a_rate_for_another_asset_or_currency_is_a_mismatch() {
        let eth_eur = rate(Asset::Eth, Currency::Eur, "2800");
        assert_eq!(
            fiat_to_crypto(usd("10"), &eth_eur, Asset::Eth),
            Err(MoneyError::RateMismatch)
        );
        let usdc_usd = rate(Asset::Usdc, Currency::Usd, "1");
        assert_eq!(
            fiat_to_crypto(usd("10"), &usdc_usd, Asset::Eth),
            Err(MoneyError::RateMismatch)
        );
        assert_eq!(
            crypto_to_fiat(wei(1), &usdc_usd, Currency::Usd),
            Err(MoneyError::RateMismatch)
        );
        assert_eq!(
            crypto_to_fiat(wei(1), &eth_eur, Currency::Usd),
            Err(MoneyError::RateMismatch)
        );
    }

    #[test]
    fn a_result_past_u128_is_an_overflow_not_a_panic() {
        let tiny = rate(Asset::Eth, Currency::Usd, "0.0000000000000000000000000001");
        let max = FiatAmount::from_minor(FiatAmount::MAX_MINOR, Currency::Usd).unwrap();
        assert_eq!(
            fiat_to_crypto(max, &tiny, Asset::Eth),
            Err(MoneyError::ConversionOverflow)
        );
    }

    #[test]
    fn prices_with_28_significant_digits_convert_exactly() {
        let fine = rate(Asset::Eth, Currency::Usd, "1234567890.123456789012345678");
        let max = FiatAmount::from_minor(FiatAmount::MAX_MINOR, Currency::Usd).unwrap();
        let eth = fiat_to_crypto(max, &fine, Asset::Eth).unwrap();
        assert_ne!(
            value_against(eth.base_units(), &fine, max.minor()),
            Ordering::Less
        );
        let short = eth.base_units() - 1;
        assert_eq!(value_against(short, &fine, max.minor()), Ordering::Less);
    }

    #[test]
    fn crypto_shows_its_value_rounded_down_to_the_minor_unit() {
        let eth_usd = rate(Asset::Eth, Currency::Usd, "3000");
        let shown = |units| crypto_to_fiat(wei(units), &eth_usd, Currency::Usd);
        assert_eq!(shown(3_333_333_333_333_334), Ok(usd("10")));
        assert_eq!(shown(3_333_333_333_333_333), Ok(usd("9.99")));
        assert_eq!(shown(1), Ok(usd("0")));
        assert_eq!(shown(1_000_000_000_000_000_000), Ok(usd("3000")));
    }

    #[test]
    fn a_value_past_the_largest_fiat_amount_is_an_overflow() {
        let eth_usd = rate(Asset::Eth, Currency::Usd, "3000");
        assert_eq!(
            crypto_to_fiat(wei(u128::MAX), &eth_usd, Currency::Usd),
            Err(MoneyError::ConversionOverflow)
        );
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(Currency::ALL.to_vec())
    }

    fn any_asset() -> impl Strategy<Value = Asset> {
        prop::sample::select(Asset::ALL.to_vec())
    }

    /// Rates as markets quote them, 10^-4 to 10^15 with up to 10 decimals: at these, any
    /// fiat amount converts without overflow.
    fn sensible_price() -> impl Strategy<Value = Decimal> {
        (1_000_000i128..=1_000_000_000_000_000, 0u32..=10)
            .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale))
    }

    /// Any price a `Decimal` can hold: mantissa below 2^96, scale up to 28.
    fn any_price() -> impl Strategy<Value = Decimal> {
        (1i128..(1i128 << 96), 0u32..=28)
            .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale))
    }

    fn fiat(minor: u64, currency: Currency) -> FiatAmount {
        FiatAmount::from_minor(minor, currency).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn quotes_cover_the_price_and_one_base_unit_less_would_not(
            minor in 0..=FiatAmount::MAX_MINOR,
            currency in any_currency(),
            asset in any_asset(),
            price in sensible_price(),
        ) {
            let rate = Rate::new(asset, currency, price).unwrap();
            let crypto = fiat_to_crypto(fiat(minor, currency), &rate, asset).unwrap();
            let units = crypto.base_units();
            prop_assert_ne!(value_against(units, &rate, minor), Ordering::Less);
            if units == 0 {
                prop_assert_eq!(minor, 0);
            } else {
                prop_assert_eq!(value_against(units - 1, &rate, minor), Ordering::Less);
            }
        }

        #[test]
        fn any_rate_quotes_exactly_or_reports_an_overflow(
            minor in 0..=FiatAmount::MAX_MINOR,
            currency in any_currency(),
            asset in any_asset(),
            price in any_price(),
        ) {
            let rate = Rate::new(asset, currency, price).unwrap();
            match fiat_to_crypto(fiat(minor, currency), &rate, asset) {
                Ok(crypto) => {
                    let units = crypto.base_units();
                    prop_assert_ne!(value_against(units, &rate, minor), Ordering::Less);
                    if units > 0 {
                        prop_assert_eq!(value_against(units - 1, &rate, minor), Ordering::Less);
                    }
                }
                Err(error) => prop_assert_eq!(error, MoneyError::ConversionOverflow),
            }
        }

        #[test]
        fn shown_values_are_the_largest_minor_amount_not_above_the_crypto(
            units: u128,
            currency in any_currency(),
            asset in any_asset(),
            price in any_price(),
        ) {
            let rate = Rate::new(asset, currency, price).unwrap();
            let crypto = CryptoAmount::from_base_units(units, asset);
            match crypto_to_fiat(crypto, &rate, currency) {
                Ok(shown) => {
                    let minor = shown.minor();
                    prop_assert_ne!(value_against(units, &rate, minor), Ordering::Less);
                    prop_assert_eq!(value_against(units, &rate, minor + 1), Ordering::Less);
                }
                Err(error) => {
                    prop_assert_eq!(error, MoneyError::ConversionOverflow);
                    let max = FiatAmount::MAX_MINOR + 1;
                    prop_assert_ne!(value_against(units, &rate, max), Ordering::Less);
                }
            }
        }

        #[test]
        fn a_quote_shown_back_is_never_below_the_price(
            minor in 0..=FiatAmount::MAX_MINOR,
            currency in any_currency(),
            asset in any_asset(),
            price in sensible_price(),
        ) {
            let rate = Rate::new(asset, currency, price).unwrap();
            let crypto = fiat_to_crypto(fiat(minor, currency), &rate, asset).unwrap();
            match crypto_to_fiat(crypto, &rate, currency) {
                Ok(shown) => prop_assert!(shown.minor() >= minor),
                // Only just under the largest amount, where the rounding up passes it.
                Err(error) => prop_assert_eq!(error, MoneyError::ConversionOverflow),
            }
        }
    }
}
