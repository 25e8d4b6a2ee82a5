// An MCP stdio client transport with bounds: its own process group (killed whole), capped output, strict framing.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { killProcessTree } from './process-tree.js';
import type { TransportWatch } from './watch.js';

/** What to run and how much output to accept from it. */
export interface StdioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string | undefined;
  /** Run as this user and group (the sandbox drops root this way); the caller's own when unset. */
  uid?: number | undefined;
  gid?: number | undefined;
  maxStdoutBytes: number;
  maxStderrBytes: number;
}

/** Lines of stdout that are not JSON-RPC (logs) a server may write before that is a protocol error. */
const MAX_SKIPPED_LINES = 1_000;

/**
 * Newline-delimited JSON-RPC over a child's stdin/stdout; log lines on stdout are skipped as clients skip them, a
 * broken JSON message is a protocol error.
 */
export class BoundedStdioTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: (<T extends JSONRPCMessage>(message: T) => void) | undefined;
  /** Called once the process has spawned (the sandbox starts sampling its memory then). */
  onstarted?: (() => void) | undefined;
  /** Called once, just before the process tree is killed (the sandbox takes its last memory sample then). */
  onkilling?: (() => void) | undefined;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private pending: Buffer[] = [];
  private stdoutBytes = 0;
  private skippedLines = 0;
  private isClosed = false;
  private isKilled = false;

  constructor(
    private readonly launch: StdioLaunch,
    readonly watch: TransportWatch,
  ) {}

  /** Spawns the server detached (its own process group), so close() can kill everything it started. */
  async start(): Promise<void> {
    const { command, args, env, cwd, uid, gid } = this.launch;
    const ids = { ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) };
    const child = spawn(command, args, { env, cwd, ...ids, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve()); // never started: there is no exit to wait for
    });
    child.once('exit', (code, signal) => {
      this.watch.exit = { code, signal };
      this.finish();
    });
    child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.onStderr(chunk));
    child.stdin?.on('error', () => {}); // EPIPE after a crash; the exit handler reports it.
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => {
        this.onstarted?.();
        resolve();
      });
      child.once('error', (error) => {
        this.watch.failure ??= {
          code: 'CONNECT_FAILED',
          message: `cannot start ${command}: ${error.message}`,
        };
        this.finish();
        reject(error);
      });
    });
  }

  /** Writes one message as a line. */
  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || this.isClosed) throw new Error('the server process is not running');
    await new Promise<void>((resolve, reject) => {
      stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** The server's pid while it runs (the sandbox samples its tree's memory). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Kills the whole process tree and waits for the server to exit. */
  async close(): Promise<void> {
    this.killGroup();
    await this.exited;
    this.finish();
  }

  private killGroup(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.isKilled) return;
    this.isKilled = true;
    this.onkilling?.();
    // The group, and descendants that left it (setsid, `detached`): issue 19's surviving child.
    const child = this.child;
    killProcessTree(pid, child !== undefined && child.exitCode === null && child.signalCode === null);
  }

  private finish(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // Grandchildren may outlive a crashed server: the group goes with it.
    this.killGroup();
    this.child?.stdout?.destroy();
    this.child?.stderr?.destroy();
    this.child?.stdin?.destroy();
    this.onclose?.();
  }

  private fail(code: 'PROTOCOL_ERROR' | 'LIMIT_EXCEEDED', message: string): void {
    this.watch.failure ??= { code, message };
    this.onerror?.(new Error(message));
    this.killGroup();
  }

  private onStdout(chunk: Buffer): void {
    if (this.watch.failure) return;
    this.stdoutBytes += chunk.length;
    if (this.stdoutBytes > this.launch.maxStdoutBytes) {
      this.fail('LIMIT_EXCEEDED', `stdout passed ${this.launch.maxStdoutBytes} bytes`);
      return;
    }
    let start = 0;
    let newline = chunk.indexOf(10);
    while (newline !== -1 && !this.watch.failure) {
      this.pending.push(chunk.subarray(start, newline));
      const line = Buffer.concat(this.pending).toString('utf8').replace(/\r$/, '');
      this.pending = [];
      if (line.trim() !== '') this.onLine(line);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /**
   * One line of stdout. Many real servers log to stdout besides speaking JSON-RPC there (a banner, a dotenv
   * notice, a JSON log record); MCP clients skip such lines and go on, and so does this: a line that is plain text,
   * or JSON that is not a JSON-RPC message, is skipped (at most MAX_SKIPPED_LINES). A line that starts as a JSON
   * object or array but does not parse is a broken message, a PROTOCOL_ERROR at once.
   */
  private onLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (/^\s*[{[]/.test(line)) {
        this.fail('PROTOCOL_ERROR', `stdout is not JSON-RPC: ${line.slice(0, 120)}`);
      } else {
        this.skip(line);
      }
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      this.skip(line);
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private skip(line: string): void {
    this.skippedLines += 1;
    if (this.skippedLines > MAX_SKIPPED_LINES) {
      this.fail(
        'PROTOCOL_ERROR',
        `more than ${MAX_SKIPPED_LINES} lines of stdout are not JSON-RPC, the last: ${line.slice(0, 120)}`,
      );
    }
  }

  private onStderr(chunk: Buffer): void {
    // Keep the first bytes for diagnostics; the rest is drained so the server never blocks on a full pipe.
    const room = this.launch.maxStderrBytes - Buffer.byteLength(this.watch.stderr);
    if (room > 0) this.watch.stderr += chunk.subarray(0, room).toString('utf8');
  }
}
