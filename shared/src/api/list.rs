//! List parameters: `limit` and the `starting_after` / `ending_before` cursors, newest first.

use crate::api::error::FieldError;
use crate::text::{self, Lines};

/// Which side of a known object a page starts from. Cursors are object ids: stable while
/// objects are added, and the page query seeks from the cursor row through an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// The first (newest) page.
    Start,
    /// Objects older than this id.
    After(String),
    /// Objects newer than this id (the previous page).
    Before(String),
}

/// Validated paging parameters plus the filters the route allows, in query order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    pub limit: u32,
    pub cursor: Cursor,
    pub filters: Vec<(String, String)>,
}

impl ListParams {
    pub const DEFAULT_LIMIT: u32 = 25;
    pub const MAX_LIMIT: u32 = 100;
    /// The longest value any list parameter takes, in characters: ids, names and dates are far
    /// shorter, and a filter may set its own lower bound (`q`: 100).
    pub const MAX_VALUE_CHARS: usize = 200;
    /// Names longer than this are shown cut in the error that refuses them.
    const MAX_NAME_SHOWN: usize = 64;

    /// Parses decoded query pairs; names outside paging and `allowed_filters` are refused,
    /// so a misspelt filter never silently lists everything. Pages hold
    /// [`DEFAULT_LIMIT`](Self::DEFAULT_LIMIT) items unless `limit` says otherwise.
    pub fn parse(
        pairs: &[(String, String)],
        allowed_filters: &[&str],
    ) -> Result<Self, Vec<FieldError>> {
        Self::parse_with_default(pairs, allowed_filters, Self::DEFAULT_LIMIT)
    }

    /// [`parse`](Self::parse) for a list whose pages hold `default_limit` items unless `limit`
    /// says otherwise (a list that used to answer everything keeps doing so for its usual
    /// size). The default is held to the same 1 to [`MAX_LIMIT`](Self::MAX_LIMIT) as `limit`.
    pub fn parse_with_default(
        pairs: &[(String, String)],
        allowed_filters: &[&str],
        default_limit: u32,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut limit = default_limit.clamp(1, Self::MAX_LIMIT);
        let mut after = None;
        let mut before = None;
        let mut filters = Vec::new();
        let error = |code: &str, message: String, param: &str| FieldError {
            code: code.into(),
            message,
            param: param.into(),
        };
        for (name, value) in pairs {
            if value.chars().count() > Self::MAX_VALUE_CHARS {
                errors.push(error(
                    "parameter_too_long",
                    format!("{name} has at most {} characters.", Self::MAX_VALUE_CHARS),
                    &name.chars().take(Self::MAX_NAME_SHOWN).collect::<String>(),
                ));
                continue;
            }
            // No list parameter is free text that needs a control character; a NUL in a
            // search would otherwise be searched for.
            if let Err(e) = text::check(name, value, Lines::One)
                && name.chars().count() <= Self::MAX_NAME_SHOWN
            {
                errors.push(e);
                continue;
            }
            match name.as_str() {
                // Plain digits only: `u32::from_str` would also take a leading `+`.
                "limit" => match value.parse::<u32>() {
                    Ok(n)
                        if (1..=Self::MAX_LIMIT).contains(&n)
                            && value.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        limit = n
                    }
                    _ => errors.push(error(
                        "invalid_limit",
                        format!("limit is a whole number from 1 to {}.", Self::MAX_LIMIT),
                        "limit",
                    )),
                },
                "starting_after" if !value.is_empty() => after = Some(value.clone()),
                "ending_before" if !value.is_empty() => before = Some(value.clone()),
                "starting_after" | "ending_before" => errors.push(error(
                    "invalid_cursor",
                    "A cursor is an object id.".into(),
                    name,
                )),
                other if allowed_filters.contains(&other) => {
                    filters.push((name.clone(), value.clone()))
                }
                other => {
                    let shown: String = other.chars().take(Self::MAX_NAME_SHOWN).collect();
                    errors.push(error(
                        "unknown_parameter",
                        format!("`{shown}` is not a parameter of this list."),
                        &shown,
                    ))
                }
            }
        }
        let cursor = match (after, before) {
            (Some(_), Some(_)) => {
                errors.push(error(
                    "conflicting_cursors",
                    "Send starting_after or ending_before, not both.".into(),
                    "ending_before",
                ));
                Cursor::Start
            }
            (Some(id), None) => Cursor::After(id),
            (None, Some(id)) => Cursor::Before(id),
            (None, None) => Cursor::Start,
        };
        if errors.is_empty() {
            Ok(Self {
                limit,
                cursor,
                filters,
            })
        } else {
            Err(errors)
        }
    }

    /// The value of filter `name`, if sent (the last one wins).
    pub fn filter(&self, name: &str) -> Option<&str> {
        self.filters
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn codes(result: Result<ListParams, Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn no_parameters_mean_the_first_page_of_twenty_five() {
        let params = ListParams::parse(&[], &[]).unwrap();
        assert_eq!((params.limit, params.cursor), (25, Cursor::Start));
    }

    #[test]
    fn a_list_may_default_to_another_page_size_within_the_same_bounds() {
        let parse = |pairs: &[(&str, &str)], default| {
            ListParams::parse_with_default(&query(pairs), &[], default)
                .unwrap()
                .limit
        };
        assert_eq!(parse(&[], 100), 100);
        assert_eq!(parse(&[("limit", "7")], 100), 7);
        assert_eq!(parse(&[], 0), 1);
        assert_eq!(parse(&[], 500), 100);
        assert_eq!(
            codes(ListParams::parse_with_default(
                &query(&[("limit", "101")]),
                &[],
                100
            )),
            ["invalid_limit"]
        );
    }

    #[test]
    fn limit_is_bounded_to_one_through_one_hundred() {
        assert_eq!(
            ListParams::parse(&query(&[("limit", "100")]), &[])
                .unwrap()
                .limit,
            100
        );
        assert_eq!(
            ListParams::parse(&query(&[("limit", "1")]), &[])
                .unwrap()
                .limit,
            1
        );
        for bad in ["0", "101", "-1", "ten", "", "2.5", "+5", " 5", "1e1"] {
            assert_eq!(
                codes(ListParams::parse(&query(&[("limit", bad)]), &[])),
                ["invalid_limit"],
                "{bad}"
            );
        }
    }

    #[test]
    fn cursors_are_exclusive_of_each_other() {
        let after = ListParams::parse(&query(&[("starting_after", "pl_1")]), &[]).unwrap();
        assert_eq!(after.cursor, Cursor::After("pl_1".into()));
        let before = ListParams::parse(&query(&[("ending_before", "pl_2")]), &[]).unwrap();
        assert_eq!(before.cursor, Cursor::Before("pl_2".into()));
        let both = ListParams::parse(
            &query(&[("starting_after", "a"), ("ending_before", "b")]),
            &[],
        );
        assert_eq!(codes(both), ["conflicting_cursors"]);
        assert_eq!(
            codes(ListParams::parse(&query(&[("starting_after", "")]), &[])),
            ["invalid_cursor"]
        );
    }

    #[test]
    fn allowed_filters_are_kept_and_unknown_names_refused() {
        let params =
            ListParams::parse(&query(&[("status", "active"), ("limit", "5")]), &["status"])
                .unwrap();
        assert_eq!(params.filter("status"), Some("active"));
        assert_eq!(params.filter("currency"), None);
        assert_eq!(
            codes(ListParams::parse(
                &query(&[("stauts", "active")]),
                &["status"]
            )),
            ["unknown_parameter"]
        );
    }

    #[test]
    fn long_values_and_control_characters_are_refused_by_name() {
        let long = "x".repeat(ListParams::MAX_VALUE_CHARS + 1);
        let errors = ListParams::parse(&query(&[("status", &long)]), &["status"]).unwrap_err();
        assert_eq!(
            (errors[0].code.as_str(), errors[0].param.as_str()),
            ("parameter_too_long", "status")
        );
        let errors = ListParams::parse(&query(&[("q", "a\u{0}")]), &["q"]).unwrap_err();
        assert_eq!(
            (errors[0].code.as_str(), errors[0].param.as_str()),
            ("control_character", "q")
        );
        let at_limit = "x".repeat(ListParams::MAX_VALUE_CHARS);
        assert!(ListParams::parse(&query(&[("q", &at_limit)]), &["q"]).is_ok());
    }

    #[test]
    fn an_unknown_name_is_shown_cut_short() {
        let name = "n".repeat(1000);
        let errors = ListParams::parse(&query(&[(&name, "1")]), &[]).unwrap_err();
        assert_eq!(errors[0].code, "unknown_parameter");
        assert_eq!(errors[0].param.len(), 64);
    }
}
