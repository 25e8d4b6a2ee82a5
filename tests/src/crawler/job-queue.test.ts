// Guarantee: the embedded queue runs the shared queue's jobs with the same rules: a refusal fails at once with its
// code, a retryable failure is tried again and then fails for good with its code, a success is stored once.
import { hostname } from 'node:os';
import { enqueueRun, InProcessQueue, introspectJob } from '@toolrisk/crawler';
import { claimJob, getCrawlRun, jobsOfRun, listCrawlErrors, processOwner } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';
import { type RunningServer, startFleetServer } from './mcp-servers.js';

describe.each(ENGINES)('the in-process job queue on %s', (engine) => {
  let db: TestDb;
  let fleet: RunningServer;
  beforeAll(async () => {
    db = await openTestDb(engine);
    fleet = await startFleetServer({ delayMs: 0 });
  });
  afterAll(async () => {
    await fleet?.close();
    await db?.dispose();
  });

  it('fails a refusal at once, retries a lost connection then fails it with its code, stores a success once', async () => {
    const policy = { attempts: 2, retryDelayMs: 0, jobTimeoutMs: 10_000, pollIntervalMs: 100 };
    const worker = processOwner();
    const queue = new InProcessQueue(
      {
        db: db.db,
        introspect: { allowPrivateAddresses: true, retry: { retries: 0 } },
        jobTimeoutMs: 10_000,
        worker,
      },
      policy,
      hostname(),
      () => true,
    );
    const allowed = { allowExec: false, allowPrivateAddresses: true };
    const jobs = [
      introspectJob({ id: 'good', target: { kind: 'http', url: `${fleet.url}/mcp/good` } }, allowed),
      // The enqueuer did not allow private addresses: refused whatever the worker allows.
      introspectJob(
        { id: 'refused', target: { kind: 'http', url: `${fleet.url}/mcp/refused` } },
        { allowExec: false, allowPrivateAddresses: false },
      ),
      // Nothing listens on port 9: the connection is refused on every attempt.
      introspectJob({ id: 'lost', target: { kind: 'http', url: 'http://127.0.0.1:9/mcp' } }, allowed),
    ];
    const { runId } = await enqueueRun(db.db, queue, { kind: 'explicit', target: 'queue-test' }, jobs);
    await queue.work({ concurrency: 1 });
    try {
      await vi.waitFor(async () => expect((await getCrawlRun(db.db, runId))?.status).toBe('finished'), {
        timeout: 50_000,
        interval: 100,
      });
    } finally {
      await queue.stop();
    }
    const run = await getCrawlRun(db.db, runId);
    expect(run?.jobs).toEqual({
      queued: 0,
      running: 0,
      done: 1,
      failed: 2,
      failedByCode: { ADDRESS_NOT_ALLOWED: 1, CONNECT_FAILED: 1 },
    });
    expect(run?.counts).toMatchObject({ serversSeen: 1, serversNew: 1, toolsNew: 1, errors: 2 });
    const byKey = new Map((await jobsOfRun(db.db, runId)).map((job) => [job.key, job]));
    expect(byKey.get('good')).toMatchObject({ state: 'done', attempts: 1, code: null });
    expect(byKey.get('refused')).toMatchObject({ state: 'failed', attempts: 1, code: 'ADDRESS_NOT_ALLOWED' });
    expect(byKey.get('lost')).toMatchObject({ state: 'failed', attempts: 2, code: 'CONNECT_FAILED' });
    const errors = await listCrawlErrors(db.db, runId, { limit: 10 });
    expect(errors.errors.map((error) => `${error.target} ${error.code}`).sort()).toEqual([
      'lost CONNECT_FAILED',
      'refused ADDRESS_NOT_ALLOWED',
    ]);
    // A job that ended is never taken again: a late retry of it finds nothing to do.
    for (const job of byKey.values()) expect(await claimJob(db.db, job.queueId, worker)).toBeUndefined();
  });
});
