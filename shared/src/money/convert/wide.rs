//! `Wide`: a 256-bit unsigned integer with just the operations exact conversion needs.
//!
//! A conversion multiplies by up to 10^46 (18 asset decimals and 28 rate decimals) before it
//! divides, which passes `u128`; a dependency for that is not worth it. Every operation is
//! checked and answers `None` rather than wrapping or panicking.

/// Little-endian 32-bit limbs: a limb times a limb plus carries fits a `u64`, and a remainder
/// below 2^96 shifted by a limb fits a `u128`, so division by a `Decimal` mantissa is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wide([u32; LIMBS]);

const LIMBS: usize = 8;

/// Divisors must stay below 2^96 for short division; every `Decimal` mantissa does.
const DIVISOR_LIMIT: u128 = 1 << 96;

/// The largest power of ten that is one limb.
const TEN_9: u32 = 1_000_000_000;

impl Wide {
    pub(super) fn from_u128(value: u128) -> Self {
        let mut limbs = [0; LIMBS];
        for (i, limb) in limbs.iter_mut().take(4).enumerate() {
            *limb = (value >> (32 * i)) as u32;
        }
        Self(limbs)
    }

    /// The value, if it fits a `u128`.
    pub(super) fn to_u128(self) -> Option<u128> {
        let (low, high) = self.0.split_at(4);
        if high.iter().any(|&limb| limb != 0) {
            return None;
        }
        Some(
            low.iter()
                .rev()
                .fold(0u128, |acc, &limb| (acc << 32) | u128::from(limb)),
        )
    }

    fn is_zero(self) -> bool {
        self.0.iter().all(|&limb| limb == 0)
    }

    fn mul_limb(self, factor: u32) -> Option<Self> {
        let mut out = [0; LIMBS];
        let mut carry = 0u64;
        for (slot, &limb) in out.iter_mut().zip(&self.0) {
            let t = u64::from(limb) * u64::from(factor) + carry;
            *slot = t as u32;
            carry = t >> 32;
        }
        (carry == 0).then_some(Self(out))
    }

    fn add_one(self) -> Option<Self> {
        let mut out = self.0;
        for limb in &mut out {
            let (sum, overflow) = limb.overflowing_add(1);
            *limb = sum;
            if !overflow {
                return Some(Self(out));
            }
        }
        None
    }

    /// `self × factor`.
    pub(super) fn mul_u128(self, factor: u128) -> Option<Self> {
        let factor = Self::from_u128(factor).0;
        let mut out = [0u32; 2 * LIMBS];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in factor.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            // Row i last wrote up to i + LIMBS - 1, so this slot is still zero.
            out[i + LIMBS] = carry as u32;
        }
        let (low, high) = out.split_at(LIMBS);
        if high.iter().any(|&limb| limb != 0) {
            return None;
        }
        let mut limbs = [0; LIMBS];
        limbs.copy_from_slice(low);
        Some(Self(limbs))
    }

    /// `self × 10^exponent`.
    pub(super) fn mul_pow10(self, exponent: u32) -> Option<Self> {
        let mut value = self;
        for _ in 0..exponent / 9 {
            value = value.mul_limb(TEN_9)?;
        }
        value.mul_limb(10u32.pow(exponent % 9))
    }

    /// `(self / divisor, self % divisor)`, for `0 < divisor < 2^96`.
    fn div_rem(self, divisor: u128) -> Option<(Self, u128)> {
        if divisor == 0 || divisor >= DIVISOR_LIMIT {
            return None;
        }
        let mut quotient = [0; LIMBS];
        let mut remainder = 0u128;
        for (slot, &limb) in quotient.iter_mut().zip(&self.0).rev() {
            // remainder < divisor < 2^96, so this shift cannot lose bits.
            let current = (remainder << 32) | u128::from(limb);
            *slot = (current / divisor) as u32;
            remainder = current % divisor;
        }
        Some((Self(quotient), remainder))
    }

    /// `⌈self / divisor⌉`, for `0 < divisor < 2^96`.
    pub(super) fn div_ceil(self, divisor: u128) -> Option<Self> {
        let (quotient, remainder) = self.div_rem(divisor)?;
        if remainder == 0 {
            Some(quotient)
        } else {
            quotient.add_one()
        }
    }

    /// `⌊self / divisor⌋`, for `0 < divisor < 2^96`.
    pub(super) fn div_floor(self, divisor: u128) -> Option<Self> {
        self.div_rem(divisor).map(|(quotient, _)| quotient)
    }

    /// `⌊self / 10^exponent⌋`, one limb-sized power at a time: ⌊⌊x/a⌋/b⌋ = ⌊x/(ab)⌋.
    pub(super) fn div_floor_pow10(self, exponent: u32) -> Option<Self> {
        let mut value = self;
        for _ in 0..exponent / 9 {
            if value.is_zero() {
                break;
            }
            value = value.div_floor(u128::from(TEN_9))?;
        }
        value.div_floor(u128::from(10u32.pow(exponent % 9)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide(value: u128) -> Wide {
        Wide::from_u128(value)
    }

    #[test]
    fn values_that_fit_u128_come_back_unchanged() {
        for value in [0, 1, u128::from(u32::MAX) + 1, u128::MAX] {
            assert_eq!(wide(value).to_u128(), Some(value));
        }
    }

    #[test]
    fn values_past_u128_do_not_come_back() {
        let past = wide(u128::MAX).mul_u128(2).unwrap();
        assert_eq!(past.to_u128(), None);
        assert_eq!(past.div_floor(2).unwrap().to_u128(), Some(u128::MAX));
    }

    #[test]
    fn products_past_256_bits_are_none() {
        let half = wide(u128::MAX);
        let almost = half.mul_u128(u128::MAX).unwrap(); // (2^128 - 1)^2 < 2^256
        assert_eq!(almost.mul_u128(2), None);
        assert_eq!(almost.mul_pow10(1), None);
        assert!(wide(1).mul_pow10(77).is_some()); // 10^77 < 2^256
        assert_eq!(wide(1).mul_pow10(78), None); // 10^78 > 2^256
    }

    #[test]
    fn powers_of_ten_multiply_then_divide_back() {
        let big = wide(123_456_789).mul_pow10(46).unwrap();
        assert_eq!(
            big.div_floor_pow10(46).unwrap().to_u128(),
            Some(123_456_789)
        );
        assert_eq!(wide(7).mul_pow10(3).unwrap().to_u128(), Some(7_000));
    }

    #[test]
    fn division_rounds_up_or_down_only_when_inexact() {
        assert_eq!(wide(10).div_ceil(3).unwrap().to_u128(), Some(4));
        assert_eq!(wide(10).div_floor(3).unwrap().to_u128(), Some(3));
        assert_eq!(wide(9).div_ceil(3).unwrap().to_u128(), Some(3));
        assert_eq!(wide(0).div_ceil(3).unwrap().to_u128(), Some(0));
        assert_eq!(wide(1_999).div_floor_pow10(3).unwrap().to_u128(), Some(1));
    }

    #[test]
    fn divisors_of_zero_or_from_2_pow_96_are_refused() {
        assert_eq!(wide(10).div_ceil(0), None);
        assert_eq!(wide(10).div_floor(DIVISOR_LIMIT), None);
        assert!(wide(10).div_floor(DIVISOR_LIMIT - 1).is_some());
    }

    #[test]
    fn rounding_up_the_largest_value_overflows() {
        let max = Wide([u32::MAX; LIMBS]);
        assert_eq!(max.add_one(), None);
        assert_eq!(max.div_ceil(1), Some(max));
        assert_eq!(wide(u128::MAX).add_one().unwrap().to_u128(), None);
    }
}
