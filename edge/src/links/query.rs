//! The payment-link list query: filters and keyset pagination as SQL, built without I/O.
//!
//! Pages seek from the cursor's `(created_at, id)` on the index
//! `payment_links_page (merchant_id, livemode, created_at DESC, id DESC)`, so a page costs the
//! same however many links come before it.

pub use crate::platform::sql::{Arg, Query};
use shared::api::error::FieldError;
use shared::api::list::ListParams;
use shared::link::StatusSet;
use shared::money::Currency;

use crate::links::status_sql;

/// The columns every link query reads, in `LinkRow` order.
pub const COLUMNS: &str = "id, merchant_id, livemode, slug, title, description, kind, amount, \
    currency, custom_minimum, custom_maximum, custom_preset, assets, chain, max_payments, \
    payments_count, expires_at, active, inactive_message, success_url, cancel_url, metadata, \
    created_at, updated_at, archived_at, payer_form";

/// The unarchived link with slug ?1, in either mode (slugs are unique across both).
pub fn by_slug(slug: &str) -> Query {
    Query {
        sql: format!("SELECT {COLUMNS} FROM payment_links WHERE slug = ?1 AND archived_at IS NULL"),
        args: vec![Arg::Text(slug.to_owned())],
    }
}

/// Which links a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// The statuses shown; by default every one but `archived`.
    pub status: StatusSet,
    pub currency: Option<Currency>,
    pub created_gte: Option<i64>,
    pub created_lte: Option<i64>,
    pub q: Option<String>,
}

/// The filter names `GET /v1/payment_links` accepts.
pub const FILTERS: &[&str] = &["status", "currency", "created[gte]", "created[lte]", "q"];

/// The longest search, in characters.
pub const MAX_Q_CHARS: usize = 100;

impl Filters {
    pub fn parse(params: &ListParams) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut bad = |param: &str, message: &str| {
            errors.push(FieldError {
                code: "invalid_filter".into(),
                message: message.into(),
                param: param.into(),
            })
        };
        let status = match params.filter("status").map(StatusSet::parse) {
            None => StatusSet::default(),
            Some(Ok(set)) => set,
            Some(Err(e)) => {
                bad("status", &format!("{e}."));
                StatusSet::default()
            }
        };
        let currency = params.filter("currency").and_then(|code| {
            Currency::parse(code)
                .map_err(|_| bad("currency", "currency is a supported ISO 4217 code."))
                .ok()
        });
        let mut time = |name: &str| {
            params.filter(name).and_then(|v| {
                shared::bounds::query_timestamp(v).or_else(|| {
                    bad(
                        name,
                        "created filters are unix seconds from 0 to 253402300799.",
                    );
                    None
                })
            })
        };
        let created_gte = time("created[gte]");
        let created_lte = time("created[lte]");
        // SQLite's lower() folds ASCII only; the search folds the same letters, so `q` finds
        // what it would find in a LIKE, and never more.
        let q = params
            .filter("q")
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_ascii_lowercase);
        if q.as_ref().is_some_and(|q| q.chars().count() > MAX_Q_CHARS) {
            errors.push(FieldError {
                code: "parameter_too_long".into(),
                message: format!("q has at most {MAX_Q_CHARS} characters."),
                param: "q".into(),
            });
        }
        if errors.is_empty() {
            Ok(Self {
                status,
                currency,
                created_gte,
                created_lte,
                q,
            })
        } else {
            Err(errors)
        }
    }
}

/// Which way a page reads from its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek {
    First,
    /// Older than `(created_at, id)`.
    After(i64, String),
    /// Newer than `(created_at, id)`; rows come back oldest first and are reversed.
    Before(i64, String),
}

struct Builder {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Builder {
    fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("?{}", self.args.len())
    }
}

/// The page query: one more row than `limit`, so the caller knows whether more follow.
pub fn page(
    merchant_id: &str,
    livemode: bool,
    filters: &Filters,
    seek: &Seek,
    limit: u32,
    now: i64,
) -> Query {
    let mut b = Builder {
        clauses: Vec::new(),
        args: Vec::new(),
    };
    let merchant = b.arg(Arg::Text(merchant_id.to_owned()));
    let mode = b.arg(Arg::Int(i64::from(livemode)));
    b.clauses
        .push(format!("merchant_id = {merchant} AND livemode = {mode}"));
    if let Some(condition) = status_sql::condition(filters.status, || b.arg(Arg::Int(now))) {
        b.clauses.push(condition);
    }
    if let Some(currency) = filters.currency {
        let c = b.arg(Arg::Text(currency.code().to_owned()));
        b.clauses.push(format!("currency = {c}"));
    }
    if let Some(gte) = filters.created_gte {
        let t = b.arg(Arg::Int(gte));
        b.clauses.push(format!("created_at >= {t}"));
    }
    if let Some(lte) = filters.created_lte {
        let t = b.arg(Arg::Int(lte));
        b.clauses.push(format!("created_at <= {t}"));
    }
    if let Some(q) = &filters.q {
        // instr() rather than LIKE: D1 refuses LIKE patterns over about 50 bytes ("pattern too
        // complex"), and instr() has no wildcards to escape. `q` is already ASCII-lowercased.
        let p = b.arg(Arg::Text(q.clone()));
        b.clauses.push(format!(
            "(instr(lower(title), {p}) > 0 OR instr(slug, {p}) > 0)"
        ));
    }
    // An `ending_before` page reads upwards; `paging::shown` turns it back.
    let order = match seek {
        Seek::First => "DESC",
        Seek::After(created_at, id) => {
            let (t, i) = (b.arg(Arg::Int(*created_at)), b.arg(Arg::Text(id.clone())));
            b.clauses.push(format!("(created_at, id) < ({t}, {i})"));
            "DESC"
        }
        Seek::Before(created_at, id) => {
            let (t, i) = (b.arg(Arg::Int(*created_at)), b.arg(Arg::Text(id.clone())));
            b.clauses.push(format!("(created_at, id) > ({t}, {i})"));
            "ASC"
        }
    };
    let limit = b.arg(Arg::Int(i64::from(limit) + 1));
    let sql = format!(
        "SELECT {COLUMNS} FROM payment_links WHERE {} ORDER BY created_at {order}, id {order} LIMIT {limit}",
        b.clauses.join(" AND ")
    );
    Query { sql, args: b.args }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(items: &[(&str, &str)]) -> ListParams {
        let pairs: Vec<(String, String)> = items
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        ListParams::parse(&pairs, FILTERS).unwrap()
    }

    #[test]
    fn the_first_page_hides_archived_links_newest_first_with_one_extra_row() {
        let q = page("mer_1", false, &Filters::default(), &Seek::First, 25, 100);
        assert!(q.sql.contains("WHERE merchant_id = ?1 AND livemode = ?2 AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?3"), "{}", q.sql);
        assert_eq!(
            q.args,
            [Arg::Text("mer_1".into()), Arg::Int(0), Arg::Int(26)]
        );
    }

    #[test]
    fn cursors_seek_on_created_at_then_id() {
        let after = page(
            "m",
            true,
            &Filters::default(),
            &Seek::After(50, "pl_x".into()),
            10,
            100,
        );
        assert!(
            after.sql.contains("(created_at, id) < (?3, ?4)"),
            "{}",
            after.sql
        );
        let before = page(
            "m",
            true,
            &Filters::default(),
            &Seek::Before(50, "pl_x".into()),
            10,
            100,
        );
        assert!(before.sql.contains("(created_at, id) > (?3, ?4)"));
        assert!(before.sql.contains("ORDER BY created_at ASC, id ASC"));
    }

    #[test]
    fn filters_become_bound_conditions() {
        let filters = Filters::parse(&params(&[
            ("status", "active"),
            ("currency", "EUR"),
            ("created[gte]", "10"),
            ("q", "50%_off"),
        ]))
        .unwrap();
        let q = page("m", false, &filters, &Seek::First, 5, 100);
        assert!(
            q.sql.contains(
                "(expires_at IS NULL OR expires_at > ?3) AND (max_payments IS NULL OR \
                 payments_count < max_payments) AND active = 1"
            ),
            "{}",
            q.sql
        );
        assert!(q.sql.contains("currency = ?4") && q.sql.contains("created_at >= ?5"));
        assert!(
            q.sql
                .contains("instr(lower(title), ?6) > 0 OR instr(slug, ?6) > 0"),
            "{}",
            q.sql
        );
        assert!(
            q.args.contains(&Arg::Text("50%_off".into())),
            "searched as written"
        );
        assert!(!q.sql.contains("50%"), "values are bound, never spliced");
    }

    #[test]
    fn status_all_shows_archived_links_too() {
        let filters = Filters::parse(&params(&[("status", "all")])).unwrap();
        let sql = page("m", false, &filters, &Seek::First, 5, 1).sql;
        let filter = sql.split(" WHERE ").nth(1).unwrap_or_default();
        assert!(!filter.contains("archived_at"), "{filter}");
    }

    #[test]
    fn bad_filter_values_are_refused_by_name() {
        let errors = Filters::parse(&params(&[
            ("status", "paid"),
            ("currency", "usd"),
            ("created[lte]", "x"),
        ]))
        .unwrap_err();
        let names: Vec<&str> = errors.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(names, ["status", "currency", "created[lte]"]);
        assert!(errors.iter().all(|e| e.code == "invalid_filter"));
        assert!(
            errors[0].message.contains("sold_out, archived or all"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_status_list_filters_by_any_of_its_statuses_and_refuses_an_empty_name() {
        let filters = Filters::parse(&params(&[("status", "active,inactive,active")])).unwrap();
        let q = page("m", false, &filters, &Seek::First, 5, 100);
        assert!(q.sql.contains("active = 1) OR ("), "{}", q.sql);
        assert_eq!(q.args[2], Arg::Int(100), "the time is bound once");
        for bad in ["active,", "active,,inactive", ""] {
            let errors = Filters::parse(&params(&[("status", bad)])).unwrap_err();
            assert_eq!(
                (errors[0].code.as_str(), errors[0].param.as_str()),
                ("invalid_filter", "status"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn created_filters_are_timestamps_in_range() {
        for bad in ["-1", "+5", "1e3", "253402300800", "9223372036854775807"] {
            let errors = Filters::parse(&params(&[("created[gte]", bad)])).unwrap_err();
            assert_eq!(errors[0].code, "invalid_filter", "{bad}");
        }
        let ok = Filters::parse(&params(&[("created[lte]", "253402300799")])).unwrap();
        assert_eq!(ok.created_lte, Some(253_402_300_799));
    }

    #[test]
    fn a_search_is_at_most_a_hundred_characters_and_folds_ascii_case() {
        let hundred = "é".repeat(100);
        assert!(Filters::parse(&params(&[("q", &hundred)])).is_ok());
        let errors = Filters::parse(&params(&[("q", &"a".repeat(101))])).unwrap_err();
        assert_eq!(
            (errors[0].code.as_str(), errors[0].param.as_str()),
            ("parameter_too_long", "q")
        );
        let folded = Filters::parse(&params(&[("q", " Coffee BEANS ")])).unwrap();
        assert_eq!(folded.q.as_deref(), Some("coffee beans"));
    }
}
