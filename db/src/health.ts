// Whether the PostgreSQL server answers right now (issue 19), so that an outage fails requests in milliseconds
// instead of after a timeout each.
//
// A probe (`select 1` on a connection of its own) runs when a connection fails, when a statement has waited
// unanswered for one interval (a hung server is told from a slow statement by whether `select 1` still answers),
// and every interval while the database is down. A probe that fails or stays unanswered past its timeout marks the
// database down: every pending statement fails at once, every pool connection is closed (a silent one would
// otherwise hold its statements until TCP gives up), and until a probe answers again no statement is sent at all.
// A probe that only ran late while the pool's connections kept receiving answers does not: the database is busy,
// not gone (a loaded machine must not turn slow answers into 503s).
import { ToolriskDbError } from './errors.js';
import type { WatchedSockets } from './sockets.js';

/** How the health of one database is watched. */
export interface HealthOptions {
  /** How often pending statements are checked and, while the database is down, a probe is sent. */
  probeIntervalMs: number;
  /** A probe with no answer after this marks the database down. */
  probeTimeoutMs: number;
}

/** The least time a probe sent while the database is down may take. */
const RECOVERY_PROBE_TIMEOUT_MS = 5_000;
/** Probes in flight at most while the database is down. */
const RECOVERY_PROBES = 4;

/** A statement the health watch may fail: when it started waiting, and how to fail it. */
export interface PendingStatement {
  startedMs: number;
  fail: (error: ToolriskDbError) => void;
}

/** Sends one probe (on a connection of its own when `fresh`); resolves when answered within timeoutMs. */
export type Probe = (timeoutMs: number, fresh: boolean) => Promise<void>;

/** The up/down state of one PostgreSQL database, kept by probes. */
export class DatabaseHealth {
  private downSince: number | undefined;
  private downCause: unknown;
  private readonly pending = new Set<PendingStatement>();
  /** Probes in flight: one at a time while up; while down, a new one each interval, up to RECOVERY_PROBES. */
  private probes = 0;
  /** The probe in flight while up, which a readiness check waits for rather than sending its own. */
  private upProbe: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly probe: Probe,
    private readonly options: HealthOptions,
    /** The pool's sockets: read to tell a busy database from a silent one, closed when it is marked down. */
    private readonly sockets: WatchedSockets,
  ) {
    this.timer = setInterval(() => this.tick(), options.probeIntervalMs);
    // The watch never keeps a process alive: a CLI command exits when its work is done.
    this.timer.unref();
  }

  /** True while the last probe failed and none has answered since. */
  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** The error a statement gets when it is refused unsent because the database is down. */
  refusal(): ToolriskDbError {
    const forMs = Date.now() - (this.downSince ?? Date.now());
    return new ToolriskDbError(
      'DATABASE_UNAVAILABLE',
      `the database has not answered for ${forMs} ms; the statement was not sent`,
      { cause: this.downCause, context: { outcome: 'not-sent' } },
    );
  }

  /** Starts watching a statement handed to the pool. */
  track(statement: PendingStatement): void {
    this.pending.add(statement);
  }

  /** Stops watching a statement that settled. */
  untrack(statement: PendingStatement): void {
    this.pending.delete(statement);
  }

  /**
   * Whether the database answers, as the watch judges it: false at once while it is marked down; else the verdict
   * of a probe on the probe's own connection (the one in flight, if any), so a pool whose connections are all busy
   * with slow statements does not make a database that answers look gone (a readiness check must not fail then).
   */
  async isAnswering(): Promise<boolean> {
    if (this.isDown) return false;
    await (this.upProbe ?? this.runProbe());
    return !this.isDown;
  }

  /** A connection failed: probe now rather than at the next interval. */
  suspect(): void {
    if (this.probes === 0) void this.runProbe();
  }

  /** Stops the watch (the handle is closing). */
  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    // Down, a probe stuck on a connection that will never answer must not delay the one that would.
    if (this.isDown) {
      if (this.probes < RECOVERY_PROBES) void this.runProbe();
    } else if (this.probes === 0 && this.hasStalled()) void this.runProbe();
  }

  private hasStalled(): boolean {
    const since = Date.now() - this.options.probeIntervalMs;
    for (const statement of this.pending) if (statement.startedMs <= since) return true;
    return false;
  }

  private runProbe(): Promise<void> {
    const probe = this.probeOnce();
    if (!this.isDown) {
      this.upProbe = probe;
      void probe.finally(() => {
        if (this.upProbe === probe) this.upProbe = undefined;
      });
    }
    return probe;
  }

  private async probeOnce(): Promise<void> {
    this.probes++;
    const wasDown = this.isDown;
    // Answers to statements sent before a hang began still arrive in its first moments: progress counts only from
    // halfway through the probe.
    let before = this.sockets.snapshot();
    const halfway = setTimeout(() => {
      before = this.sockets.snapshot();
    }, this.options.probeTimeoutMs / 2);
    // Down, a probe may take its time: nothing waits on it, and a database starting up on a loaded machine may need
    // seconds for a connection's first answer, which a short timeout would cut off and start again, for ever.
    const timeoutMs = wasDown
      ? Math.max(this.options.probeTimeoutMs, RECOVERY_PROBE_TIMEOUT_MS)
      : this.options.probeTimeoutMs;
    try {
      await this.probe(timeoutMs, wasDown);
      this.downSince = undefined;
      this.downCause = undefined;
    } catch (cause) {
      // A refusal is final; only a late answer is excused by the pool's connections answering meanwhile.
      if (wasDown || !isTimeout(cause) || !this.sockets.hasReadSince(before)) this.markDown(cause);
    } finally {
      clearTimeout(halfway);
      this.probes--;
    }
  }

  private markDown(cause: unknown): void {
    if (this.isDown) return;
    this.downSince = Date.now();
    this.downCause = cause;
    const error = new ToolriskDbError(
      'DATABASE_UNAVAILABLE',
      `the database is unreachable: a probe failed or had no answer within ${this.options.probeTimeoutMs} ms`,
      { cause, context: { probeTimeoutMs: this.options.probeTimeoutMs } },
    );
    for (const statement of [...this.pending]) statement.fail(error);
    this.pending.clear();
    this.sockets.destroyAll(error);
  }
}

/** True when a probe failed for want of an answer in time (not because the connection was refused or lost). */
function isTimeout(error: unknown): boolean {
  if (error instanceof ToolriskDbError) return error.context.timedOut === true;
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'CONNECT_TIMEOUT';
}
