-- The watcher's last check of each chain, so /healthz can say whether a node answers.
CREATE TABLE chain_checks (
    chain      TEXT    PRIMARY KEY NOT NULL,
    ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
    head_block INTEGER,                              -- last head seen, kept across failures
    checked_at INTEGER NOT NULL
) STRICT;
