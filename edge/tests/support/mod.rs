//! What the host tests of the SQL share: the migrations, and a database built from them.

use std::path::PathBuf;

use edge::platform::sql::{Arg, Query};
use rusqlite::{Connection, params_from_iter};

/// The files in `edge/migrations`, in name (and so application) order.
pub fn migration_files() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "migrations found: {files:?}");
    files
}

/// An in-memory database with every migration in `edge/migrations`, applied in name order.
pub fn migrated() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    for file in migration_files() {
        let sql = std::fs::read_to_string(&file).unwrap();
        conn.execute_batch(&sql)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    conn
}

/// A built query's arguments as rusqlite binds them. Not every test file runs built queries,
/// and each compiles this module on its own, hence the allow.
#[allow(dead_code)]
pub fn values(args: &[Arg]) -> Vec<rusqlite::types::Value> {
    args.iter()
        .map(|arg| match arg {
            Arg::Text(text) => rusqlite::types::Value::Text(text.clone()),
            Arg::Int(n) => rusqlite::types::Value::Integer(*n),
        })
        .collect()
}

/// What SQLite's query planner does with a built query: its `EXPLAIN QUERY PLAN` details,
/// joined by `; `, for tests that a page seeks on its index.
#[allow(dead_code)]
pub fn plan(conn: &Connection, query: &Query) -> String {
    let mut statement = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", query.sql))
        .unwrap();
    let rows = statement
        .query_map(params_from_iter(values(&query.args)), |row| {
            row.get::<_, String>(3)
        })
        .unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
}
