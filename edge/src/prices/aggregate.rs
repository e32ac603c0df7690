//! The quoting policy: the median of fresh answers, refused when too few sources answered or
//! when they disagree by more than the configured bound.

use rust_decimal::Decimal;
use shared::money::{Asset, Currency, MoneyError, Rate};

/// One source's price for a pair, and when it was observed (unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub source: &'static str,
    pub price: Decimal,
    pub observed_at: i64,
}

/// When a quote may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Fresh answers needed, at least 1.
    pub min_sources: usize,
    /// Older observations do not count.
    pub max_age_secs: i64,
    /// Largest allowed (max − min) / median, in basis points (100 = 1%).
    pub max_spread_bps: u32,
}

/// Why no rate: every variant answers `503 price_unavailable`, and nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceError {
    TooFewSources { fresh: usize, needed: usize },
    Disagree { spread_bps: Decimal, allowed: u32 },
    Invalid(MoneyError),
}

impl PriceError {
    pub fn code(&self) -> &'static str {
        "price_unavailable"
    }
}

/// The median of the fresh observations as a rate for `asset` in `currency`.
pub fn aggregate(
    asset: Asset,
    currency: Currency,
    observations: &[Observation],
    policy: &Policy,
    now: i64,
) -> Result<Rate, PriceError> {
    let mut prices: Vec<Decimal> = observations
        .iter()
        .filter(|o| now - o.observed_at <= policy.max_age_secs && o.observed_at <= now + 5)
        .map(|o| o.price)
        .collect();
    let needed = policy.min_sources.max(1);
    if prices.len() < needed {
        return Err(PriceError::TooFewSources {
            fresh: prices.len(),
            needed,
        });
    }
    prices.sort_unstable();
    let middle = prices.len() / 2;
    let median = if prices.len() % 2 == 1 {
        prices[middle]
    } else {
        (prices[middle - 1] + prices[middle]) / Decimal::TWO
    };
    let (low, high) = (prices[0], prices[prices.len() - 1]);
    let spread_bps = (high - low) * Decimal::from(10_000) / median;
    if spread_bps > Decimal::from(policy.max_spread_bps) {
        return Err(PriceError::Disagree {
            spread_bps,
            allowed: policy.max_spread_bps,
        });
    }
    Rate::new(asset, currency, median).map_err(PriceError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: Policy = Policy {
        min_sources: 2,
        max_age_secs: 60,
        max_spread_bps: 200,
    };

    fn seen(source: &'static str, price: &str, observed_at: i64) -> Observation {
        Observation {
            source,
            price: price.parse().unwrap(),
            observed_at,
        }
    }

    fn rate(observations: &[Observation]) -> Result<Rate, PriceError> {
        aggregate(Asset::Eth, Currency::Usd, observations, &POLICY, 1_000)
    }

    #[test]
    fn an_odd_number_of_answers_gives_the_middle_one() {
        let quote = rate(&[
            seen("a", "3010", 990),
            seen("b", "3000", 995),
            seen("c", "3020", 999),
        ])
        .unwrap();
        assert_eq!(quote.price(), "3010".parse::<Decimal>().unwrap());
        assert_eq!(
            (quote.asset(), quote.currency()),
            (Asset::Eth, Currency::Usd)
        );
    }

    #[test]
    fn an_even_number_gives_the_exact_mean_of_the_middle_two() {
        let quote = rate(&[seen("a", "3000.01", 990), seen("b", "3000.02", 995)]).unwrap();
        assert_eq!(quote.price(), "3000.015".parse::<Decimal>().unwrap());
    }

    #[test]
    fn stale_answers_do_not_count_and_too_few_fresh_ones_refuse_the_quote() {
        let result = rate(&[seen("a", "3000", 1_000), seen("b", "3000", 939)]);
        assert_eq!(
            result,
            Err(PriceError::TooFewSources {
                fresh: 1,
                needed: 2
            })
        );
        assert_eq!(
            rate(&[]),
            Err(PriceError::TooFewSources {
                fresh: 0,
                needed: 2
            })
        );
    }

    #[test]
    fn answers_from_the_future_do_not_count() {
        let result = rate(&[seen("a", "3000", 1_000), seen("b", "3000", 2_000)]);
        assert_eq!(
            result,
            Err(PriceError::TooFewSources {
                fresh: 1,
                needed: 2
            })
        );
    }

    #[test]
    fn sources_that_disagree_beyond_the_bound_refuse_the_quote() {
        // 3000 vs 3070: a spread of about 231 bps of the median 3035, above 200.
        let result = rate(&[seen("a", "3000", 999), seen("b", "3070", 999)]);
        assert!(
            matches!(result, Err(PriceError::Disagree { allowed: 200, .. })),
            "{result:?}"
        );
        assert!(rate(&[seen("a", "3000", 999), seen("b", "3059", 999)]).is_ok());
    }

    #[test]
    fn every_refusal_has_the_one_public_code() {
        assert_eq!(
            PriceError::TooFewSources {
                fresh: 0,
                needed: 1
            }
            .code(),
            "price_unavailable"
        );
    }
}
