//! Live rates: ask the configured sources at once, combine them by `prices::aggregate`, and
//! keep the result in KV for a few seconds so a burst of checkouts asks the exchanges once.

use std::time::Duration;

use futures_util::future::join_all;
use serde::{Deserialize, Serialize};
use shared::money::{Asset, Currency, Rate};
use worker::{Env, KvStore, Method, console_error, console_warn};

use crate::api::error::ApiError;
use crate::ops::config::{self, Source};
use crate::platform::outbound;
use crate::platform::{self, Bindings};
use crate::prices::aggregate::{Observation, aggregate};
use crate::prices::{coinbase, fixed, kraken};

/// Exchanges answer in well under a second; a slow one must not hold a checkout.
const SOURCE_TIMEOUT: Duration = Duration::from_secs(3);

/// A combined rate as cached: the price and when its sources were asked.
#[derive(Serialize, Deserialize)]
struct Cached {
    price: String,
    observed_at: i64,
}

fn key(asset: Asset, currency: Currency) -> String {
    format!("rate:{}/{}", asset.symbol(), currency.code())
}

/// The rate of `asset` in `currency` now, or `PriceUnavailable` (nothing may be stored then).
pub async fn rate(env: &Env, asset: Asset, currency: Currency) -> Result<Rate, ApiError> {
    let prices = config::prices(&platform::vars(env))
        .map_err(|e| ApiError::internal(format!("price configuration: {e}")))?;
    let now = platform::now();
    let kv = Bindings::cache(env)?;
    if let Some(rate) = cached(&kv, asset, currency, now, prices.cache_secs).await {
        return Ok(rate);
    }
    let asked = prices
        .sources
        .iter()
        .map(|source| observe(env, source, asset, currency, now));
    let observations: Vec<Observation> = join_all(asked).await.into_iter().flatten().collect();
    let rate = aggregate(asset, currency, &observations, &prices.policy, now).map_err(|e| {
        ApiError::PriceUnavailable {
            context: format!("{asset}/{currency}: {e:?}"),
        }
    })?;
    if prices.cache_secs > 0 {
        remember(&kv, &rate, now).await;
    }
    Ok(rate)
}

async fn cached(
    kv: &KvStore,
    asset: Asset,
    currency: Currency,
    now: i64,
    cache_secs: i64,
) -> Option<Rate> {
    let text = match kv.get(&key(asset, currency)).text().await {
        Ok(text) => text?,
        Err(e) => {
            console_error!("rate cache: KV get {asset}/{currency}: {e}");
            return None;
        }
    };
    let entry: Cached = serde_json::from_str(&text).ok()?;
    let fresh = now - entry.observed_at <= cache_secs && entry.observed_at <= now;
    fresh
        .then(|| Rate::parse(asset, currency, &entry.price).ok())
        .flatten()
}

async fn remember(kv: &KvStore, rate: &Rate, now: i64) {
    let entry = Cached {
        price: rate.price().to_string(),
        observed_at: now,
    };
    let Ok(text) = serde_json::to_string(&entry) else {
        return;
    };
    // KV's shortest TTL is 60 s; freshness is judged by `observed_at` when read.
    let put = kv
        .put(&key(rate.asset(), rate.currency()), text)
        .map(|put| put.expiration_ttl(60));
    let result = match put {
        Ok(put) => put.execute().await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        console_error!("rate cache: KV put: {e}");
    }
}

/// One source's price, or `None` (logged) when it failed.
async fn observe(
    env: &Env,
    source: &Source,
    asset: Asset,
    currency: Currency,
    now: i64,
) -> Option<Observation> {
    let price = match source {
        Source::Fixed(config) => fixed::parse(config)
            .ok()
            .and_then(|prices| fixed::price(&prices, asset, currency))
            .ok_or_else(|| format!("no fixed price for {asset}/{currency}")),
        Source::Coinbase { base_url } => ask(env, &coinbase::url(base_url, asset, currency))
            .await
            .and_then(|body| coinbase::parse(&body, asset, currency).map_err(|e| e.to_string())),
        Source::Kraken { base_url } => ask(env, &kraken::url(base_url, asset, currency))
            .await
            .and_then(|body| kraken::parse(&body).map_err(|e| e.to_string())),
    };
    match price {
        Ok(price) => Some(Observation {
            source: source.name(),
            price,
            observed_at: now,
        }),
        Err(e) => {
            console_warn!("price source {}: {e}", source.name());
            None
        }
    }
}

async fn ask(env: &Env, url: &str) -> Result<String, String> {
    let answer = outbound::send(env, Method::Get, url, None, SOURCE_TIMEOUT).await?;
    if answer.status == 200 {
        Ok(answer.body)
    } else {
        Err(format!("answered {}", answer.status))
    }
}
