// Guarantee: an import or a registry crawl killed with SIGKILL at a random moment (20 runs on one embedded data
// directory; every crawl is killed between its first and last page's writes) leaves a database that opens, holds no half-written server, and a rerun is idempotent.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cursorOf,
  type FakeRegistry,
  loadRegistrySnapshot,
  startFakeRegistry,
} from '../crawler/fake-registry.js';
import { SEED_DIR } from '../harness/paths.js';
import { seededRandom } from '../harness/prng.js';
import { runToolriskProcess, TOOLRISK_BIN } from '../harness/process.js';
import { expectNoHalfWrittenServer } from '../harness/whole-servers.js';

const RUNS = 20;
const FILES = 6;
const REGISTRY_ITEMS = 150;
const PAGE_SIZE = 10;
const PAGES = REGISTRY_ITEMS / PAGE_SIZE;
const SEED = 0x6b696c6c;
// An import is killed at any moment of its first 2.5 s: opening, recovering the lock, migrating, reading, writing.
const IMPORT_KILL_WINDOW_MS = 2500;
// A crawl is killed at most this long after it asks for a page: before, during or after storing that page.
const CRAWL_KILL_DELAY_MS = 30;

/** The first FILES servers of the shipped catalogue, every tool's description marked with revision `rev`. */
async function catalogueRevision(root: string, rev: number): Promise<string> {
  const dir = join(root, `catalogue-${rev}`);
  await mkdir(dir);
  const names = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.json')).sort();
  for (const name of names.slice(0, FILES)) {
    const document = JSON.parse(await readFile(join(SEED_DIR, name), 'utf8')) as {
      tools: { description?: string }[];
    };
    for (const tool of document.tools) tool.description = `${tool.description ?? ''} (rev ${rev})`;
    await writeFile(join(dir, name), JSON.stringify(document));
  }
  return dir;
}

/** How one killed (or finished) run ended. */
interface RunEnd {
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  /** Where the kill was aimed: any moment of an import, or a crawl between its first and last page's writes. */
  aimedAt: 'any' | 'writes';
}

function spawnToolrisk(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; end: Promise<RunEnd> } {
  const child = spawn(process.execPath, [TOOLRISK_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const end = new Promise<RunEnd>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stderr, aimedAt: 'any' })),
  );
  return { child, end };
}

/** Runs an import and kills it with SIGKILL at a random moment of IMPORT_KILL_WINDOW_MS (it may finish first). */
async function killImportAtRandom(
  args: string[],
  env: Record<string, string>,
  random: () => number,
): Promise<RunEnd> {
  const { child, end } = spawnToolrisk(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), random() * IMPORT_KILL_WINDOW_MS);
  const ended = await end;
  clearTimeout(timer);
  return ended;
}

/**
 * Runs a registry crawl and kills it in the middle of its writes by construction, not by timing: the crawl stores
 * each page before it asks for the next, so once it asks for page k+1 (k random, 1 to PAGES-2) pages 1..k are
 * stored. The kill follows 0-CRAWL_KILL_DELAY_MS later (before, during or after page k+1's transaction), and the
 * fake holds the request for page k+2 until the process is gone, so the crawl never finishes first.
 */
async function killCrawlMidWrite(
  args: string[],
  env: Record<string, string>,
  random: () => number,
  registry: FakeRegistry,
): Promise<RunEnd & { pagesStored: number }> {
  const pagesStored = 1 + Math.floor(random() * (PAGES - 2));
  const cursorAfter = (pages: number) => {
    const item = registry.items[pages * PAGE_SIZE - 1];
    return item ? cursorOf(item) : '';
  };
  const { child, end } = spawnToolrisk(args, env);
  const gone = end.then(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  registry.onRequest = (query) => {
    if (query.cursor === cursorAfter(pagesStored) && timer === undefined)
      timer = setTimeout(() => child.kill('SIGKILL'), random() * CRAWL_KILL_DELAY_MS);
    return query.cursor === cursorAfter(pagesStored + 1) ? gone : undefined;
  };
  const ended = await end;
  registry.onRequest = undefined;
  clearTimeout(timer);
  return { ...ended, aimedAt: 'writes', pagesStored };
}

describe(`an import or a crawl killed with SIGKILL at random moments (${RUNS} runs)`, () => {
  let root: string;
  let registry: FakeRegistry;
  const base = loadRegistrySnapshot().slice(0, REGISTRY_ITEMS);
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'toolrisk-kill-'));
    registry = await startFakeRegistry(base);
  });
  afterAll(async () => registry?.close());

  it('the database opens, no server is half-written, and a rerun is idempotent', async () => {
    const env = { TOOLRISK_DATA_DIR: join(root, 'db'), TOOLRISK_SEED: 'false' };
    const random = seededRandom(SEED);
    const crawl = [
      'crawl',
      'registry',
      '--url',
      registry.url,
      '--full',
      '--limit',
      String(PAGE_SIZE),
      '--allow-private',
    ];
    const ends: RunEnd[] = [];
    let importDir = '';
    for (let run = 0; run < RUNS; run++) {
      if (run % 2 === 0) {
        importDir = await catalogueRevision(root, run);
        const end = await killImportAtRandom(['import', importDir], env, random);
        // Killed, or done before the kill came: nothing else (no crash of its own, no refusal to open).
        expect(end.signal === 'SIGKILL' || end.code === 0, `run ${run}: ${end.stderr}`).toBe(true);
        ends.push(end);
        await expectNoHalfWrittenServer(env.TOOLRISK_DATA_DIR);
      } else {
        // Every crawl changes what the registry says, so each page it stores shows in the database.
        const mark = ` (crawl ${run})`;
        registry.items = base.map((item) => ({
          ...item,
          server: { ...item.server, description: `${String(item.server.description)}${mark}` },
        }));
        const end = await killCrawlMidWrite(crawl, env, random, registry);
        expect(end.signal, `run ${run}: ${end.stderr}`).toBe('SIGKILL');
        ends.push(end);
        // Mid-write, as the database shows: some servers carry this crawl's description, none past page k+1, and
        // not all (a page lists 10 versions, of fewer servers when a server has several).
        const { marked } = await expectNoHalfWrittenServer(env.TOOLRISK_DATA_DIR, mark);
        const namesIn = (items: typeof base) => new Set(items.map((item) => item.server.name)).size;
        expect(marked, `run ${run}`).toBeGreaterThan(0);
        expect(marked, `run ${run}`).toBeLessThanOrEqual(
          namesIn(base.slice(0, (end.pagesStored + 1) * PAGE_SIZE)),
        );
        expect(marked, `run ${run}`).toBeLessThan(namesIn(base));
      }
    }
    // Most runs die by the kill, and at least a quarter of them (every crawl) in the middle of their writes.
    const killed = ends.filter((end) => end.signal === 'SIGKILL');
    expect(killed.length).toBeGreaterThanOrEqual(RUNS / 2);
    expect(killed.filter((end) => end.aimedAt === 'writes').length).toBeGreaterThanOrEqual(RUNS / 4);

    // A rerun after the last kill completes, and a second one changes nothing.
    const imported = await runToolriskProcess(['import', importDir], env);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(new RegExp(`imported ${FILES} of ${FILES} files`));
    const again = await runToolriskProcess(['import', importDir], env);
    expect(again.stdout).toMatch(/: 0 new servers, 0 new tools, 0 changed, 0 removed, 0 refused\n$/);
    const crawled = await runToolriskProcess(crawl, env);
    expect({ code: crawled.code, stderr: crawled.stderr }).toEqual({ code: 0, stderr: '' });
    const afterCrawl = await expectNoHalfWrittenServer(env.TOOLRISK_DATA_DIR);
    expect((await runToolriskProcess(crawl, env)).code).toBe(0);
    expect(await expectNoHalfWrittenServer(env.TOOLRISK_DATA_DIR)).toEqual(afterCrawl);
    expect(afterCrawl.tools).toBeGreaterThan(0);
    // Twenty processes on a shared 2-core machine: a net for a hang, not a speed target.
  }, 1_200_000);
});
