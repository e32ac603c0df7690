//! `GET /v1/openapi.json`: the OpenAPI document, generated from the API types at build time.

use worker::Env;

use crate::error::ApiError;
use crate::reply::Reply;
use crate::store;

pub async fn get(env: &Env) -> Result<Reply, ApiError> {
    Ok(Reply {
        status: 200,
        body: store::asset_text(env, "/openapi.json").await?,
    })
}
