//! The `GET /healthz` document: build version and whether each binding answers.

use serde::{Deserialize, Serialize};

/// Whether one dependency answered its probe.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Ok,
    Error,
}

/// The outcome of probing one binding (D1, KV, ...).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub status: CheckStatus,
    /// Wall time of the probe in milliseconds, as measured by the worker.
    pub latency_ms: u64,
}

impl Check {
    /// A probe that answered in `latency_ms`.
    pub fn ok(latency_ms: u64) -> Self {
        Self {
            status: CheckStatus::Ok,
            latency_ms,
        }
    }

    /// A probe that failed after `latency_ms`; the cause is logged by the worker, never sent.
    pub fn error(latency_ms: u64) -> Self {
        Self {
            status: CheckStatus::Error,
            latency_ms,
        }
    }

    pub fn is_ok(&self) -> bool {
        self.status == CheckStatus::Ok
    }
}

/// The probes `/healthz` runs.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    pub d1: Check,
    pub kv: Check,
}

/// The watcher's last look at one chain's JSON-RPC node. Reported, but not part of
/// `status`: the worker serves links and sessions while a node is down (sessions then wait).
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainCheck {
    pub chain: String,
    /// `error` when the node did not answer the last check.
    pub status: CheckStatus,
    /// The last head block seen.
    pub head_block: Option<u64>,
    /// Unix seconds of the last check.
    pub checked_at: i64,
}

/// The whole `/healthz` body. `status` is derived from the checks by [`Health::new`], so a
/// document that says `ok` with a failing check cannot be built.
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Health {
    status: CheckStatus,
    /// `CARGO_PKG_VERSION`, plus `+<git sha>` when the build knew its commit.
    pub version: String,
    pub checks: Checks,
    /// Unix seconds of the last scheduled (cron) run the worker recorded, if any.
    pub last_scheduled_at: Option<i64>,
    /// Each chain the watcher checked, as of its last check.
    pub chains: Vec<ChainCheck>,
}

impl Health {
    pub fn new(version: String, checks: Checks, last_scheduled_at: Option<i64>) -> Self {
        let status = if checks.d1.is_ok() && checks.kv.is_ok() {
            CheckStatus::Ok
        } else {
            CheckStatus::Error
        };
        Self {
            status,
            version,
            checks,
            last_scheduled_at,
            chains: Vec::new(),
        }
    }

    pub fn status(&self) -> CheckStatus {
        self.status
    }

    /// The HTTP status a load balancer should see: 200 when every check passed, else 503.
    pub fn http_status(&self) -> u16 {
        match self.status {
            CheckStatus::Ok => 200,
            CheckStatus::Error => 503,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_is_ok_only_when_every_check_passed() {
        let all_ok = Health::new(
            "0.1.0".into(),
            Checks {
                d1: Check::ok(1),
                kv: Check::ok(2),
            },
            None,
        );
        assert_eq!(all_ok.status(), CheckStatus::Ok);
        assert_eq!(all_ok.http_status(), 200);

        let kv_down = Health::new(
            "0.1.0".into(),
            Checks {
                d1: Check::ok(1),
                kv: Check::error(9),
            },
            None,
        );
        assert_eq!(kv_down.status(), CheckStatus::Error);
        assert_eq!(kv_down.http_status(), 503);
    }

    #[test]
    fn health_serialises_in_snake_case_with_the_fields_clients_read() {
        let health = Health::new(
            "0.1.0+abc".into(),
            Checks {
                d1: Check::ok(3),
                kv: Check::ok(4),
            },
            Some(7),
        );
        let json = serde_json::to_value(&health).unwrap();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["version"], "0.1.0+abc");
        assert_eq!(json["checks"]["d1"]["status"], "ok");
        assert_eq!(json["checks"]["kv"]["latency_ms"], 4);
        assert_eq!(json["last_scheduled_at"], 7);
    }

    #[test]
    fn health_rejects_unknown_fields_when_parsed() {
        let body = r#"{"status":"ok","version":"x","checks":{"d1":{"status":"ok","latency_ms":1},
            "kv":{"status":"ok","latency_ms":1}},"last_scheduled_at":null,"extra":1}"#;
        assert!(serde_json::from_str::<Health>(body).is_err());
    }
}
