// A TCP proxy in front of a real PostgreSQL that tests and benchmarks switch into an outage: stopped (every
// connection cut, new ones refused) or hanging (connections accepted, nothing forwarded, as a frozen server or
// a black-holed network), then back, on the same port. The database itself is never touched.
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/** One client connection and its upstream, with what each side sent while the proxy was hanging. */
interface Link {
  client: Socket;
  upstream: Socket | undefined;
  toUpstream: Buffer[];
  toClient: Buffer[];
  /** Closes both sides and forgets the link. */
  drop: () => void;
}

/** The proxy's state: forwarding, hanging (accepting, forwarding nothing) or stopped (refusing). */
export type OutageMode = 'forwarding' | 'hanging' | 'stopped';

/** A proxy to `target` (host and port of a PostgreSQL server) whose outages tests switch on and off. */
export class OutageProxy {
  private server: Server | undefined;
  private readonly links = new Set<Link>();
  private current: OutageMode = 'stopped';
  /** The loopback port the proxy listens on (kept across a stop and restart). */
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** The mode the proxy is in now. */
  get mode(): OutageMode {
    return this.current;
  }

  /** Listens (again) and forwards. */
  async start(): Promise<void> {
    if (!this.server) {
      const server = createServer((client) => this.accept(client));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.port, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      this.port = typeof address === 'object' && address ? address.port : 0;
      this.server = server;
    }
    this.current = 'forwarding';
    for (const link of this.links) this.flush(link);
  }

  /** The hang: connections stay open and new ones are accepted, but nothing passes in either direction. */
  hang(): void {
    this.current = 'hanging';
  }

  /** The stop: every open connection is cut and the port refuses new ones. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.current = 'stopped';
    for (const link of this.links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    this.links.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const link: Link = {
      client,
      upstream: undefined,
      toUpstream: [],
      toClient: [],
      drop: () => {
        this.links.delete(link);
        client.destroy();
        link.upstream?.destroy();
      },
    };
    this.links.add(link);
    client.on('error', link.drop);
    client.once('close', link.drop);
    client.on('data', (chunk: Buffer) => {
      if (this.current === 'forwarding' && link.upstream) link.upstream.write(chunk);
      else link.toUpstream.push(chunk);
    });
    // A link accepted while hanging connects upstream when the proxy forwards again (flush).
    if (this.current === 'forwarding') this.connectUpstream(link);
  }

  private connectUpstream(link: Link): void {
    const upstream = tcpConnect(this.target);
    link.upstream = upstream;
    upstream.on('error', link.drop);
    upstream.once('close', link.drop);
    upstream.on('data', (chunk: Buffer) => {
      if (this.current === 'forwarding') link.client.write(chunk);
      else link.toClient.push(chunk);
    });
  }

  /** Delivers what was held back, as a frozen server that wakes up would. */
  private flush(link: Link): void {
    if (!link.upstream) this.connectUpstream(link);
    for (const chunk of link.toUpstream.splice(0)) link.upstream?.write(chunk);
    for (const chunk of link.toClient.splice(0)) link.client.write(chunk);
  }
}
