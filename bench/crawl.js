// Crawler throughput: registry pages/s against a local fake registry holding the whole snapshot (stored into
// in-memory PGlite, 503s excluded), and stdio servers introspected per minute at concurrency 1, 4 and 8.
// Then bench/crawl-sandbox.js: real npm packages introspected in bubblewrap at 1, 2 and 4 sandboxes.
// Run with `npm run bench:crawl` (builds first).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crawlRegistry, introspectServer } from '@toolrisk/crawler';
import { mapLimited } from '@toolrisk/crawler/testing';
import { createDb } from '@toolrisk/db';
import { run as runSandbox } from './crawl-sandbox.js';

const SNAPSHOT = fileURLToPath(new URL('../tests/fixtures/data/registry-servers.json', import.meta.url));
const require = createRequire(fileURLToPath(new URL('../crawler/package.json', import.meta.url)));
const MEMORY_SERVER = join(
  dirname(require.resolve('@modelcontextprotocol/server-memory/package.json')),
  'dist/index.js',
);
const INTROSPECTIONS = 24;
/** The registry store rate before the set-based writes (issue 13), and the factor asked of it. */
const VERSIONS_BEFORE = 468;
const VERSIONS_FACTOR = 10;

/** A fake registry list endpoint over the snapshot: `limit`, `cursor` (an offset here), `updated_since`. */
async function startRegistry(items) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 30), 100);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const page = items.slice(start, start + limit);
    const next = start + limit < items.length ? String(start + limit) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        servers: page,
        metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) },
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function benchRegistry() {
  const items = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  const registry = await startRegistry(items);
  const handle = await createDb({ dataDir: 'memory://' });
  await handle.migrate();
  try {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await crawlRegistry(handle.db, {
      baseUrl: registry.url,
      pageSize: 100,
      allowPrivateAddresses: true,
    });
    const seconds = (performance.now() - start) / 1000;
    const pagesPerSecond = report.pages / seconds;
    const used = process.cpuUsage(cpu);
    const versionsPerSecond = report.records / seconds;
    const ratio = versionsPerSecond / VERSIONS_BEFORE;
    console.log(
      `registry: ${report.pages} pages / ${report.records} versions / ${report.counts.serversSeen} servers in ${seconds.toFixed(2)} s ` +
        `wall / ${((used.user + used.system) / 1e6).toFixed(2)} s CPU = ${pagesPerSecond.toFixed(1)} pages/s, ` +
        `${versionsPerSecond.toFixed(0)} versions/s (PGlite, stored), ${ratio.toFixed(1)}x the ${VERSIONS_BEFORE} versions/s ` +
        `before set-based writes (target ${VERSIONS_FACTOR}x${ratio >= VERSIONS_FACTOR ? ', met' : ', NOT met'}), ` +
        `load average ${loadavg()[0].toFixed(1)}`,
    );
    return { pages: report.pages, seconds, pagesPerSecond };
  } finally {
    await handle.close();
    await registry.close();
  }
}

async function benchIntrospection(concurrency) {
  const target = { kind: 'stdio', command: process.execPath, args: [MEMORY_SERVER] };
  const start = performance.now();
  const results = await mapLimited(Array.from({ length: INTROSPECTIONS }), concurrency, () =>
    introspectServer(target, { allowExec: true }),
  );
  const minutes = (performance.now() - start) / 60_000;
  const failed = results.filter((result) => !result.ok).length;
  const perMinute = INTROSPECTIONS / minutes;
  console.log(
    `introspect server-memory over stdio, concurrency ${concurrency}: ${INTROSPECTIONS} in ${(minutes * 60).toFixed(1)} s ` +
      `= ${perMinute.toFixed(0)} servers/min${failed ? ` (${failed} failed)` : ''}`,
  );
  return { concurrency, perMinute, failed };
}

/** Runs both benchmarks and returns their figures. */
export async function run() {
  const registry = await benchRegistry();
  const introspection = [];
  for (const concurrency of [1, 4, 8]) introspection.push(await benchIntrospection(concurrency));
  const sandbox = await runSandbox();
  return { registry, introspection, sandbox };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
