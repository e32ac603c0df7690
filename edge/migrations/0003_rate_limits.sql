-- Requests per API key per fixed window, for the RateLimit-* headers and 429s.
CREATE TABLE rate_limits (
    key_id       TEXT    NOT NULL,
    window_start INTEGER NOT NULL,                      -- unix seconds, a multiple of the window
    count        INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (key_id, window_start)
) STRICT, WITHOUT ROWID;
