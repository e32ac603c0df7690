//! `LinkStatus`: a link's state as lists and filters show it, derived from its fields.

/// Derived on every read, never stored: time (expiry) and payments (the count) change it
/// without a write to the link. When several reasons hold, the most final one is shown:
///
/// 1. `archived`: the merchant deleted the link; nothing else about it matters any more.
/// 2. `expired`: time has passed it; no count or switch can bring it back unchanged.
/// 3. `sold_out`: `payments_count` reached `max_payments`; switching the link on again
///    would not make it payable, so `inactive` would tell the merchant the wrong thing to fix.
/// 4. `inactive`: the merchant switched it off.
/// 5. `active`: a customer can pay it.
///
/// Below `archived` this is the order the pay page uses (`api::public::LinkState`), so the
/// merchant's list and the customer's page give the same reason; a test holds them together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStatus {
    Active,
    Inactive,
    Expired,
    SoldOut,
    Archived,
}

/// What a link's status is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInputs {
    pub archived: bool,
    pub active: bool,
    pub expires_at: Option<i64>,
    pub max_payments: Option<u32>,
    pub payments_count: u32,
}

impl LinkStatus {
    pub const ALL: [LinkStatus; 5] = [
        LinkStatus::Active,
        LinkStatus::Inactive,
        LinkStatus::Expired,
        LinkStatus::SoldOut,
        LinkStatus::Archived,
    ];

    /// The status at `now` (unix seconds); see the type for the precedence.
    pub fn of(link: StatusInputs, now: i64) -> Self {
        if link.archived {
            LinkStatus::Archived
        } else if link.expires_at.is_some_and(|at| at <= now) {
            LinkStatus::Expired
        } else if link
            .max_payments
            .is_some_and(|max| link.payments_count >= max)
        {
            LinkStatus::SoldOut
        } else if !link.active {
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
            LinkStatus::SoldOut => "sold_out",
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
    use crate::api::public::LinkState;

    const NOW: i64 = 10;

    fn link() -> StatusInputs {
        StatusInputs {
            archived: false,
            active: true,
            expires_at: None,
            max_payments: None,
            payments_count: 0,
        }
    }

    #[test]
    fn archived_wins_over_expired_which_wins_over_sold_out_then_inactive() {
        let every_reason = StatusInputs {
            archived: true,
            active: false,
            expires_at: Some(NOW),
            max_payments: Some(1),
            payments_count: 1,
        };
        assert_eq!(LinkStatus::of(every_reason, NOW), LinkStatus::Archived);
        let unarchived = StatusInputs {
            archived: false,
            ..every_reason
        };
        assert_eq!(LinkStatus::of(unarchived, NOW), LinkStatus::Expired);
        let unexpired = StatusInputs {
            expires_at: Some(NOW + 1),
            ..unarchived
        };
        assert_eq!(LinkStatus::of(unexpired, NOW), LinkStatus::SoldOut);
        let room_left = StatusInputs {
            max_payments: Some(2),
            ..unexpired
        };
        assert_eq!(LinkStatus::of(room_left, NOW), LinkStatus::Inactive);
        let switched_on = StatusInputs {
            active: true,
            ..room_left
        };
        assert_eq!(LinkStatus::of(switched_on, NOW), LinkStatus::Active);
    }

    #[test]
    fn a_link_is_sold_out_once_its_count_reaches_the_limit_and_never_without_one() {
        let limited = |payments_count| StatusInputs {
            max_payments: Some(3),
            payments_count,
            ..link()
        };
        assert_eq!(LinkStatus::of(limited(2), NOW), LinkStatus::Active);
        assert_eq!(LinkStatus::of(limited(3), NOW), LinkStatus::SoldOut);
        // Late payments may count past the limit; the link stays sold out.
        assert_eq!(LinkStatus::of(limited(4), NOW), LinkStatus::SoldOut);
        let unlimited = StatusInputs {
            payments_count: u32::MAX,
            ..link()
        };
        assert_eq!(LinkStatus::of(unlimited, NOW), LinkStatus::Active);
    }

    #[test]
    fn the_merchant_status_and_the_pay_page_state_give_the_same_reason() {
        for active in [true, false] {
            for expires_at in [None, Some(NOW), Some(NOW + 1)] {
                for max_payments in [None, Some(1), Some(2)] {
                    let inputs = StatusInputs {
                        active,
                        expires_at,
                        max_payments,
                        payments_count: 1,
                        archived: false,
                    };
                    let state = LinkState::of(active, expires_at, max_payments, 1, NOW);
                    let expected = match state {
                        LinkState::Payable => LinkStatus::Active,
                        LinkState::Inactive => LinkStatus::Inactive,
                        LinkState::Expired => LinkStatus::Expired,
                        LinkState::SoldOut => LinkStatus::SoldOut,
                    };
                    assert_eq!(LinkStatus::of(inputs, NOW), expected, "{inputs:?}");
                }
            }
        }
    }

    #[test]
    fn statuses_parse_from_their_names_only() {
        assert_eq!(LinkStatus::parse("expired"), Some(LinkStatus::Expired));
        assert_eq!(LinkStatus::parse("sold_out"), Some(LinkStatus::SoldOut));
        assert_eq!(LinkStatus::parse("Active"), None);
        assert_eq!(LinkStatus::parse("sold-out"), None);
        assert_eq!(LinkStatus::parse("all"), None);
        for status in LinkStatus::ALL {
            assert_eq!(LinkStatus::parse(status.as_str()), Some(status));
        }
    }
}
