//! Cursor paging as the dashboard walks it: which page is shown, and which way one may go.

/// Where the shown page starts, as the API's cursors name it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cursor {
    #[default]
    First,
    /// Older than this id (`starting_after`).
    After(String),
    /// Newer than this id (`ending_before`).
    Before(String),
}

impl Cursor {
    /// The query parameter, with its leading `&`, or nothing for the first page.
    pub fn query(&self) -> String {
        match self {
            Cursor::First => String::new(),
            Cursor::After(id) => format!("&starting_after={id}"),
            Cursor::Before(id) => format!("&ending_before={id}"),
        }
    }
}

/// Whether newer and older pages exist next to a page read from `cursor` that answered
/// `has_more`. A page read forwards (`First`, `After`) has older ones when `has_more`, and
/// newer ones when it did not start at the top; read backwards (`Before`), the reverse.
pub fn directions(cursor: &Cursor, has_more: bool) -> (bool, bool) {
    match cursor {
        Cursor::First => (false, has_more),
        Cursor::After(_) => (true, has_more),
        Cursor::Before(_) => (has_more, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_has_no_newer_page() {
        assert_eq!(directions(&Cursor::First, true), (false, true));
        assert_eq!(directions(&Cursor::First, false), (false, false));
    }

    #[test]
    fn a_page_read_forwards_came_from_newer_ones() {
        assert_eq!(directions(&Cursor::After("a".into()), false), (true, false));
        assert_eq!(directions(&Cursor::After("a".into()), true), (true, true));
    }

    #[test]
    fn a_page_read_backwards_came_from_older_ones() {
        assert_eq!(
            directions(&Cursor::Before("a".into()), false),
            (false, true)
        );
        assert_eq!(directions(&Cursor::Before("a".into()), true), (true, true));
    }

    #[test]
    fn cursors_become_their_query_parameters() {
        assert_eq!(Cursor::First.query(), "");
        assert_eq!(Cursor::After("pl_1".into()).query(), "&starting_after=pl_1");
        assert_eq!(Cursor::Before("pl_2".into()).query(), "&ending_before=pl_2");
    }
}
