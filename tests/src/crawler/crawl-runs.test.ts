// Guarantee: runs are visible and recoverable: a run left `running` by a dead process is marked `aborted` on the next
// start (others' runs untouched), and GET /v1/crawl-runs and /v1/crawl-runs/{id}/errors page through what happened.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { abortOrphanedRuns, recordFailure, startQueuedRun } from '@toolrisk/db';
import { crawlRuns } from '@toolrisk/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, openApiWorld } from '../api/world.js';
import { ENGINES } from '../harness/db.js';

/** The pid of a process that has exited (so no process of this host has it, until the pid is reused). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once('close', resolve));
  return pid;
}

describe.each(ENGINES)('crawl runs on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('marks aborted the runs a dead process of this host left running, and only those', async () => {
    const db = world.db.db;
    const dead = await deadPid();
    const insert = async (owner: string | null) => {
      const [row] = await db
        .insert(crawlRuns)
        .values({ kind: 'import', target: 'x', owner })
        .returning({ id: crawlRuns.id });
      return row?.id ?? 0;
    };
    const orphan = await insert(`${hostname()}:${dead}`);
    const alive = await insert(`${hostname()}:${process.pid}`);
    const elsewhere = await insert(`another-host:${dead}`);
    const queued = (
      await startQueuedRun(db, { kind: 'explicit', target: 'q' }, [
        { kind: 'classify', key: 'k', payload: {} },
      ])
    ).runId;
    const aborted = await abortOrphanedRuns(db, (pid) => pid !== dead);
    expect(aborted).toEqual([orphan]);
    const status = async (id: number) =>
      (await db.select({ status: crawlRuns.status }).from(crawlRuns).where(eq(crawlRuns.id, id)))[0]?.status;
    expect(await status(orphan)).toBe('aborted');
    expect(await status(alive)).toBe('running');
    expect(await status(elsewhere)).toBe('running');
    expect(await status(queued)).toBe('running');
    // A second start finds nothing more to abort.
    expect(await abortOrphanedRuns(db, (pid) => pid !== dead)).toEqual([]);
  });

  it('lists runs newest first and a run with its errors, cursor-paged and as the OpenAPI declares', async () => {
    const db = world.db.db;
    const { runId } = await startQueuedRun(db, { kind: 'explicit', target: 'servers.json' }, []);
    for (const index of [1, 2, 3]) {
      await recordFailure(db, runId, {
        target: `server-${index}`,
        stage: 'introspect',
        code: 'ADDRESS_NOT_ALLOWED',
        message: `127.0.0.${index} is loopback`,
      });
    }
    const list = await world.app.inject('/v1/crawl-runs?limit=1');
    expect(list.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/crawl-runs', list);
    const page = list.json<{ runs: { id: number; status: string }[]; metadata: { nextCursor?: string } }>();
    expect(page.runs.map((run) => run.id)).toEqual([runId]);
    expect(page.runs[0]?.status).toBe('finished');
    expect(page.metadata.nextCursor).toBeDefined();
    const next = await world.app.inject(`/v1/crawl-runs?limit=100&cursor=${page.metadata.nextCursor}`);
    expect(next.json<{ runs: { id: number }[] }>().runs.every((run) => run.id < runId)).toBe(true);

    const errors: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 5; pages++) {
      const response = await world.app.inject(`/v1/crawl-runs/${runId}/errors?limit=2${cursor}`);
      expect(response.statusCode).toBe(200);
      await world.checkAgainstOpenApi('GET', '/v1/crawl-runs/{id}/errors', response);
      const body = response.json<{
        errors: { target: string; code: string }[];
        metadata: { nextCursor?: string };
      }>();
      errors.push(...body.errors.map((error) => `${error.target} ${error.code}`));
      if (!body.metadata.nextCursor) break;
      cursor = `&cursor=${body.metadata.nextCursor}`;
    }
    expect(errors).toEqual([
      'server-1 ADDRESS_NOT_ALLOWED',
      'server-2 ADDRESS_NOT_ALLOWED',
      'server-3 ADDRESS_NOT_ALLOWED',
    ]);
  });

  it('answers an unknown run with 404 RUN_NOT_FOUND and a forged cursor with 400', async () => {
    const missing = await world.app.inject('/v1/crawl-runs/999999/errors');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ code: string }>().code).toBe('RUN_NOT_FOUND');
    const forged = await world.app.inject('/v1/crawl-runs?cursor=WyI1Il0');
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    const bad = await world.app.inject('/v1/crawl-runs/0');
    expect(bad.statusCode).toBe(400);
  });
});
