// The sockets of one PostgreSQL pool, made by this module so their byte counters can be read: the statement
// deadline and the health watch tell a silent connection from a busy one by them.
import { connect as netConnect, type Socket } from 'node:net';

/** The postgres.js options its socket factory reads (its types do not declare the factory). */
interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false | undefined;
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
    for (const socket of this.live())
      counts.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
    return counts;
  }

  /** True when any socket received bytes since `before` was taken (the database answered something meanwhile). */
  hasReadSince(before: ReturnType<WatchedSockets['snapshot']>): boolean {
    for (const socket of this.live()) if (socket.bytesRead > (before.get(socket)?.read ?? 0)) return true;
    return false;
  }

  /** Destroys every live socket: their statements fail with `error`, and the pool connects afresh. */
  destroyAll(error: Error): void {
    for (const socket of this.live()) socket.destroy(error);
  }

  private live(): Socket[] {
    // postgres.js removes every listener of a socket it upgrades to TLS, so closed ones are pruned here.
    for (const socket of this.sockets) if (socket.destroyed) this.sockets.delete(socket);
    return [...this.sockets];
  }
}
