//! When a failed delivery is tried again: quickly at first, then backing off, for about 3 days.

/// Delays in seconds before attempts 2, 3, …: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 10 h
/// until the total passes three days.
const SCHEDULE: [u32; 12] = [
    5, 300, 1_800, 7_200, 18_000, 36_000, 36_000, 36_000, 36_000, 36_000, 36_000, 36_000,
];

/// Seconds to wait after failed attempt number `attempt` (1-based), or `None` when the
/// delivery has used its attempts and is given up.
pub fn delay_after(attempt: u32) -> Option<u32> {
    let index = usize::try_from(attempt).ok()?.checked_sub(1)?;
    SCHEDULE.get(index).copied()
}

/// The last attempt a delivery gets.
pub const MAX_ATTEMPTS: u32 = SCHEDULE.len() as u32 + 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_start_fast_and_back_off() {
        assert_eq!(delay_after(1), Some(5));
        assert_eq!(delay_after(2), Some(300));
        assert_eq!(delay_after(3), Some(1_800));
        assert_eq!(delay_after(6), Some(36_000));
        assert!((1..MAX_ATTEMPTS).all(|a| delay_after(a) <= delay_after(a + 1).or(Some(u32::MAX))));
    }

    #[test]
    fn the_schedule_spans_about_three_days_then_gives_up() {
        let total: u32 = (1..MAX_ATTEMPTS).filter_map(delay_after).sum();
        assert!((3 * 86_400..4 * 86_400).contains(&total), "{total} s");
        assert_eq!(delay_after(MAX_ATTEMPTS), None);
        assert_eq!(delay_after(0), None);
    }
}
