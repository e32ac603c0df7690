//! What the host tests of the SQL share: the migrations, and a database built from them.

use std::path::PathBuf;

use rusqlite::Connection;

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
