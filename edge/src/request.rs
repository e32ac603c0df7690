//! Reading request parts the handlers need: the JSON body under the API's limits.

use serde::de::DeserializeOwned;
use worker::Request;

use crate::body::{self, BodyError, MAX_BODY_BYTES};
use crate::error::ApiError;

/// Reads and parses the JSON body; refuses a declared oversized body before reading it.
pub async fn json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let content_type = header("content-type");
    let declared = header("content-length").and_then(|n| n.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(BodyError::TooLarge.into());
    }
    let bytes = req
        .bytes()
        .await
        .map_err(|e| ApiError::internal(format!("reading the body: {e}")))?;
    Ok(body::parse_json(content_type.as_deref(), &bytes)?)
}
