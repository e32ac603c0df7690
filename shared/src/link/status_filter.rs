//! `StatusSet`: which statuses a link list shows, parsed from `status=active,inactive`.

use core::fmt;

use crate::link::LinkStatus;

/// The name that stands for every status, archived links included.
pub const EVERY_NAME: &str = "all";

/// A set of [`LinkStatus`]es. Never empty when parsed: a filter that lists nothing is refused
/// rather than answering an empty page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusSet {
    /// Bit `i` set: `LinkStatus::ALL[i]` is in the set.
    bits: u8,
}

/// Why a `status` filter is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusSetError {
    /// An empty name: `""`, `"active,"`, `"active,,inactive"`.
    EmptyItem,
    /// A name that is no status.
    Unknown(String),
}

impl fmt::Display for StatusSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusSetError::EmptyItem => write!(
                f,
                "status has an empty name; list statuses separated by single commas, e.g. \
                 active,inactive ({})",
                StatusSet::names()
            ),
            StatusSetError::Unknown(name) => write!(
                f,
                "status {name:?} is not a link status; use {}, comma-separated",
                StatusSet::names()
            ),
        }
    }
}

impl StatusSet {
    /// Every status but `archived`: what a list shows unless asked otherwise.
    pub const UNARCHIVED: StatusSet = StatusSet {
        bits: (1 << LinkStatus::ALL.len()) - 1 - StatusSet::bit(LinkStatus::Archived),
    };
    /// Every status (`status=all`).
    pub const EVERY: StatusSet = StatusSet {
        bits: (1 << LinkStatus::ALL.len()) - 1,
    };
    /// No status: matches no link. Only built from an empty list of statuses.
    pub const NONE: StatusSet = StatusSet { bits: 0 };

    const fn bit(status: LinkStatus) -> u8 {
        let mut i = 0;
        while i < LinkStatus::ALL.len() {
            if LinkStatus::ALL[i] as u8 == status as u8 {
                return 1 << i;
            }
            i += 1;
        }
        0
    }

    /// `active`, `active,inactive`, `sold_out`, `all`, … Each name is checked; a name given
    /// twice counts once, and `all` with others is still every status. No spaces: the
    /// OpenAPI document's pattern for the parameter says the same, so a client generated from
    /// it and the worker agree on what is a filter.
    pub fn parse(input: &str) -> Result<Self, StatusSetError> {
        let mut set = StatusSet::NONE;
        for name in input.split(',') {
            if name.is_empty() {
                return Err(StatusSetError::EmptyItem);
            }
            if name == EVERY_NAME {
                set = StatusSet::EVERY;
                continue;
            }
            let status =
                LinkStatus::parse(name).ok_or_else(|| StatusSetError::Unknown(name.to_owned()))?;
            set = set.with(status);
        }
        Ok(set)
    }

    #[must_use]
    pub fn with(self, status: LinkStatus) -> Self {
        StatusSet {
            bits: self.bits | StatusSet::bit(status),
        }
    }

    pub fn contains(self, status: LinkStatus) -> bool {
        self.bits & StatusSet::bit(status) != 0
    }

    /// The statuses in the set, in [`LinkStatus::ALL`] order.
    pub fn statuses(self) -> impl Iterator<Item = LinkStatus> {
        LinkStatus::ALL
            .into_iter()
            .filter(move |s| self.contains(*s))
    }

    /// The names a filter takes, for messages and the OpenAPI description:
    /// `active, inactive, expired, sold_out, archived or all`.
    pub fn names() -> String {
        let names: Vec<&str> = LinkStatus::ALL.map(LinkStatus::as_str).to_vec();
        format!("{} or {EVERY_NAME}", names.join(", "))
    }

    /// The regular expression of a valid filter (for the OpenAPI document): names from
    /// [`LinkStatus::ALL`] and `all`, separated by single commas.
    pub fn pattern() -> String {
        let mut names: Vec<&str> = LinkStatus::ALL.map(LinkStatus::as_str).to_vec();
        names.push(EVERY_NAME);
        let name = format!("({})", names.join("|"));
        format!("^{name}(,{name})*$")
    }
}

impl Default for StatusSet {
    fn default() -> Self {
        StatusSet::UNARCHIVED
    }
}

impl FromIterator<LinkStatus> for StatusSet {
    fn from_iter<I: IntoIterator<Item = LinkStatus>>(iter: I) -> Self {
        iter.into_iter().fold(StatusSet::NONE, StatusSet::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkStatus::{Active, Archived, Expired, Inactive, SoldOut};

    fn parsed(input: &str) -> Vec<LinkStatus> {
        StatusSet::parse(input).unwrap().statuses().collect()
    }

    #[test]
    fn one_name_or_a_comma_list_parses_to_those_statuses() {
        assert_eq!(parsed("sold_out"), [SoldOut]);
        assert_eq!(parsed("inactive,active"), [Active, Inactive]);
        assert_eq!(
            parsed("archived,expired,sold_out"),
            [Expired, SoldOut, Archived]
        );
    }

    #[test]
    fn a_name_given_twice_counts_once() {
        assert_eq!(parsed("active,active,inactive,active"), [Active, Inactive]);
    }

    #[test]
    fn all_means_every_status_even_beside_other_names() {
        assert_eq!(StatusSet::parse("all"), Ok(StatusSet::EVERY));
        assert_eq!(StatusSet::parse("active,all"), Ok(StatusSet::EVERY));
        assert_eq!(StatusSet::EVERY.statuses().count(), LinkStatus::ALL.len());
    }

    #[test]
    fn the_default_is_everything_but_archived() {
        assert_eq!(
            StatusSet::default().statuses().collect::<Vec<_>>(),
            [Active, Inactive, Expired, SoldOut]
        );
        let listed: StatusSet = [Active, Inactive, Expired, SoldOut].into_iter().collect();
        assert_eq!(listed, StatusSet::UNARCHIVED);
    }

    #[test]
    fn an_unknown_name_is_refused_naming_it_and_the_valid_ones() {
        let error = StatusSet::parse("active,paid").unwrap_err();
        assert_eq!(error, StatusSetError::Unknown("paid".into()));
        let message = error.to_string();
        assert!(message.contains("\"paid\""), "{message}");
        assert!(
            message.contains("active, inactive, expired, sold_out, archived or all"),
            "{message}"
        );
        for near_miss in ["Active", "sold-out", " active", "active ", "ALL"] {
            assert!(StatusSet::parse(near_miss).is_err(), "{near_miss:?}");
        }
    }

    #[test]
    fn an_empty_item_is_refused() {
        for input in ["", ",", "active,", ",active", "active,,inactive"] {
            assert_eq!(
                StatusSet::parse(input),
                Err(StatusSetError::EmptyItem),
                "{input:?}"
            );
        }
    }

    #[test]
    fn the_pattern_accepts_exactly_what_parse_accepts() {
        assert_eq!(
            StatusSet::pattern(),
            "^(active|inactive|expired|sold_out|archived|all)(,(active|inactive|expired|sold_out|archived|all))*$"
        );
        // The pattern's alternatives are the names parse takes, one by one.
        let names = StatusSet::pattern();
        let first = names
            .trim_start_matches("^(")
            .split(')')
            .next()
            .unwrap_or_default();
        for name in first.split('|') {
            assert!(StatusSet::parse(name).is_ok(), "{name}");
        }
    }
}
