//! `LinkStatus`: a link's state as lists and filters show it, derived from its fields.

/// Derived, never stored: archived wins over expired, which wins over inactive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStatus {
    Active,
    Inactive,
    Expired,
    Archived,
}

impl LinkStatus {
    pub const ALL: [LinkStatus; 4] = [
        LinkStatus::Active,
        LinkStatus::Inactive,
        LinkStatus::Expired,
        LinkStatus::Archived,
    ];

    pub fn of(archived: bool, active: bool, expires_at: Option<i64>, now: i64) -> Self {
        if archived {
            LinkStatus::Archived
        } else if expires_at.is_some_and(|at| at <= now) {
            LinkStatus::Expired
        } else if !active {
            LinkStatus::Inactive
        } else {
            LinkStatus::Active
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Active => "active",
            LinkStatus::Inactive => "inactive",
            LinkStatus::Expired => "expired",
            LinkStatus::Archived => "archived",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        LinkStatus::ALL.into_iter().find(|s| s.as_str() == input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archived_wins_over_expired_which_wins_over_inactive() {
        assert_eq!(
            LinkStatus::of(true, false, Some(1), 10),
            LinkStatus::Archived
        );
        assert_eq!(
            LinkStatus::of(false, false, Some(10), 10),
            LinkStatus::Expired
        );
        assert_eq!(
            LinkStatus::of(false, false, Some(11), 10),
            LinkStatus::Inactive
        );
        assert_eq!(LinkStatus::of(false, true, None, 10), LinkStatus::Active);
    }

    #[test]
    fn statuses_parse_from_their_names_only() {
        assert_eq!(LinkStatus::parse("expired"), Some(LinkStatus::Expired));
        assert_eq!(LinkStatus::parse("Active"), None);
        assert_eq!(LinkStatus::parse("all"), None);
    }
}
