//! Reading a batch answer: each answer matched to its call by id, since servers may answer a
//! batch in any order, and a per-call error kept apart from a broken answer as a whole.

use serde_json::{Map, Value};

use super::error::{RpcError, snippet};

/// One outcome per call sent, in the order the calls were added to the batch: `Ok(result)`,
/// or `Err(RpcError::Rpc)` for a call the node answered with an error object.
///
/// Assumes the ids of [`super::Batch`]: 1 to `expected`. The outer `Err` is for the batch as a
/// whole: a body that is not JSON or not an array, an answer without a usable id, an id
/// repeated, never asked or never answered (`Shape`); or the node's error object answered
/// alone, or with a null id, instead of answers (`Rpc`; nodes do that when rate limiting or
/// when they could not read the request).
pub fn parse_batch(body: &str, expected: usize) -> Result<Vec<Result<Value, RpcError>>, RpcError> {
    let answers = match serde_json::from_str::<Value>(body) {
        Ok(Value::Array(answers)) => answers,
        Ok(Value::Object(single)) => return Err(single_answer(&single)),
        Ok(_) => return Err(shape("the body is not an array")),
        Err(e) => return Err(RpcError::Shape(format!("not JSON: {e}"))),
    };
    let mut slots: Vec<Option<Result<Value, RpcError>>> = vec![None; expected];
    for answer in answers {
        let Value::Object(mut fields) = answer else {
            return Err(shape("an answer is not an object"));
        };
        let id = match fields.get("id") {
            Some(Value::Number(id)) => id.as_u64(),
            // Only an answer to no particular call has a null id: it speaks for the batch.
            Some(Value::Null) | None => match fields.get("error") {
                Some(error) => return Err(error_object(error)?),
                None => return Err(shape("an answer has no id")),
            },
            Some(_) => None,
        };
        let slot = id
            .and_then(|id| usize::try_from(id).ok())
            .and_then(|id| id.checked_sub(1))
            .and_then(|index| slots.get_mut(index))
            .ok_or_else(|| {
                let id = fields.get("id").map(Value::to_string).unwrap_or_default();
                RpcError::Shape(format!(
                    "an answer has id {} that was never asked",
                    snippet(&id)
                ))
            })?;
        if slot.is_some() {
            return Err(RpcError::Shape(format!(
                "two answers have id {}",
                id.unwrap_or(0)
            )));
        }
        *slot = Some(outcome(&mut fields)?);
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(index, slot)| {
            slot.ok_or_else(|| RpcError::Shape(format!("no answer has id {}", index + 1)))
        })
        .collect()
}

fn shape(why: &str) -> RpcError {
    RpcError::Shape(why.to_owned())
}

/// A lone object answered to a batch: the node's error, or an answer to some single call.
fn single_answer(fields: &Map<String, Value>) -> RpcError {
    match fields.get("error") {
        Some(error) => error_object(error).unwrap_or_else(|e| e),
        None => shape("a single answer where a batch was sent"),
    }
}

/// One answer's outcome: exactly one of `result` and `error` must be present.
fn outcome(fields: &mut Map<String, Value>) -> Result<Result<Value, RpcError>, RpcError> {
    match (fields.remove("result"), fields.get("error")) {
        (Some(result), None) => Ok(Ok(result)),
        (None, Some(error)) => Ok(Err(error_object(error)?)),
        (Some(_), Some(_)) => Err(shape("an answer has both a result and an error")),
        (None, None) => Err(shape("an answer has neither a result nor an error")),
    }
}

/// A JSON-RPC error object, `{"code": integer, "message": string, "data"?: any}`.
fn error_object(error: &Value) -> Result<RpcError, RpcError> {
    let code = error.get("code").and_then(Value::as_i64);
    let message = error.get("message").and_then(Value::as_str);
    match (code, message) {
        (Some(code), Some(message)) => Ok(RpcError::Rpc {
            code,
            message: snippet(message),
        }),
        _ => Err(RpcError::Shape(format!(
            "an error object without an integer code and a message: {}",
            snippet(&error.to_string())
        ))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::recorded;
    use super::*;

    fn rpc(code: i64, message: &str) -> RpcError {
        RpcError::Rpc {
            code,
            message: message.into(),
        }
    }

    fn is_shape<T: core::fmt::Debug>(outcome: Result<T, RpcError>) -> bool {
        matches!(outcome, Err(RpcError::Shape(_)))
    }

    #[test]
    fn a_recorded_batch_gives_every_result_and_error_in_call_order() {
        let outcomes = parse_batch(recorded::BATCH, 9).unwrap();
        assert_eq!(outcomes.len(), 9);
        assert_eq!(outcomes[0], Ok(json!("0x4")));
        assert_eq!(outcomes[4], Ok(json!("0x")));
        assert_eq!(outcomes[3].as_ref().unwrap().as_array().unwrap().len(), 2);
        assert_eq!(outcomes[5], Err(rpc(-32602, "invalid string length")));
        assert_eq!(outcomes[8], Err(rpc(-32601, "Method not found")));
    }

    #[test]
    fn answers_are_matched_by_id_not_by_position() {
        let body = r#"[{"jsonrpc":"2.0","id":3,"result":"0x3"},
                       {"jsonrpc":"2.0","id":1,"result":"0x1"},
                       {"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"header not found"}}]"#;
        assert_eq!(
            parse_batch(body, 3),
            Ok(vec![
                Ok(json!("0x1")),
                Err(rpc(-32000, "header not found")),
                Ok(json!("0x3"))
            ])
        );
    }

    #[test]
    fn a_null_result_is_a_result() {
        let body = r#"[{"jsonrpc":"2.0","id":1,"result":null}]"#;
        assert_eq!(parse_batch(body, 1), Ok(vec![Ok(Value::Null)]));
    }

    #[test]
    fn an_error_answered_alone_to_a_batch_is_the_batch_error() {
        assert_eq!(
            parse_batch(recorded::INVALID_REQUEST, 2),
            Err(rpc(-32600, "Invalid request"))
        );
        let limited = r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32005,"message":"Too Many Requests","data":{"see":"https://infura.io/dashboard"}}}"#;
        assert_eq!(
            parse_batch(limited, 2),
            Err(rpc(-32005, "Too Many Requests"))
        );
    }

    #[test]
    fn an_error_with_a_null_id_inside_the_array_is_the_batch_error() {
        let body =
            r#"[{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}]"#;
        assert_eq!(parse_batch(body, 1), Err(rpc(-32700, "parse error")));
    }

    #[test]
    fn a_single_result_answered_to_a_batch_is_refused() {
        assert!(is_shape(parse_batch(recorded::SINGLE_RESULT, 1)));
    }

    #[test]
    fn a_body_that_is_not_a_json_array_is_refused() {
        for body in [
            "",
            "<html>502 Bad Gateway</html>",
            "\"0x1\"",
            "42",
            "[1]",
            "[{\"id\":1,\"result\":\"0x1\"}",
        ] {
            assert!(is_shape(parse_batch(body, 1)), "{body}");
        }
    }

    #[test]
    fn a_missing_answer_is_refused() {
        let body = r#"[{"jsonrpc":"2.0","id":1,"result":"0x1"}]"#;
        assert_eq!(
            parse_batch(body, 2),
            Err(RpcError::Shape("no answer has id 2".into()))
        );
    }

    #[test]
    fn a_repeated_id_is_refused() {
        let body =
            r#"[{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":1,"result":"0x2"}]"#;
        assert_eq!(
            parse_batch(body, 2),
            Err(RpcError::Shape("two answers have id 1".into()))
        );
    }

    #[test]
    fn an_id_never_asked_is_refused() {
        for id in ["0", "3", "-1", "1.5", "\"1\"", "18446744073709551616"] {
            let body = format!(r#"[{{"jsonrpc":"2.0","id":{id},"result":"0x1"}}]"#);
            assert!(is_shape(parse_batch(&body, 2)), "{id}");
        }
    }

    #[test]
    fn an_answer_without_an_id_is_refused() {
        assert!(is_shape(parse_batch(
            r#"[{"jsonrpc":"2.0","result":"0x1"}]"#,
            1
        )));
    }

    #[test]
    fn an_answer_must_have_exactly_one_of_result_and_error() {
        let both = r#"[{"id":1,"result":"0x1","error":{"code":-32603,"message":"internal"}}]"#;
        let neither = r#"[{"jsonrpc":"2.0","id":1}]"#;
        assert!(is_shape(parse_batch(both, 1)));
        assert!(is_shape(parse_batch(neither, 1)));
    }

    #[test]
    fn an_error_object_needs_an_integer_code_and_a_message() {
        for error in [
            r#"{"message":"x"}"#,
            r#"{"code":"-32000","message":"x"}"#,
            r#"{"code":-32000}"#,
            r#""boom""#,
        ] {
            let body = format!(r#"[{{"jsonrpc":"2.0","id":1,"error":{error}}}]"#);
            assert!(is_shape(parse_batch(&body, 1)), "{error}");
        }
    }

    #[test]
    fn an_empty_batch_answer_fits_an_empty_batch() {
        assert_eq!(parse_batch("[]", 0), Ok(vec![]));
    }
}
