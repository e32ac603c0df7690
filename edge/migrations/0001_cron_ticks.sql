-- When each cron schedule last ran: lets /healthz show that the scheduler is alive.
CREATE TABLE cron_ticks (
    cron        TEXT    PRIMARY KEY NOT NULL,
    last_run_at INTEGER NOT NULL,
    run_count   INTEGER NOT NULL CHECK (run_count > 0)
) STRICT;
