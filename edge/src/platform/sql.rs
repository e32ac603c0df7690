//! Built queries: SQL with `?N` placeholders and the values bound to them, built without I/O
//! so that host tests can run them against the real migrations.

/// A bound value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
}

/// A built query: SQL with `?N` placeholders and the values for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub sql: String,
    pub args: Vec<Arg>,
}
