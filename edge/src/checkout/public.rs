//! The customer's side of checkout, no key: open a session on a link, then poll it.
//! `POST /v1/public/links/{slug}/sessions` and `GET /v1/public/sessions/{id}`.

use shared::api::public::LinkState;
use shared::api::sessions::CreateSessionRequest;
use shared::chain::Chain;
use shared::hd::{ExtendedPublicKey, HdError};
use shared::slug::Slug;
use worker::Env;

use crate::accounts::settings::{self, Allocation};
use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::rate_limits;
use crate::api::reply::Reply;
use crate::chain::store as watch;
use crate::chain::watcher;
use crate::checkout::row::{Opening, SessionRow};
use crate::checkout::store as sessions;
use crate::links::row::LinkRow;
use crate::links::store as links;
use crate::ops::config::{self, ChainConfig};
use crate::platform::random;
use crate::platform::{self, Bindings};
use crate::prices::feed as price_feed;

fn missing_link() -> ApiError {
    ApiError::ResourceMissing {
        what: "payment link",
    }
}

/// Refuses links that cannot be paid now. The same limits are checked again when a payment
/// settles, so sessions opened before a link sold out cannot exceed it.
fn payable(link: &LinkRow, now: i64) -> Result<(), ApiError> {
    let state = LinkState::of(
        link.active == 1,
        link.expires_at,
        link.max_payments,
        link.payments_count,
        now,
    );
    match state {
        LinkState::Payable => Ok(()),
        LinkState::Expired => Err(ApiError::Gone {
            code: "link_expired",
            message: "This payment link has expired.",
        }),
        LinkState::SoldOut => Err(ApiError::Gone {
            code: "link_sold_out",
            message: "This payment link has reached its number of payments.",
        }),
        LinkState::Inactive => Err(ApiError::Conflict {
            code: "link_inactive",
            message: "This payment link is not accepting payments right now.",
        }),
    }
}

fn chain_config(env: &Env, link: &LinkRow) -> Result<ChainConfig, ApiError> {
    let chain = Chain::parse(&link.chain)
        .ok_or_else(|| ApiError::internal(format!("link {} has chain {}", link.id, link.chain)))?;
    config::chain(&platform::vars(env), chain)
        .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))
}

fn not_ready() -> ApiError {
    ApiError::Conflict {
        code: "merchant_not_ready",
        message: "The merchant has not set up a deposit wallet yet; payments cannot be taken.",
    }
}

/// Session creations per client IP and minute unless `PUBLIC_SESSIONS_PER_MINUTE` says
/// otherwise: each one takes a deposit address and a D1 row, so a script may not take many.
const SESSIONS_PER_MINUTE: u32 = 30;

/// `POST /v1/public/links/{slug}/sessions`.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let slug = call.param("slug")?;
    let body = &call.body;
    let client = call.client.as_str();
    let slug = Slug::parse(slug).map_err(|_| missing_link())?;
    let request = body.json::<CreateSessionRequest>()?;
    let db = Bindings::db(env)?;
    let limit = platform::vars(env)("PUBLIC_SESSIONS_PER_MINUTE")
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS_PER_MINUTE);
    let quota = rate_limits::consume(&db, &format!("ip:{client}"), limit, platform::now()).await?;
    if quota.exceeded() {
        return Err(ApiError::RateLimited(quota));
    }
    // D1, not the KV cache: limits must be read from the truth.
    let link = links::by_slug(&db, slug.as_str())
        .await?
        .ok_or_else(missing_link)?;
    let now = platform::now();
    payable(&link, now)?;
    let pricing = link.pricing().map_err(ApiError::internal)?;
    let accepted = link.accepted_assets().map_err(ApiError::internal)?;
    let order = request
        .parse(&pricing, &accepted)
        .map_err(ApiError::Validation)?;
    let chain = chain_config(env, &link)?;
    let vars = platform::vars(env);
    let token = chain
        .token(order.asset, &vars)
        .map_err(|_| ApiError::Conflict {
            code: "asset_unavailable",
            message: "This asset cannot be paid on this link's chain here.",
        })?;
    let timing = config::timing(&vars)
        .map_err(|e| ApiError::internal(format!("timing configuration: {e}")))?;
    let livemode = link.livemode == 1;
    let checkout = settings::get(&db, &link.merchant_id, livemode).await?;
    let Some(xpub) = checkout.deposit_xpub.as_deref() else {
        return Err(not_ready());
    };
    // Priced before an index is taken: a refused quote stores nothing.
    let rate = price_feed::rate(env, order.asset, order.fiat.currency()).await?;
    let (deposit_index, deposit_address) = deposit_address(&db, &link, xpub, now).await?;
    let row = SessionRow::open(Opening {
        id: random::id("cs")?,
        merchant_id: &link.merchant_id,
        link_id: &link.id,
        livemode,
        order,
        rate: &rate,
        chain: &chain,
        token_address: token,
        deposit_index,
        deposit_address,
        success_url: link.success_url.clone(),
        quote_lock_secs: i64::from(checkout.quote_lock_seconds),
        timing,
        now,
    })
    .map_err(|e| {
        ApiError::Validation(vec![shared::api::error::FieldError {
            code: e.code().into(),
            message: format!("amount: {e}."),
            param: "amount".into(),
        }])
    })?;
    sessions::insert(&db, &row).await?;
    let public = row
        .into_public(chain.confirmations)
        .map_err(ApiError::internal)?;
    Reply::json(&public, 201)
}

/// A fresh index and its address. An index without a valid child (odds below 2^-127) is
/// skipped, never reused.
async fn deposit_address(
    db: &worker::D1Database,
    link: &LinkRow,
    stored_xpub: &str,
    now: i64,
) -> Result<(u32, String), ApiError> {
    let xpub = ExtendedPublicKey::parse(stored_xpub).map_err(|e| {
        ApiError::internal(format!(
            "stored xpub of {} unreadable: {e}",
            link.merchant_id
        ))
    })?;
    let wallet_id = xpub.wallet_id();
    let livemode = link.livemode == 1;
    for _ in 0..3 {
        let allocated = match settings::allocate_index(
            db,
            &link.merchant_id,
            livemode,
            stored_xpub,
            &wallet_id,
            now,
        )
        .await?
        {
            Allocation::Index(allocated) => allocated,
            Allocation::NoWallet => return Err(not_ready()),
            Allocation::WalletInUse => return Err(crate::accounts::account::xpub_in_use()),
        };
        match xpub.deposit_address(allocated.deposit_index) {
            Ok(address) => return Ok((allocated.deposit_index, address.to_string())),
            Err(HdError::InvalidChild) => continue,
            Err(e) => {
                return Err(ApiError::internal(format!(
                    "deriving deposit address {} of {}: {e}",
                    allocated.deposit_index, link.merchant_id
                )));
            }
        }
    }
    Err(ApiError::internal("three invalid children in a row"))
}

/// A poll checks the chain at most this often per session; polls in between read D1.
const POLL_CHECK_SECS: i64 = 2;

/// `GET /v1/public/sessions/{id}`: also checks the chain for this session when its last
/// check is older than [`POLL_CHECK_SECS`], so the customer sees a payment within seconds.
pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let id = call.param("id")?;
    let missing = ApiError::ResourceMissing {
        what: "checkout session",
    };
    if !id.starts_with("cs_") {
        return Err(missing);
    }
    let db = Bindings::db(env)?;
    let mut row = sessions::by_id(&db, id).await?.ok_or(missing.clone())?;
    let now = platform::now();
    let watched = row.status().map_err(ApiError::internal)?.is_watched() && row.watch_until >= now;
    let stale = row.checked_at.is_none_or(|at| now - at >= POLL_CHECK_SECS);
    if watched && stale {
        // The customer is waiting: look at the chain now rather than at the next cron tick.
        // One attempt, no retries: the next poll comes in seconds.
        let links = watch::limits(&db, std::slice::from_ref(&row.link_id)).await?;
        watcher::check(env, &db, vec![row], &links, 0, now).await?;
        row = sessions::by_id(&db, id).await?.ok_or(missing)?;
    }
    let chain = row.chain().map_err(ApiError::internal)?;
    let confirmations = config::chain(&platform::vars(env), chain)
        .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?
        .confirmations;
    let public = row.into_public(confirmations).map_err(ApiError::internal)?;
    Reply::json(&public, 200)
}
