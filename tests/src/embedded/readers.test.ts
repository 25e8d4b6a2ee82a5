// Guarantee: an import of the shipped catalogue and keys created by CLI processes while 100 connections read the API
// of a server on the same embedded data directory: no read fails or sees a half-written server, and once the read
// cache's bound has passed after the last write, every imported server, tool and key is there, none lost.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { READ_CACHE_TTL_MS } from '@toolrisk/api/testing';
import { describe, expect, it } from 'vitest';
import { SEED_DIR } from '../harness/paths.js';
import { runToolriskProcess, serveCatalogue } from '../harness/process.js';

const READERS = 100;
const KEYS = 5;

/** The shipped catalogue's servers: id and how many tools each lists. */
async function shippedServers(): Promise<{ id: string; toolCount: number }[]> {
  const names = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.json'));
  return Promise.all(
    names.map(async (name) => {
      const document = JSON.parse(await readFile(join(SEED_DIR, name), 'utf8')) as {
        server: { id: string };
        tools: unknown[];
      };
      return { id: document.server.id, toolCount: document.tools.length };
    }),
  );
}

/**
 * Reads one server's tools in one page (the largest has 120, a page holds up to 500): 404 before its import, after
 * it every tool at once (one transaction a server), and a total that says so.
 */
async function readTools(url: string, server: { id: string; toolCount: number }): Promise<string | null> {
  const response = await fetch(`${url}/v1/servers/${server.id}/tools?limit=500`);
  const body = await response.text();
  if (response.status === 404) return null;
  if (response.status !== 200) return `${server.id}: ${response.status} ${body.slice(0, 200)}`;
  const { tools, metadata } = JSON.parse(body) as { tools: unknown[]; metadata: { total: number } };
  return tools.length === server.toolCount && metadata.total === server.toolCount
    ? null
    : `${server.id}: ${tools.length} of ${server.toolCount} tools (total ${metadata.total})`;
}

describe('an import and keys made beside a server that 100 connections read, on one embedded directory', () => {
  it('no read fails or is torn, and after the cache bound every server, tool and key is there', async () => {
    const root = await mkdtemp(join(tmpdir(), 'toolrisk-readers-'));
    // 100 readers from one address: the per-client rate limit is not what this measures.
    const env = {
      TOOLRISK_DATA_DIR: join(root, 'db'),
      TOOLRISK_SEED: 'false',
      TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    const shipped = await shippedServers();
    const served = await serveCatalogue(env);
    try {
      let isReading = true;
      const failures: string[] = [];
      let reads = 0;
      const reader = async (index: number) => {
        while (isReading) {
          const server = shipped[(index + reads) % shipped.length];
          if (!server) return;
          const failure =
            index % 4 === 0
              ? await fetch(`${served.url}/v1/servers?limit=50`).then(async (response) => {
                  await response.arrayBuffer();
                  return response.status === 200 ? null : `list: ${response.status}`;
                })
              : await readTools(served.url, server);
          if (failure) failures.push(failure);
          reads++;
        }
      };
      const readers = Array.from({ length: READERS }, (_, index) => reader(index));

      const [imported, ...keyRuns] = await Promise.all([
        runToolriskProcess(['import', SEED_DIR], env),
        ...Array.from({ length: KEYS }, (_, index) =>
          runToolriskProcess(['keys', 'create', '--name', `reader-${index}`], env),
        ),
      ]);
      const readsDuringWrites = reads;
      // The documented bound: another process's write is served at most READ_CACHE_TTL_MS after it commits.
      await delay(READ_CACHE_TTL_MS);
      isReading = false;
      await Promise.all(readers);

      expect({ code: imported?.code, stderr: imported?.stderr }).toEqual({ code: 0, stderr: '' });
      expect(imported?.stdout).toMatch(
        new RegExp(`imported ${shipped.length} of ${shipped.length} files .*: ${shipped.length} new servers`),
      );
      expect(failures).toEqual([]);
      expect(readsDuringWrites).toBeGreaterThanOrEqual(READERS);

      for (const server of shipped) expect(await readTools(served.url, server)).toBeNull();
      const listed = await fetch(`${served.url}/v1/servers?limit=100`);
      const { servers } = (await listed.json()) as { servers: { id: string }[] };
      const ids = servers.map((server) => server.id);
      expect([...ids].sort()).toEqual(shipped.map((server) => server.id).sort());

      for (const run of keyRuns) expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
      const statuses = await Promise.all(
        keyRuns.map(async (run, index) => {
          const response = await fetch(`${served.url}/v1/servers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${run.stdout.trim()}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'package', value: `reader-pkg-${index}` }),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses).toEqual(Array.from({ length: KEYS }, () => 202));
    } finally {
      await served.stop();
    }
  }, 900_000);
});
