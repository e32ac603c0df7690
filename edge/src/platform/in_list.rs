//! Statements over a list of values (`WHERE id IN (…)`), split so that none binds more
//! parameters than D1 accepts. Pure: the caller prepares the statements and runs them together
//! in one `db.batch` (one round trip, one transaction).

use crate::platform::sql::{Arg, Query};

/// The most parameters one D1 statement may bind. D1 refuses more with `variable number must
/// be between ?1 and ?100`, in production and in local workerd alike; SQLite's own limit
/// (32766) is far higher, so a host test passing says nothing about D1 unless it counts.
pub const MAX_BOUND_PARAMETERS: usize = 100;

/// Where the placeholders of a chunk go in a template.
pub const LIST: &str = "{list}";

/// `template` with [`LIST`] replaced by the placeholders of one chunk of `items`, once per
/// chunk: `fixed` binds first, as `?1 … ?k` in every statement, then the chunk's items as
/// `?k+1 …`. Every statement binds at most [`MAX_BOUND_PARAMETERS`]; no items, no statements.
/// Fails (rather than build a statement D1 would refuse) when `fixed` alone leaves no room
/// or the template has no [`LIST`].
pub fn in_list(template: &str, fixed: &[Arg], items: &[Arg]) -> Result<Vec<Query>, String> {
    if !template.contains(LIST) {
        return Err(format!("no {LIST} in {template:?}"));
    }
    let room = MAX_BOUND_PARAMETERS.saturating_sub(fixed.len());
    if room == 0 {
        return Err(format!(
            "{} fixed parameters leave no room under D1's {MAX_BOUND_PARAMETERS}",
            fixed.len()
        ));
    }
    Ok(items
        .chunks(room)
        .map(|chunk| {
            let first = fixed.len() + 1;
            let placeholders: Vec<String> = (first..first + chunk.len())
                .map(|i| format!("?{i}"))
                .collect();
            let mut args = fixed.to_vec();
            args.extend_from_slice(chunk);
            Query {
                sql: template.replace(LIST, &placeholders.join(", ")),
                args,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<Arg> {
        (0..n).map(|i| Arg::Text(format!("pl_{i}"))).collect()
    }

    const TEMPLATE: &str = "SELECT id FROM payment_links WHERE id IN ({list})";

    #[test]
    fn no_items_make_no_statement() {
        assert_eq!(in_list(TEMPLATE, &[], &[]).unwrap(), []);
    }

    #[test]
    fn one_item_is_one_statement_with_one_placeholder() {
        let queries = in_list(TEMPLATE, &[], &ids(1)).unwrap();
        assert_eq!(queries.len(), 1);
        assert_eq!(
            queries[0].sql,
            "SELECT id FROM payment_links WHERE id IN (?1)"
        );
        assert_eq!(queries[0].args, ids(1));
    }

    #[test]
    fn a_hundred_items_fit_one_statement_and_the_hundred_and_first_starts_another() {
        assert_eq!(in_list(TEMPLATE, &[], &ids(100)).unwrap().len(), 1);
        let split = in_list(TEMPLATE, &[], &ids(101)).unwrap();
        assert_eq!(split.len(), 2);
        assert_eq!(
            split[1].sql,
            "SELECT id FROM payment_links WHERE id IN (?1)"
        );
        assert_eq!(split[1].args, [Arg::Text("pl_100".into())]);
    }

    #[test]
    fn fixed_parameters_come_first_in_every_statement_and_take_their_room() {
        let fixed = [Arg::Int(7), Arg::Int(9)];
        let template = "UPDATE t SET a = ?1, b = ?2 WHERE id IN ({list})";
        let queries = in_list(template, &fixed, &ids(250)).unwrap();
        assert_eq!(
            queries.iter().map(|q| q.args.len() - 2).collect::<Vec<_>>(),
            [98, 98, 54]
        );
        for q in &queries {
            assert_eq!(q.args[..2], fixed);
            assert!(q.sql.contains("IN (?3, ?4, "), "{}", q.sql);
        }
    }

    #[test]
    fn every_item_is_bound_once_in_order() {
        let queries = in_list(TEMPLATE, &[Arg::Int(1)], &ids(250)).unwrap();
        let bound: Vec<Arg> = queries.iter().flat_map(|q| q.args[1..].to_vec()).collect();
        assert_eq!(bound, ids(250));
        assert!(queries.iter().all(|q| q.args.len() <= MAX_BOUND_PARAMETERS));
    }

    #[test]
    fn fixed_parameters_that_leave_no_room_are_refused() {
        let fixed: Vec<Arg> = (0..100).map(Arg::Int).collect();
        assert!(in_list(TEMPLATE, &fixed, &ids(1)).is_err());
        assert!(in_list(TEMPLATE, &fixed[..99], &ids(1)).is_ok());
    }

    #[test]
    fn a_template_without_a_list_is_refused() {
        assert!(in_list("SELECT 1", &[], &ids(1)).is_err());
    }
}
