// Guarantee: an import or a registry crawl killed with SIGKILL at a random moment (20 runs on one embedded data
// directory) leaves a database that opens, holds no half-written server, and a rerun is idempotent.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRegistry, loadRegistrySnapshot, startFakeRegistry } from '../crawler/fake-registry.js';
import { SEED_DIR } from '../harness/paths.js';
import { seededRandom } from '../harness/prng.js';
import { runToolriskProcess, TOOLRISK_BIN } from '../harness/process.js';
import { expectNoHalfWrittenServer } from '../harness/whole-servers.js';

const RUNS = 20;
const FILES = 6;
const REGISTRY_ITEMS = 150;
const SEED = 0x6b696c6c;
// A kill aimed at the writes lands within this long after the first one. Set-based writes store the 6 files or 10
// registry pages in well under a second on a quiet machine: a wider window lets most runs finish before the kill.
const WRITE_WINDOW_MS = 400;

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
  /** Where the kill was aimed: while the process started, or once it had begun writing. */
  aimedAt: 'start' | 'writes';
}

/**
 * Runs the command and kills it with SIGKILL at a random moment: either while it starts (opening, recovering
 * the lock, migrating) or once it has begun writing (`isWriting`), after a random part of `windowMs`.
 */
function killAtRandom(
  args: string[],
  env: Record<string, string>,
  random: () => number,
  isWriting: (child: ChildProcess) => Promise<void>,
  windowMs: number,
): Promise<RunEnd> {
  const child = spawn(process.execPath, [TOOLRISK_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timers: NodeJS.Timeout[] = [];
  const kill = () => child.kill('SIGKILL');
  const aimedAt = random() < 0.25 ? 'start' : 'writes';
  if (aimedAt === 'start') timers.push(setTimeout(kill, random() * 2500));
  else void isWriting(child).then(() => timers.push(setTimeout(kill, random() * windowMs)));
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      resolve({ code, signal, stderr, aimedAt });
    }),
  );
}

/** Resolves once an import has reported its first stored file. */
function firstStoredFile(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (!/: server \S+: /.test(chunk.toString('utf8'))) return;
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('close', () => resolve());
  });
}

/** Resolves once the crawl has asked the fake registry for its first page. */
function firstRegistryPage(registry: FakeRegistry): (child: ChildProcess) => Promise<void> {
  return (child) =>
    new Promise((resolve) => {
      const before = registry.requests.length;
      const check = setInterval(() => {
        if (registry.requests.length === before && child.exitCode === null) return;
        clearInterval(check);
        resolve();
      }, 5);
    });
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
    const crawl = ['crawl', 'registry', '--url', registry.url, '--full', '--limit', '10', '--allow-private'];
    const ends: RunEnd[] = [];
    let importDir = '';
    for (let run = 0; run < RUNS; run++) {
      let end: RunEnd;
      if (run % 2 === 0) {
        importDir = await catalogueRevision(root, run);
        end = await killAtRandom(['import', importDir], env, random, firstStoredFile, WRITE_WINDOW_MS);
      } else {
        // Every crawl changes what the registry says, so each run writes.
        registry.items = base.map((item) => ({
          ...item,
          server: { ...item.server, description: `${String(item.server.description)} (crawl ${run})` },
        }));
        end = await killAtRandom(crawl, env, random, firstRegistryPage(registry), WRITE_WINDOW_MS);
      }
      // Killed, or done before the kill came: nothing else (no crash of its own, no refusal to open).
      expect(end.signal === 'SIGKILL' || end.code === 0, `run ${run}: ${end.stderr}`).toBe(true);
      ends.push(end);
      await expectNoHalfWrittenServer(env.TOOLRISK_DATA_DIR);
    }
    // Most runs die by the kill, and many of them in the middle of their writes.
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
