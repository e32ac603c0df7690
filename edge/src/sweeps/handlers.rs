//! `GET /v1/sweeps` and `POST /v1/sweeps`: the merchant's payout-mode addresses read live on
//! their chains (a batch of balances per chain), and the transactions that sweep them.

use shared::api::sweeps::{SweepList, SweepPlan, SweepRequest};
use shared::chain::Chain;
use shared::hd::EvmAddress;
use shared::money::Asset;
use worker::Env;

use crate::api::call::Call;
use crate::api::credentials::Caller;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::chain::client as rpc_client;
use crate::chain::rpc::{Batch, BlockTag, decode_balance, decode_token_balance};
use crate::ops::config;
use crate::platform::{self, Bindings};
use crate::sweeps::plan::{self, Holding, MAX_ADDRESSES, SweepRow};

/// Addresses per JSON-RPC batch (each costs one call per asset).
const ADDRESSES_PER_BATCH: usize = 30;

/// What the merchant's payout-mode addresses hold now, newest first, and whether more
/// received money than one answer reads.
async fn holdings(
    env: &Env,
    caller: &Caller,
    only: Option<Chain>,
) -> Result<(Vec<Holding>, bool), ApiError> {
    let db = Bindings::db(env)?;
    let query = plan::rows(&caller.merchant_id, caller.livemode);
    let mut rows: Vec<SweepRow> = platform::all(&db, &query, "sweepable quotes").await?;
    let has_more = rows.len() > MAX_ADDRESSES as usize;
    rows.truncate(MAX_ADDRESSES as usize);
    let vars = platform::vars(env);
    let mut found = Vec::new();
    for chain in Chain::ALL {
        if only.is_some_and(|c| c != chain) {
            continue;
        }
        let mine: Vec<&SweepRow> = rows.iter().filter(|r| r.chain == chain.name()).collect();
        if mine.is_empty() {
            continue;
        }
        let settings = config::chain(&vars, chain)
            .map_err(|e| ApiError::internal(format!("chain configuration: {e}")))?;
        let Some(url) = settings.rpc_url.clone() else {
            continue;
        };
        let mut assets: Vec<(Asset, Option<EvmAddress>)> = vec![(Asset::Eth, None)];
        for asset in Asset::ALL.into_iter().filter(|a| !a.is_native()) {
            if let Ok(Some(token)) = settings.token(asset, &vars) {
                let token = EvmAddress::parse(&token)
                    .map_err(|e| ApiError::internal(format!("token of {chain}: {e}")))?;
                assets.push((asset, Some(token)));
            }
        }
        for part in mine.chunks(ADDRESSES_PER_BATCH) {
            let mut batch = Batch::new();
            for row in part {
                for (_, token) in &assets {
                    let added = match token {
                        None => batch.add_balance(&row.deposit_address, BlockTag::Latest),
                        Some(t) => batch.add_token_balance(
                            &t.to_string(),
                            &row.deposit_address,
                            BlockTag::Latest,
                        ),
                    };
                    added.map_err(|e| ApiError::internal(format!("sweep balances: {e}")))?;
                }
            }
            let answers = rpc_client::send(env, &url, &batch, 1).await.map_err(|e| {
                ApiError::ChainUnavailable {
                    context: format!("sweep balances on {chain}: {e}"),
                }
            })?;
            let mut answers = answers.into_iter();
            for row in part {
                let mut balances = Vec::new();
                for (asset, token) in &assets {
                    let answer = answers
                        .next()
                        .ok_or_else(|| ApiError::internal("sweep balances: short answer"))?
                        .and_then(|v| {
                            if token.is_none() {
                                decode_balance(&v)
                            } else {
                                decode_token_balance(&v)
                            }
                        })
                        .map_err(|e| ApiError::ChainUnavailable {
                            context: format!("sweep balance on {chain}: {e}"),
                        })?;
                    balances.push((*asset, *token, answer));
                }
                let holding = Holding::of(row, balances).map_err(ApiError::internal)?;
                if !holding.balances.is_empty() {
                    found.push(holding);
                }
            }
        }
    }
    Ok((found, has_more))
}

/// `GET /v1/sweeps`.
pub async fn list(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let (holdings, has_more) = holdings(&call.env, caller, None).await?;
    let list = SweepList {
        object: "sweep_list".into(),
        totals: plan::totals(&holdings),
        addresses: holdings.iter().map(Holding::view).collect(),
        has_more,
    };
    Reply::json(&list, 200)
}

/// `POST /v1/sweeps` `{"chain"?}`: the transactions to sign; nothing is written.
pub async fn create(call: Call) -> Result<Reply, ApiError> {
    let caller = call.merchant()?;
    let request: SweepRequest = if call.body.bytes.is_empty() {
        SweepRequest::default()
    } else {
        call.body.json()?
    };
    let only = match request.chain.as_deref() {
        None => None,
        Some(name) => Some(Chain::parse(name).ok_or_else(|| {
            ApiError::Validation(vec![shared::api::error::FieldError {
                code: "chain_invalid".into(),
                message: "chain is one of the chain names (e.g. base, anvil).".into(),
                param: "chain".into(),
            }])
        })?),
    };
    let (holdings, has_more) = holdings(&call.env, caller, only).await?;
    let plan = SweepPlan {
        object: "sweep_plan".into(),
        transactions: plan::transactions(&holdings),
        has_more,
    };
    Reply::json(&plan, 200)
}
