// Telling a database outage from a bug: the driver's and the server's codes for "not reachable right now".

/** Node and postgres.js codes of a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'DATABASE_UNAVAILABLE',
]);

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57014 (a statement cancelled by
 * statement_timeout: the database is too slow to answer in time), 57P01-57P03 (shutting down, crashed, starting).
 */
const UNAVAILABLE_STATES = /^(08...|57014|57P0[1-3])$/;

/** Seconds a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** True when the error, or any error in its cause chain, says the database is unreachable or too slow. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.test(code)))
      return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/**
 * What a write that failed on an outage did, as the client may rely on it: `not-applied` when the database layer
 * says its statement was never sent or its transaction never committed, `unknown` when it was sent and no answer
 * came; undefined when the failure does not say (the embedded database).
 */
export function writeOutcomeOf(error: unknown): 'not-applied' | 'unknown' | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const context = 'context' in current ? current.context : undefined;
    const outcome =
      typeof context === 'object' && context !== null && 'outcome' in context ? context.outcome : undefined;
    if (outcome === 'unknown') return 'unknown';
    if (outcome === 'not-sent' || outcome === 'not-applied') return 'not-applied';
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
