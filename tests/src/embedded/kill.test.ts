// Guarantee: an import killed with SIGKILL mid-way leaves a database that opens, holds no half-written server, and a rerun is idempotent.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifications, createDb, servers, tools } from '@toolrisk/db';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SEED_DIR } from '../harness/paths.js';
import { runToolriskProcess, TOOLRISK_BIN } from '../harness/process.js';

const FILES = 8;

/** A directory of the first FILES servers of the shipped catalogue. */
async function catalogueSlice(root: string): Promise<string> {
  const dir = join(root, 'catalogue');
  await mkdir(dir);
  const names = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.json')).sort();
  for (const name of names.slice(0, FILES)) await copyFile(join(SEED_DIR, name), join(dir, name));
  return dir;
}

/** Starts `toolrisk import DIR` and kills it with SIGKILL once it has reported `files` stored files. */
function importKilledAfter(env: Record<string, string>, dir: string, files: number): Promise<number> {
  const child = spawn(process.execPath, [TOOLRISK_BIN, 'import', dir], {
    env: { PATH: '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let reported = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    reported += chunk
      .toString('utf8')
      .split('\n')
      .filter((line) => /: server \S+: /.test(line)).length;
    if (reported >= files) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('close', () => resolve(reported)));
}

describe('an import killed with SIGKILL', () => {
  it.each([3])(
    'killed after %i stored files: opens, no half-written server, rerun idempotent',
    async (files) => {
      const root = await mkdtemp(join(tmpdir(), 'toolrisk-kill-'));
      const dir = await catalogueSlice(root);
      const env = { TOOLRISK_DATA_DIR: join(root, 'db'), TOOLRISK_SEED: 'false' };
      expect(await importKilledAfter(env, dir, files)).toBeGreaterThanOrEqual(files);
      // The dead owner's lock is recovered; every server present is whole: its tools, each classified.
      const handle = await createDb({ dataDir: env.TOOLRISK_DATA_DIR });
      try {
        const stored = await handle.db.select().from(servers);
        expect(stored.length).toBeGreaterThanOrEqual(files);
        for (const server of stored) {
          const current = await handle.db
            .select({ id: tools.id, verdict: classifications.id })
            .from(tools)
            .leftJoin(
              classifications,
              and(
                eq(classifications.toolId, tools.id),
                eq(classifications.definitionHash, tools.definitionHash),
              ),
            )
            .where(and(eq(tools.serverId, server.id), isNull(tools.removedAt)));
          expect(current.length).toBe(server.toolCount);
          expect(current.length).toBeGreaterThan(0);
          expect(current.filter((row) => row.verdict === null)).toEqual([]);
        }
      } finally {
        await handle.close();
      }
      const rerun = await runToolriskProcess(['import', dir], env);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(new RegExp(`imported ${FILES} of ${FILES} files`));
      const again = await runToolriskProcess(['import', dir], env);
      expect(again.stdout).toMatch(/: 0 new servers, 0 new tools, 0 changed, 0 removed, 0 refused\n$/);
    },
  );
});
