//! `GET /v1/public/links/{slug}`: what the pay page renders. No key; archived and unknown
//! slugs look the same (404). Served from the KV cache when it can be (`links::cache`).
//! The pay page route inlines the same object into its HTML through [`public_link`].

use shared::api::public::{LinkState, PublicLink};
use shared::chain::Chain;
use shared::slug::Slug;

use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::links::cache::{self as link_cache, CachedLink};
use crate::platform::{self, Bindings};

pub async fn link(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    let slug = call.param("slug")?;
    let missing = ApiError::ResourceMissing {
        what: "payment link",
    };
    let slug = Slug::parse(slug).map_err(|_| missing.clone())?;
    let db = Bindings::db(env)?;
    let kv = Bindings::cache(env)?;
    let Some(cached) = link_cache::get(&kv, &db, slug.as_str()).await? else {
        return Err(missing);
    };
    Reply::json(&public_link(cached, platform::now())?, 200)
}

/// The public view of a cached link as of `now` (Unix seconds): its state (payable, expired,
/// sold out, inactive) is derived here, never cached.
pub fn public_link(cached: CachedLink, now: i64) -> Result<PublicLink, ApiError> {
    let CachedLink { row, merchant_name } = cached;
    let chain = Chain::parse(&row.chain)
        .ok_or_else(|| ApiError::internal(format!("link {} has chain {}", row.id, row.chain)))?;
    let state = LinkState::of(
        row.active == 1,
        row.expires_at,
        row.max_payments,
        row.payments_count,
        now,
    );
    let slug = row.slug.clone();
    let form = row
        .form()
        .map_err(ApiError::internal)?
        .public_view(row.success_url.as_deref());
    let object = row
        .into_object("", now)
        .map_err(|e| ApiError::internal(format!("public link {slug}: {e}")))?;
    Ok(PublicLink {
        object: "public_link".into(),
        slug: object.slug,
        merchant_name,
        title: object.title,
        description: object.description,
        kind: object.kind,
        amount: object.amount,
        currency: object.currency,
        custom_amount: object.custom_amount,
        assets: object.assets,
        chain: object.chain,
        chain_name: chain.display_name().into(),
        chain_id: chain.id(),
        state: state.as_str().into(),
        inactive_message: (state == LinkState::Inactive)
            .then_some(object.inactive_message)
            .flatten(),
        cancel_url: object.cancel_url,
        livemode: object.livemode,
        form,
    })
}
