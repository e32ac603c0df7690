//! `GET /v1/openapi.json`: the OpenAPI document, generated from the API types at build time.

use crate::api::call::Call;
use crate::api::error::ApiError;
use crate::api::reply::Reply;
use crate::platform;

pub async fn get(call: Call) -> Result<Reply, ApiError> {
    let env = &call.env;
    Ok(Reply {
        status: 200,
        body: platform::asset_text(env, "/openapi.json").await?,
    })
}
