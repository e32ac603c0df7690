//! `GET /v1/openapi.json`: the OpenAPI document, generated from the API types at build time.

use worker::{Env, Response};

use crate::error::ApiError;
use crate::{respond, store};

pub async fn get(env: &Env) -> Result<Response, ApiError> {
    let text = store::asset_text(env, "/openapi.json").await?;
    respond::json_text(text, 200)
}
