// Guarantee: `toolrisk worker` processes on one PostgreSQL share the job queue (pg-boss): 200 jobs each done exactly
// once and none lost, also when one worker is killed with SIGKILL mid-job (the other retries its job).
import { type ChildProcess, spawn } from 'node:child_process';
import { createSharedQueue, enqueueRun, introspectJob } from '@toolrisk/crawler';
import { DEFAULT_QUEUE_POLICY } from '@toolrisk/crawler/testing';
import { getCrawlRun, jobsOfRun, processOwner } from '@toolrisk/db';
import { servers, toolVersions } from '@toolrisk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDb, rowsOf, type TestDb } from '../harness/db.js';
import { TOOLRISK_BIN } from '../harness/process.js';
import { type RunningServer, startFleetServer } from './mcp-servers.js';

const JOBS = 200;
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!hasPostgres)
  console.log('SKIP queue-workers: TEST_DATABASE_URL is not set (the shared queue needs PostgreSQL)');

/** Short pg-boss timings so a killed worker's job is handed out again within seconds. */
const QUEUE_ENV = {
  TOOLRISK_JOB_TIMEOUT_MS: '3000',
  TOOLRISK_JOB_RETRY_DELAY_MS: '0',
  TOOLRISK_JOB_ATTEMPTS: '3',
  TOOLRISK_QUEUE_POLL_MS: '500',
  TOOLRISK_SEED: 'false',
};

/** A `toolrisk worker` child and the job lines it printed (`job ID KIND KEY (...): start|done|...`). */
interface Worker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<void>;
  /** What it printed on stderr (shown when the queue does not finish). */
  stderr: () => string;
  /** Called with each line as it arrives. */
  onLine: (listener: (line: string) => void) => void;
}

function startWorker(databaseUrl: string): Worker {
  const child = spawn(process.execPath, [TOOLRISK_BIN, 'worker', '--allow-private', '--concurrency', '4'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      ...QUEUE_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { child, lines, exited, stderr: () => stderr, onLine: (listener) => listeners.push(listener) };
}

/** The queue ids a worker printed with this outcome. */
function idsWith(worker: Worker, outcome: string): string[] {
  return worker.lines.flatMap((line) => {
    const match = /^job (\S+) \S+ \S+ \(run \d+, attempt \d+\): (\S+)$/.exec(line);
    return match?.[2] === outcome && match[1] ? [match[1]] : [];
  });
}

describe.skipIf(!hasPostgres)('two toolrisk workers on one PostgreSQL', () => {
  let db: TestDb;
  let fleet: RunningServer;
  beforeAll(async () => {
    db = await openTestDb('postgres');
    fleet = await startFleetServer({ delayMs: 10 });
  });
  afterAll(async () => {
    await fleet?.close();
    await db?.dispose();
  });

  it('finish 200 jobs, each done once and none lost, when one is killed with SIGKILL mid-job', async () => {
    const url = db.url ?? '';
    const policy = { ...DEFAULT_QUEUE_POLICY, jobTimeoutMs: 3000, retryDelayMs: 0, pollIntervalMs: 500 };
    const sender = createSharedQueue(
      { db: db.db, introspect: {}, jobTimeoutMs: policy.jobTimeoutMs, worker: processOwner() },
      { databaseUrl: url, policy },
    );
    const jobs = Array.from({ length: JOBS }, (_, index) =>
      introspectJob(
        { id: `fleet-${index}`, target: { kind: 'http', url: `${fleet.url}/mcp/fleet-${index}` } },
        { allowExec: false, allowPrivateAddresses: true },
      ),
    );
    const { runId } = await enqueueRun(db.db, sender, { kind: 'explicit', target: 'fleet' }, jobs);
    await sender.stop();

    const victim = startWorker(url);
    const survivor = startWorker(url);
    // Once the victim has finished a few jobs, kill it the moment it starts another: that job is in flight.
    let killedJob: string | undefined;
    victim.onLine((line) => {
      const started = /^job (\S+) .*: start$/.exec(line)?.[1];
      if (started && killedJob === undefined && idsWith(victim, 'done').length >= 10) {
        killedJob = started;
        victim.child.kill('SIGKILL');
      }
    });
    try {
      await vi.waitFor(
        async () => {
          const run = await getCrawlRun(db.db, runId);
          expect(run?.status).toBe('finished');
        },
        { timeout: 170_000, interval: 250 },
      );
    } catch (error) {
      const progress = await getCrawlRun(db.db, runId);
      console.log('the queue did not finish:', progress?.jobs, victim.stderr(), survivor.stderr());
      throw error;
    } finally {
      survivor.child.kill('SIGTERM');
      victim.child.kill('SIGKILL');
      await Promise.all([survivor.exited, victim.exited]);
    }

    expect(killedJob).toBeDefined();
    const rows = await jobsOfRun(db.db, runId);
    expect(rows).toHaveLength(JOBS);
    expect(rows.filter((row) => row.state === 'done')).toHaveLength(JOBS);
    // Exactly once: no job printed `done` twice, and every job was done: by one `done` line, or, for a job the
    // victim stored just before it was killed (it never printed), by the survivor finding it done (`skipped`).
    const done = [...idsWith(victim, 'done'), ...idsWith(survivor, 'done')];
    expect(new Set(done).size).toBe(done.length);
    const unprinted = rows.filter((row) => !done.includes(row.queueId));
    expect(unprinted.length).toBeLessThanOrEqual(4);
    for (const row of unprinted) {
      expect(row.worker).toMatch(new RegExp(`:${victim.child.pid}$`));
      expect(idsWith(survivor, 'skipped')).toContain(row.queueId);
    }
    expect(new Set([...done, ...unprinted.map((row) => row.queueId)])).toEqual(
      new Set(rows.map((row) => row.queueId)),
    );
    // The killed job was in flight: the victim never finished it, the survivor did on a retry.
    expect(idsWith(victim, 'done')).not.toContain(killedJob);
    const killed = rows.find((row) => row.queueId === killedJob);
    expect(idsWith(survivor, 'done')).toContain(killedJob);
    expect(killed?.attempts).toBeGreaterThanOrEqual(2);
    expect(killed?.worker).toMatch(new RegExp(`:${survivor.child.pid}$`));
    // Both workers did a share of the work.
    expect(idsWith(victim, 'done').length).toBeGreaterThanOrEqual(10);
    expect(idsWith(survivor, 'done').length).toBeGreaterThan(0);

    // One result per server, stored once: 200 servers, one tool version each, and the run's counts agree.
    expect(await db.db.$count(servers)).toBe(JOBS);
    expect(await db.db.$count(toolVersions)).toBe(JOBS);
    const run = await getCrawlRun(db.db, runId);
    expect(run?.counts).toMatchObject({ serversSeen: JOBS, serversNew: JOBS, toolsNew: JOBS, errors: 0 });
    expect(run?.jobs).toEqual({ queued: 0, running: 0, done: JOBS, failed: 0, failedByCode: {} });
    // pg-boss itself saw the killed attempt fail by expiry and be retried.
    const boss = rowsOf(
      await db.db.execute(sql`select retry_count from pgboss.job where id = ${killedJob ?? ''}::uuid`),
    );
    expect(Number(boss[0]?.retry_count)).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
