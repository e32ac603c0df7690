//! Making a quote on a session: the rules (open, nothing received, a bounded number), the
//! price, a fresh deposit address, and the statements that add it with its event.

use shared::hd::{EvmAddress, ExtendedPublicKey, HdError};
use shared::money::Asset;
use shared::payout::Salt;
use shared::session::may_quote;
use worker::{D1Database, D1PreparedStatement, Env};

use crate::accounts::settings::{self, Allocation};
use crate::api::error::ApiError;
use crate::checkout::quote_row::{Derivation, Pricing, QuoteRow};
use crate::checkout::row::{Session, SessionRow};
use crate::checkout::store as sessions;
use crate::ops::config;
use crate::platform::{self, random};
use crate::prices::feed as price_feed;
use crate::webhooks::outbox;
use shared::api::account::CheckoutSettings;

/// Quotes one session may have: enough for a customer trying every asset a few times, few
/// enough that a script cannot take addresses without end.
pub const MAX_QUOTES: i64 = 20;

const QUOTED: &str = "checkout_session.quoted";

pub fn not_ready() -> ApiError {
    ApiError::Conflict {
        code: "merchant_not_ready",
        message: "The merchant has not set up a deposit wallet yet; payments cannot be taken.",
    }
}

/// Refuses a new quote the session cannot take now.
fn allowed(session: &Session, now: i64) -> Result<(), ApiError> {
    let status = session.row.status().map_err(ApiError::internal)?;
    let standings = session.standings().map_err(ApiError::internal)?;
    if status == shared::session::SessionStatus::Open && !may_quote(status, &standings) {
        return Err(ApiError::Conflict {
            code: "quote_has_payment",
            message: "A payment arrived for the current quote: pay the rest of that quote.",
        });
    }
    if !may_quote(status, &standings) || now >= session.row.expires_at {
        return Err(ApiError::Conflict {
            code: "session_not_open",
            message: "This checkout is no longer open for payment.",
        });
    }
    if session.row.quotes_count >= MAX_QUOTES {
        return Err(ApiError::Conflict {
            code: "too_many_quotes",
            message: "This checkout has had too many quotes; start a new one.",
        });
    }
    Ok(())
}

/// Where a quote's deposit index comes from, for a merchant with an xpub.
#[derive(Clone, Copy, Debug)]
pub enum Deposit {
    /// The index the caller's first batch read as next, taken guarded in the quote's own
    /// batch: no round trip of its own (see [`Quoted::outcome`]).
    Next(u32),
    /// An index taken now, in a round trip of its own: when none was read, or after a
    /// guarded take lost its index to another quote.
    Allocate,
}

impl Deposit {
    pub fn from_read(next_index: Option<u32>) -> Self {
        next_index.map_or(Deposit::Allocate, Deposit::Next)
    }
}

/// A priced quote and the statements that write it, to run in one batch.
pub struct Quoted {
    pub statements: Vec<D1PreparedStatement>,
    /// The session as the batch leaves it when it writes: what the answer shows.
    pub after: Session,
    /// Where in `statements` the guarded index take and the session write are.
    take_at: Option<usize>,
    claim_at: usize,
}

/// What the batch of a [`Quoted`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written,
    /// Another quote took the index read as next; nothing was written.
    IndexTaken,
    /// The session changed since it was read; nothing was written.
    Raced,
}

impl Quoted {
    /// Judges the batch by `changes`, the changes of each of [`Quoted::statements`].
    pub fn outcome(&self, changes: &[usize]) -> Outcome {
        let applied = |at: usize| changes.get(at) == Some(&1);
        match self.take_at {
            Some(at) if !applied(at) => Outcome::IndexTaken,
            _ if !applied(self.claim_at) => Outcome::Raced,
            _ => Outcome::Written,
        }
    }
}

/// A priced quote of `asset` on `session` under the merchant's `checkout` settings, and the
/// statements that add it (with its `checkout_session.quoted` event). Nothing is written here
/// except, with [`Deposit::Allocate`], the deposit index, which is handed out once whatever
/// happens next.
pub async fn quote(
    env: &Env,
    db: &D1Database,
    session: &Session,
    asset: Asset,
    now: i64,
    checkout: &CheckoutSettings,
    deposit: Deposit,
) -> Result<Quoted, ApiError> {
    allowed(session, now)?;
    let row = &session.row;
    let chain = row.chain().map_err(ApiError::internal)?;
    let vars = platform::vars(env);
    let chain = config::chain(&vars, chain)
        .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?;
    let token = chain.token(asset, &vars).map_err(|_| ApiError::Conflict {
        code: "asset_unavailable",
        message: "This asset cannot be paid on this checkout's chain here.",
    })?;
    let livemode = row.livemode == 1;
    if checkout.deposit_xpub.is_none() && checkout.payout_address.is_none() {
        return Err(not_ready());
    }
    // Priced before an index is taken: a refused quote takes no address.
    let fiat = row.fiat().map_err(ApiError::internal)?;
    let rate = price_feed::rate(env, asset, fiat.currency()).await?;
    let id = random::id("qt")?;
    let mut statements = Vec::new();
    let (derivation, deposit_address) = match (&checkout.deposit_xpub, &checkout.payout_address) {
        (Some(xpub), _) => {
            let (index, address, take) = deposit_address(db, row, xpub, deposit, now).await?;
            statements.extend(take);
            (Derivation::Index(index), address)
        }
        (None, Some(payout)) => forwarder(&id, payout, chain.factory, &row.merchant_id)?,
        (None, None) => return Err(not_ready()),
    };
    let take_at = statements.len().checked_sub(1);
    let lock = i64::from(checkout.quote_lock_seconds);
    let quote = QuoteRow::price(Pricing {
        id,
        session_id: &row.id,
        merchant_id: &row.merchant_id,
        livemode,
        asset,
        fiat,
        rate: &rate,
        chain: &chain,
        token_address: token,
        derivation,
        deposit_address,
        expires_at: (now + lock).min(row.expires_at),
        now,
        quantity: row.quantity,
    })
    .map_err(|e| {
        ApiError::Validation(vec![shared::api::error::FieldError {
            code: e.code().into(),
            message: format!("amount: {e}."),
            param: "amount".into(),
        }])
    })?;
    let token = random::id("evt")?;
    let claim_at = statements.len();
    statements.extend(sessions::add_quote(
        db,
        row,
        &quote,
        &token,
        now,
        take_at.is_some(),
    )?);
    // The session as `claim_quote` leaves it, so the answer needs no read after the write.
    let mut after = session.clone();
    after.row.quotes_count += 1;
    after.row.revision += 1;
    after.row.last_event_id = Some(token.clone());
    after.row.updated_at = now;
    after.quotes.push(quote);
    let data = serde_json::to_string(&after.clone().into_checkout().map_err(ApiError::internal)?)
        .map_err(|e| ApiError::internal(format!("event data: {e}")))?;
    statements.extend(outbox::session_event(
        db,
        &token,
        &row.id,
        Some(QUOTED),
        &data,
        now,
    )?);
    Ok(Quoted {
        statements,
        after,
        take_at,
        claim_at,
    })
}

/// Payout mode: the forwarder of `payout` with the quote's salt, where `factory` deploys it.
/// No D1 write: the quote id alone makes the address fresh.
fn forwarder(
    quote_id: &str,
    payout: &str,
    factory: EvmAddress,
    merchant_id: &str,
) -> Result<(Derivation, String), ApiError> {
    let payout = EvmAddress::parse(payout)
        .map_err(|e| ApiError::internal(format!("stored payout address of {merchant_id}: {e}")))?;
    let salt = Salt::for_quote(quote_id);
    let address = shared::payout::deposit_address(factory, payout, salt);
    Ok((
        Derivation::Forwarder {
            payout: payout.to_string(),
            factory: factory.to_string(),
            salt: salt.to_string(),
        },
        address.to_string(),
    ))
}

/// A fresh index, its address, and the statements that take it in the quote's batch (none
/// when it was taken here). An index without a valid child (odds below 2^-127) is skipped,
/// never reused.
async fn deposit_address(
    db: &D1Database,
    row: &SessionRow,
    stored_xpub: &str,
    deposit: Deposit,
    now: i64,
) -> Result<(u32, String, Vec<D1PreparedStatement>), ApiError> {
    let xpub = ExtendedPublicKey::parse(stored_xpub).map_err(|e| {
        ApiError::internal(format!(
            "stored xpub of {} unreadable: {e}",
            row.merchant_id
        ))
    })?;
    let wallet_id = xpub.wallet_id();
    let livemode = row.livemode == 1;
    if let Deposit::Next(index) = deposit {
        // An invalid child falls through to the slow path, which skips it.
        if let Ok(address) = xpub.deposit_address(index) {
            let take = settings::take_at(
                db,
                &row.merchant_id,
                livemode,
                stored_xpub,
                &wallet_id,
                index,
                now,
            )?;
            return Ok((index, address.to_string(), take));
        }
    }
    for _ in 0..3 {
        let allocated = match settings::allocate_index(
            db,
            &row.merchant_id,
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
            Ok(address) => {
                return Ok((allocated.deposit_index, address.to_string(), Vec::new()));
            }
            Err(HdError::InvalidChild) => continue,
            Err(e) => {
                return Err(ApiError::internal(format!(
                    "deriving deposit address {} of {}: {e}",
                    allocated.deposit_index, row.merchant_id
                )));
            }
        }
    }
    Err(ApiError::internal("three invalid children in a row"))
}
