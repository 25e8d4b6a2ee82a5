// The guard on every PostgreSQL statement (issue 19): a client-side deadline, the outage gate, and what a failed
// statement did.
//
// statement_timeout is enforced by the server, so it cannot help when the server (or the network to it) is
// silent, and postgres.js has no query timeout of its own (porsager/postgres#1089). Here every statement gets a
// deadline: one still unanswered when it passes fails with DATABASE_UNAVAILABLE, and when it had been sent, the
// connections that sent something since it was issued and have received nothing since are destroyed, so the pool
// reconnects instead of queueing behind a dead socket. Byte counters see through TLS, which postgres.js layers
// over the sockets made here. While the DatabaseHealth says the database is down, a statement is refused before
// it reaches the pool.
//
// A client told a write failed must be able to rely on what it was told, so every connection failure says which
// of two it was: `not-sent` (the statement never left this process, and never will) or `unknown` (it was sent and
// no answer came: it may have taken effect). postgres.js keeps a statement that waits for a connection in its
// queue even after its promise was rejected, and would run it once a connection frees up; such a statement is
// defused here (see defuse). A transaction whose body failed never committed (`not-applied`); one that lost its
// connection while committing is `unknown`.
import { ToolriskDbError } from './errors.js';
import type { DatabaseHealth, PendingStatement } from './health.js';
import type { WatchedSockets } from './sockets.js';

/** What the guard needs of a postgres.js query (src/query.js): its settle functions, handler, text and state. */
interface GuardedQuery {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Hands the query to the pool; called once, when the query is first awaited. */
  handler: (query: GuardedQuery) => void;
  /** Set by postgres.js when the query is written to a connection (null while it waits for one). */
  state: unknown;
  strings: unknown;
  args: unknown;
  options: { onexecute?: unknown } | undefined;
}

/** The parts of a postgres.js client (or of a transaction's) the guard wraps. */
interface GuardableClient {
  unsafe(...args: never[]): unknown;
}

/** A postgres.js client: its statements and its transactions. */
interface GuardablePool extends GuardableClient {
  begin(...args: never[]): Promise<unknown>;
}

/** What a failed statement or transaction did: nothing and never will, nothing, or perhaps something. */
export type WriteOutcome = 'not-sent' | 'not-applied' | 'unknown';

/** The guard of one pool. */
export interface StatementGuard {
  sockets: WatchedSockets;
  /** A statement with no answer after this fails (unset: no deadline). */
  timeoutMs?: number | undefined;
  /** While it says the database is down, statements are refused unsent. */
  health?: DatabaseHealth | undefined;
}

/** How long a failed connection waits before its next attempt: short and capped, so recovery is prompt. */
export function reconnectDelaySeconds(retries: number): number {
  // postgres.js's own backoff grows to 20 s; an outage of a few seconds would then outlast itself by far.
  return Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);
}

/** Guards every statement and transaction of `client` (see the module comment). */
export function guardStatements(client: GuardablePool, guard: StatementGuard): void {
  guardClient(client, guard);
  const begin = client.begin;
  client.begin = ((...args: unknown[]) => {
    const last = args.length - 1;
    const body = args[last];
    if (typeof body !== 'function') return begin.apply(client, args as never[]);
    let committing = false;
    const guarded = async (transaction: unknown) => {
      if (isGuardableClient(transaction)) guardClient(transaction, guard);
      const value: unknown = body(transaction);
      const result = await (Array.isArray(value) ? Promise.all(value) : value);
      committing = true;
      return result;
    };
    return begin.apply(client, [...args.slice(0, last), guarded] as never[]).catch((cause: unknown) => {
      throw isConnectionFailure(cause) ? transactionFailure(cause, committing) : cause;
    });
  }) as GuardablePool['begin'];
}

function guardClient(client: GuardableClient, guard: StatementGuard): void {
  const unsafe = client.unsafe;
  client.unsafe = ((...args: never[]) => {
    const query = unsafe.apply(client, args);
    if (isGuardedQuery(query)) guardQuery(query, guard);
    return query;
  }) as GuardableClient['unsafe'];
}

function guardQuery(query: GuardedQuery, guard: StatementGuard): void {
  const { resolve, reject, handler } = query;
  const { health, sockets, timeoutMs } = guard;
  let timer: NodeJS.Timeout | undefined;
  const fail = (error: ToolriskDbError) => {
    // A statement still waiting for a connection would be run by the pool later, its answer ignored.
    if (query.state === null) defuse(query);
    query.reject(error);
  };
  const pending: PendingStatement = { startedMs: 0, fail };
  const settle = () => {
    clearTimeout(timer);
    health?.untrack(pending);
  };
  query.resolve = (value) => {
    settle();
    resolve(value);
  };
  query.reject = (cause) => {
    settle();
    if (!isConnectionFailure(cause)) return reject(cause);
    reject(statementFailure(cause, query.state !== null));
    // The driver saw a connection fail (a refusal or a failure of our own making is no news): probe now.
    if (!(cause instanceof ToolriskDbError)) health?.suspect();
  };
  query.handler = (self) => {
    if (health?.isDown) return self.reject(health.refusal());
    pending.startedMs = Date.now();
    health?.track(pending);
    if (timeoutMs !== undefined) timer = setTimeout(expire, timeoutMs, sockets.snapshot());
    handler(self);
  };
  const expire = (issued: ReturnType<WatchedSockets['snapshot']>) => {
    const error = new ToolriskDbError(
      'DATABASE_UNAVAILABLE',
      `the database did not answer within ${timeoutMs} ms`,
      { context: { timeoutMs } },
    );
    const sent = query.state !== null;
    fail(error);
    health?.suspect();
    if (!sent) return;
    for (const [socket, before] of issued) {
      if (!socket.destroyed && socket.bytesRead === before.read && socket.bytesWritten > before.written) {
        socket.destroy(error);
      }
    }
  };
}

/**
 * Makes a statement that was failed while waiting for a connection harmless. postgres.js keeps it in its queue, or
 * as the first statement of a connection still connecting, and would send it once that connection is ready;
 * `query.cancel()` takes it off the queue but leaves a connecting connection that had it first stuck forever (its
 * start-up then never hands it back to the pool), so instead its text becomes `select 1`, which runs and answers
 * nobody, and a transaction's `begin` no longer reserves the connection it runs on.
 */
function defuse(query: GuardedQuery): void {
  query.strings = ['select 1'];
  query.args = [];
  if (query.options) query.options.onexecute = undefined;
}

function statementFailure(cause: unknown, sent: boolean): unknown {
  if (cause instanceof ToolriskDbError && typeof cause.context.outcome === 'string') return cause;
  return sent
    ? outcomeError(
        'unknown',
        'the database stopped answering after the statement was sent; whether it took effect is unknown',
        cause,
      )
    : outcomeError('not-sent', 'the database is unreachable; the statement was not sent', cause);
}

function transactionFailure(cause: unknown, committing: boolean): ToolriskDbError {
  return committing
    ? outcomeError(
        'unknown',
        'the database stopped answering while the transaction committed; whether it took effect is unknown',
        cause,
      )
    : outcomeError(
        'not-applied',
        'the database stopped answering before the transaction committed; none of it took effect',
        cause,
      );
}

function outcomeError(outcome: WriteOutcome, message: string, cause: unknown): ToolriskDbError {
  return new ToolriskDbError('DATABASE_UNAVAILABLE', message, { cause, context: { outcome } });
}

/** Node and postgres.js codes of a connection that could not be made, was lost, or went silent. */
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

/** SQLSTATEs of a lost connection: class 08, and 57P01-57P03 (the server shuts down, crashed, or is starting). */
const CONNECTION_STATES = /^(08...|57P0[1-3])$/;

/** The same, and 57014 (a statement cancelled by statement_timeout: the database is too slow to answer in time). */
const UNAVAILABLE_STATES = /^(08...|57014|57P0[1-3])$/;

/** True when the error, or one in its cause chain (or an AggregateError's members), has a code `matches` accepts. */
function someCode(error: unknown, matches: (code: string) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && matches(code)) return true;
    if (current instanceof AggregateError && current.errors.some((member) => someCode(member, matches)))
      return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/** True when the error, or one in its cause chain, says the connection to the database failed. */
export function isConnectionFailure(error: unknown): boolean {
  return someCode(error, (code) => CONNECTION_CODES.has(code) || CONNECTION_STATES.test(code));
}

/**
 * True when the error, or one in its cause chain, says the database is unreachable or too slow right now (what the
 * API answers 503 for): a failed connection, or a statement the server cancelled at its statement_timeout.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCode(error, (code) => CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.test(code));
}

/**
 * What a write that failed on an outage did, as the client may rely on it: `not-applied` when its statement was
 * never sent or its transaction never committed, `unknown` when it was sent and no answer came; undefined when the
 * failure does not say (the embedded database).
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

function isGuardedQuery(value: unknown): value is GuardedQuery {
  return (
    typeof value === 'object' &&
    value !== null &&
    'resolve' in value &&
    typeof value.resolve === 'function' &&
    'reject' in value &&
    typeof value.reject === 'function' &&
    'handler' in value &&
    typeof value.handler === 'function' &&
    'state' in value
  );
}

function isGuardableClient(value: unknown): value is GuardableClient {
  return (typeof value === 'function' || typeof value === 'object') && value !== null && 'unsafe' in value;
}
