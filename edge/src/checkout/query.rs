//! The checkout-session list query: filters by link, status and the merchant's reference,
//! keyset pages newest first on `checkout_sessions_page (merchant_id, livemode, created_at
//! DESC, id DESC)` (or `checkout_sessions_by_reference` when a reference is given).

use shared::api::error::FieldError;
use shared::api::list::ListParams;
use shared::session::SessionStatus;

use crate::checkout::row::COLUMNS;
use crate::links::query::Seek;
use crate::platform::sql::{Arg, Query};

pub use crate::checkout::statements::*;

/// The filter names `GET /v1/checkout_sessions` accepts.
pub const FILTERS: &[&str] = &["payment_link", "status", "client_reference_id"];

/// Which sessions a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub payment_link: Option<String>,
    pub status: Option<SessionStatus>,
    pub client_reference_id: Option<String>,
}

impl Filters {
    pub fn parse(params: &ListParams) -> Result<Self, Vec<FieldError>> {
        let status = match params.filter("status") {
            None => None,
            Some(name) => Some(SessionStatus::parse(name).ok_or_else(|| {
                let names: Vec<&str> = SessionStatus::ALL.iter().map(|s| s.as_str()).collect();
                vec![FieldError {
                    code: "invalid_filter".into(),
                    message: format!("status is one of {}.", names.join(", ")),
                    param: "status".into(),
                }]
            })?),
        };
        Ok(Self {
            payment_link: params.filter("payment_link").map(str::to_owned),
            status,
            client_reference_id: params.filter("client_reference_id").map(str::to_owned),
        })
    }
}

/// One more row than `limit`, so the caller knows whether more follow.
pub fn page(
    merchant_id: &str,
    livemode: bool,
    filters: &Filters,
    seek: &Seek,
    limit: u32,
) -> Query {
    let mut args = vec![
        Arg::Text(merchant_id.to_owned()),
        Arg::Int(i64::from(livemode)),
    ];
    let mut clauses = vec!["merchant_id = ?1 AND livemode = ?2".to_owned()];
    let arg = |args: &mut Vec<Arg>, value: Arg| {
        args.push(value);
        format!("?{}", args.len())
    };
    if let Some(link) = &filters.payment_link {
        let p = arg(&mut args, Arg::Text(link.clone()));
        clauses.push(format!("link_id = {p}"));
    }
    if let Some(status) = filters.status {
        let p = arg(&mut args, Arg::Text(status.as_str().to_owned()));
        clauses.push(format!("status = {p}"));
    }
    if let Some(reference) = &filters.client_reference_id {
        let p = arg(&mut args, Arg::Text(reference.clone()));
        clauses.push(format!("client_reference_id = {p}"));
    }
    // An `ending_before` page reads upwards; `paging::shown` turns it back.
    let order = match seek {
        Seek::First => "DESC",
        Seek::After(created_at, id) | Seek::Before(created_at, id) => {
            let t = arg(&mut args, Arg::Int(*created_at));
            let i = arg(&mut args, Arg::Text(id.clone()));
            let after = matches!(seek, Seek::After(..));
            clauses.push(format!(
                "(created_at, id) {} ({t}, {i})",
                if after { "<" } else { ">" }
            ));
            if after { "DESC" } else { "ASC" }
        }
    };
    let limit = arg(&mut args, Arg::Int(i64::from(limit) + 1));
    Query {
        sql: format!(
            "SELECT {COLUMNS} FROM checkout_sessions WHERE {} \
             ORDER BY created_at {order}, id {order} LIMIT {limit}",
            clauses.join(" AND ")
        ),
        args,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(items: &[(&str, &str)]) -> Result<Filters, Vec<FieldError>> {
        let pairs: Vec<(String, String)> = items
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        Filters::parse(&ListParams::parse(&pairs, FILTERS).unwrap())
    }

    #[test]
    fn the_first_page_is_the_merchants_mode_newest_first_with_one_extra_row() {
        let q = page("mer_1", true, &Filters::default(), &Seek::First, 25);
        assert!(q.sql.ends_with("WHERE merchant_id = ?1 AND livemode = ?2 ORDER BY created_at DESC, id DESC LIMIT ?3"), "{}", q.sql);
        assert_eq!(
            q.args,
            [Arg::Text("mer_1".into()), Arg::Int(1), Arg::Int(26)]
        );
    }

    #[test]
    fn filters_by_link_and_status_narrow_the_page() {
        let f = filters(&[("payment_link", "pl_1"), ("status", "paid")]).unwrap();
        let q = page("m", false, &f, &Seek::After(5, "cs_x".into()), 10);
        assert!(
            q.sql
                .contains("link_id = ?3 AND status = ?4 AND (created_at, id) < (?5, ?6)"),
            "{}",
            q.sql
        );
        assert_eq!(
            q.args[2..4],
            [Arg::Text("pl_1".into()), Arg::Text("paid".into())]
        );
    }

    #[test]
    fn the_merchants_reference_finds_its_sessions() {
        let f = filters(&[("client_reference_id", "A-1001")]).unwrap();
        let q = page("m", false, &f, &Seek::First, 10);
        assert!(q.sql.contains("client_reference_id = ?3"), "{}", q.sql);
        assert_eq!(q.args[2], Arg::Text("A-1001".into()));
    }

    #[test]
    fn an_ending_before_page_reads_upwards() {
        let q = page(
            "m",
            false,
            &Filters::default(),
            &Seek::Before(5, "cs_x".into()),
            10,
        );
        assert!(
            q.sql
                .contains("(created_at, id) > (?3, ?4) ORDER BY created_at ASC"),
            "{}",
            q.sql
        );
    }

    #[test]
    fn an_unknown_status_is_refused_with_the_valid_ones_named() {
        let errors = filters(&[("status", "done")]).unwrap_err();
        assert_eq!(errors[0].code, "invalid_filter");
        assert!(errors[0].message.contains("paid_late"));
    }
}
