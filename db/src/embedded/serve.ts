// The owner's PostgreSQL wire-protocol server over its one PGlite session, shared by many connections.
//
// PGlite is a single session. Many connections can share it only if no connection sees another's state,
// so a connection holds the session from its first message until PGlite answers ReadyForQuery with
// status idle (PostgreSQL protocol §55.2.2): an extended-protocol exchange (Parse … Sync) and a whole
// transaction (BEGIN … COMMIT, status T or E between) run without another connection's messages in
// between. @electric-sql/pglite-socket 0.2 queues single messages instead, which interleaves two
// clients' unnamed statements ("bind message supplies 4 parameters, but prepared statement "" requires
// 3"), so it is not used. Named statements a connection prepared are deallocated when it closes.
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** A running protocol server: where it listens, whether it is idle, and how to stop it. */
export interface ProtocolServer {
  /** True when no connection holds the session or waits for it. */
  isIdle: () => boolean;
  close: () => Promise<void>;
}

/** Hands the one session to one connection at a time, in arrival order. */
class SessionGate {
  private holder: Connection | null = null;
  private readonly waiting: Array<{ connection: Connection; wake: () => void }> = [];

  isIdle(): boolean {
    return this.holder === null && this.waiting.length === 0;
  }

  async acquire(connection: Connection): Promise<void> {
    if (this.holder === connection) return;
    if (this.holder === null) {
      this.holder = connection;
      return;
    }
    await new Promise<void>((wake) => this.waiting.push({ connection, wake }));
  }

  release(connection: Connection): void {
    if (this.holder !== connection) return;
    const next = this.waiting.shift();
    this.holder = next?.connection ?? null;
    next?.wake();
  }
}

/** One client connection: its unparsed bytes, its statements, its place in the gate. */
class Connection {
  private buffer = Buffer.alloc(0);
  private isStarted = false;
  private isClosed = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly statements = new Set<string>();
  /** Settles once the connection has closed and given back what it held. */
  readonly finished: Promise<void>;
  private markFinished: () => void = () => undefined;

  constructor(
    private readonly socket: Socket,
    private readonly pglite: PGlite,
    private readonly gate: SessionGate,
  ) {
    this.finished = new Promise((resolve) => {
      this.markFinished = resolve;
    });
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.chain = this.chain
        .then(() => this.drain())
        .catch(() => {
          this.socket.destroy();
        });
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.isClosed = true;
      this.chain = this.chain
        .then(() => this.cleanUp())
        .catch(() => undefined)
        .finally(() => this.markFinished());
    });
  }

  /** Runs every complete message in the buffer, in order. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.isClosed) return;
      const message = this.nextMessage();
      if (message === null) return;
      if (message.kind === 'negotiate') {
        // No TLS or GSS on a local socket: 'N' tells the client to go on in the clear.
        this.socket.write('N');
        continue;
      }
      if (message.kind === 'cancel') {
        // PGlite has no backend to signal; the protocol expects no answer.
        this.socket.end();
        return;
      }
      if (message.type === 'X') {
        this.socket.end();
        return;
      }
      if (message.type === 'P') this.rememberStatement(message.bytes);
      await this.gate.acquire(this);
      if (this.isClosed) return;
      let answer: Uint8Array;
      try {
        answer = await this.pglite.execProtocolRaw(message.bytes);
      } catch (error) {
        this.gate.release(this);
        throw error;
      }
      if (answer.length > 0 && !this.isClosed) this.socket.write(answer);
      if (readyStatus(answer) === 'I') this.gate.release(this);
    }
  }

  /** The next complete message, or null when more bytes are needed. */
  private nextMessage():
    | { kind: 'negotiate' }
    | { kind: 'cancel' }
    | { kind: 'message'; type: string | null; bytes: Uint8Array }
    | null {
    if (!this.isStarted) {
      // The first messages have no type byte: a length, then a code (SSL, GSS, cancel) or the protocol.
      if (this.buffer.length < 8) return null;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return null;
      const code = this.buffer.readInt32BE(4);
      const bytes = this.take(length);
      if (code === SSL_REQUEST || code === GSS_REQUEST) return { kind: 'negotiate' };
      if (code === CANCEL_REQUEST) return { kind: 'cancel' };
      this.isStarted = true;
      return { kind: 'message', type: null, bytes };
    }
    if (this.buffer.length < 5) return null;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return null;
    const type = String.fromCharCode(this.buffer[0] ?? 0);
    return { kind: 'message', type, bytes: this.take(length) };
  }

  private take(length: number): Uint8Array {
    const bytes = new Uint8Array(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }

  /** Parse: type, length, then the statement's name as a C string (empty for the unnamed one). */
  private rememberStatement(bytes: Uint8Array): void {
    const end = bytes.indexOf(0, 5);
    const name = Buffer.from(bytes.subarray(5, end)).toString('utf8');
    if (name !== '') this.statements.add(name);
  }

  /** A closed connection gives back what it held: an open transaction is rolled back, its statements freed. */
  private async cleanUp(): Promise<void> {
    await this.gate.acquire(this);
    try {
      if (this.pglite.closed) return;
      if (this.pglite.isInTransaction()) await this.pglite.exec('ROLLBACK');
      for (const name of this.statements) {
        await this.pglite.exec(`DEALLOCATE "${name.replace(/"/g, '""')}"`).catch(() => undefined);
      }
    } finally {
      this.gate.release(this);
    }
  }
}

/** The status byte of the last ReadyForQuery ('Z') in an answer: I idle, T in a transaction, E failed one. */
function readyStatus(answer: Uint8Array): string | null {
  let status: string | null = null;
  let offset = 0;
  while (offset + 5 <= answer.length) {
    const type = answer[offset];
    const length =
      ((answer[offset + 1] ?? 0) << 24) |
      ((answer[offset + 2] ?? 0) << 16) |
      ((answer[offset + 3] ?? 0) << 8) |
      (answer[offset + 4] ?? 0);
    if (type === 0x5a && length === 5) status = String.fromCharCode(answer[offset + 5] ?? 0);
    offset += 1 + length;
  }
  return status;
}

/** Serves `pglite` on a Unix socket path, or on loopback when `path` is null; resolves to where it listens. */
export async function serveProtocol(
  pglite: PGlite,
  path: string | null,
): Promise<ProtocolServer & { address: string }> {
  const gate = new SessionGate();
  const connections = new Map<Socket, Connection>();
  const server: Server = createServer((socket) => {
    const connection = new Connection(socket, pglite, gate);
    connections.set(socket, connection);
    void connection.finished.then(() => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.removeListener('error', reject);
      resolve();
    };
    if (path === null) server.listen(0, '127.0.0.1', listening);
    else server.listen(path, listening);
  });
  const bound = server.address();
  const address =
    path !== null ? `unix:${path}` : typeof bound === 'object' && bound ? `tcp:127.0.0.1:${bound.port}` : '';
  return {
    address,
    isIdle: () => gate.isIdle(),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const finished = [...connections.values()].map((connection) => connection.finished);
      // Called when idle: nothing is in flight, so the clients' connections can be cut.
      for (const socket of connections.keys()) socket.destroy();
      await Promise.all([closed, ...finished]);
    },
  };
}
