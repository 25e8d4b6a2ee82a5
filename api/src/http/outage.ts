// Answering a database outage: how long a client should wait. Telling an outage from a bug, and what a failed write
// did, is the database layer's knowledge (`isDatabaseUnavailable`, `writeOutcomeOf` in @toolrisk/db).

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
