// Client-side timeouts for a PostgreSQL server that accepts connections but stops answering (issue 19).
//
// statement_timeout is enforced by the server, so it cannot help when the server (or the network to it) is
// silent, and postgres.js has no query timeout of its own (porsager/postgres#1089). Here every query gets a
// deadline: one still unanswered when it passes fails with DATABASE_UNAVAILABLE, and when it had been sent,
// the connections that sent something since it was issued and have received nothing since are destroyed, so
// the pool reconnects instead of queueing behind a dead socket. Byte counters see through TLS, which
// postgres.js layers over the sockets made here.
import { connect as netConnect, type Socket } from 'node:net';
import { ToolriskDbError } from './errors.js';

/** What the deadline needs of a postgres.js query: its settle functions and whether it reached a connection. */
interface PendingQuery {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Set by postgres.js when the query is handed to a connection (null while it waits for one). */
  state: unknown;
}

/** The postgres.js options its socket factory reads (its types do not declare the factory). */
interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false | undefined;
}

/** The part of a postgres.js client the deadline wraps. */
interface UnsafeClient {
  unsafe: (...args: never[]) => unknown;
}

/** How long a failed connection waits before its next attempt: short and capped, so recovery is prompt. */
export function reconnectDelaySeconds(retries: number): number {
  // postgres.js's own backoff grows to 20 s; an outage of a few seconds would then outlast itself by far.
  return Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);
}

/** The sockets of one pool, made here so their byte counters can be read. */
export class WatchedSockets {
  private readonly sockets = new Set<Socket>();
  private next = 0;

  /** postgres.js's `socket` option: a connecting socket to the next host of the URL. */
  readonly connect = (options: SocketOptions): Socket => {
    const index = this.next++ % Math.max(options.host.length, 1);
    const host = options.host[index] ?? 'localhost';
    const port = options.port[index] ?? 5432;
    const socket = options.path ? netConnect(options.path) : netConnect(port, host);
    // postgres.js names the TLS server and its connection errors from the socket's host and port.
    Object.assign(socket, { host, port });
    this.sockets.add(socket);
    return socket;
  };

  /** Each live socket's byte counters now. */
  snapshot(): Map<Socket, { read: number; written: number }> {
    const counts = new Map<Socket, { read: number; written: number }>();
    for (const socket of this.sockets) {
      // postgres.js removes every listener of a socket it upgrades to TLS, so closed ones are pruned here.
      if (socket.destroyed) this.sockets.delete(socket);
      else counts.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
    }
    return counts;
  }
}

/** Makes every query of `client` fail with DATABASE_UNAVAILABLE when it has no answer within `timeoutMs`. */
export function applyQueryDeadline(client: UnsafeClient, sockets: WatchedSockets, timeoutMs: number): void {
  const unsafe = client.unsafe;
  client.unsafe = ((...args: never[]) => {
    const query = unsafe.apply(client, args);
    if (isPendingQuery(query)) armDeadline(query, sockets, timeoutMs);
    return query;
  }) as UnsafeClient['unsafe'];
}

function isPendingQuery(value: unknown): value is PendingQuery {
  return (
    typeof value === 'object' &&
    value !== null &&
    'resolve' in value &&
    typeof value.resolve === 'function' &&
    'reject' in value &&
    typeof value.reject === 'function'
  );
}

function armDeadline(query: PendingQuery, sockets: WatchedSockets, timeoutMs: number): void {
  const issued = sockets.snapshot();
  const { resolve, reject } = query;
  const timer = setTimeout(() => {
    const error = new ToolriskDbError(
      'DATABASE_UNAVAILABLE',
      `the database did not answer within ${timeoutMs} ms`,
      { context: { timeoutMs } },
    );
    // A query still waiting for a connection is only failed: the pool runs it later, its answer ignored.
    reject(error);
    if (query.state === null) return;
    for (const [socket, before] of issued) {
      if (!socket.destroyed && socket.bytesRead === before.read && socket.bytesWritten > before.written) {
        socket.destroy(error);
      }
    }
  }, timeoutMs);
  query.resolve = (value) => {
    clearTimeout(timer);
    resolve(value);
  };
  query.reject = (cause) => {
    clearTimeout(timer);
    reject(cause);
  };
}
