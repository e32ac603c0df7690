//! The Paylink edge worker: routes the API, the pay page and the cron sweep.
