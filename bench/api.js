// API benchmark: every read route of the JSON API, on PGlite and on PostgreSQL, each under autocannon at 100
// connections against a static body of the same size from the same server, then POST /v1/classify of 1,000 tools.
// Prints req/s, p50 and p99 per route and its ratio to the static body, against the targets of issue 19: 0 errors,
// p99 ≤ 50 ms and at least 0.5× the static body's req/s.
//
// Environment: BENCH_ENGINES (default "pglite,postgres"; postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL, an
// admin URL); BENCH_TOOLS (PostgreSQL catalogue size, default 1,000,000); BENCH_PGLITE_TOOLS (default 100,000: a
// million rows take PGlite minutes to write); BENCH_DURATION_S (seconds per load run, default 60 as the target
// says); BENCH_REUSE=1 (keep the PostgreSQL database toolrisk_api_<tools> and reuse it); BENCH_POOL_SIZE (default 20);
// BENCH_ONLY (comma list of route names); BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof" for the server).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { preparePglite, preparePostgres, sampleOf } from './catalogue.js';
import { figuresOf, forkServer, isClean, load, serveChild } from './load.js';

const POSTGRES_TOOLS = Number(process.env.BENCH_TOOLS ?? 1_000_000);
const PGLITE_TOOLS = Number(process.env.BENCH_PGLITE_TOOLS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const WARMUP_S = Math.min(2, DURATION_S);
const REUSE = process.env.BENCH_REUSE === '1';
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const CONNECTIONS = 100;
const P99_TARGET_MS = 50;
const RATIO_TARGET = 0.5;

/** Crawl runs (some with failures) for the crawl-run routes; the generated catalogue has none. */
async function addCrawlRuns(db) {
  const { emptyCounts, finishRun, recordFailure, startRun } = await import('@toolrisk/db');
  const ids = [];
  for (let run = 0; run < 30; run++) {
    const id = await startRun(db, run % 2 ? 'registry' : 'servers', `bench-${run}`);
    for (let failure = 0; failure < run % 7; failure++) {
      await recordFailure(db, id, {
        target: `https://mcp.example.com/${run}/${failure}`,
        stage: 'connect',
        code: 'TIMEOUT',
        message: `server ${failure} did not answer within 10000 ms`,
      });
    }
    await finishRun(db, id, emptyCounts());
    ids.push(id);
  }
  return ids;
}

/** The child: the app on the engine's database, a static route of any size, listening; replies with its samples. */
async function startApp({ engine, url }) {
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli/testing');
  const { createDb } = await import('@toolrisk/db');
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const prepared = engine === 'pglite' ? await preparePglite({ tools: PGLITE_TOOLS }) : undefined;
  const handle =
    prepared?.handle ?? (await createDb({ databaseUrl: url, maxConnections: POOL_SIZE, ...config.database }));
  const runs = await addCrawlRuns(handle.db);
  const sample = prepared?.sample ?? (await sampleOf(handle.db));
  // Wired as `toolrisk serve` wires it: the change feed drops the read cache on each write.
  const app = await buildApp({
    config,
    db: handle.db,
    ping: handle.ping,
    onCatalogueChange: handle.onCatalogueChange,
    isChangeFeedComplete: handle.isChangeFeedComplete,
    onCrawlChange: handle.onCrawlChange,
  });
  const bodies = new Map();
  app.get('/bench/static', async (request, reply) => {
    const bytes = Number(request.query.bytes);
    if (!bodies.has(bytes)) bodies.set(bytes, Buffer.alloc(bytes, 0x61));
    return reply.type('application/json').send(bodies.get(bytes));
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    reply: { address, sample, runs, generatedSeconds: prepared?.generatedSeconds ?? null },
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** Every read route of the API, each with the paths it is loaded with. */
async function readRoutes(address, { sample, runs }) {
  const enc = encodeURIComponent;
  const servers = sample.servers.map(enc);
  const tools = sample.tools.map(([serverId, name]) => `/v1/servers/${enc(serverId)}/tools/${enc(name)}`);
  const first = await (await fetch(`${address}/v1/servers?limit=20`)).json();
  const nextCursor = first.metadata?.nextCursor;
  return {
    'GET /v1/servers': ['/v1/servers'],
    'GET /v1/servers?q=': ['/v1/servers?q=github', '/v1/servers?q=stripe%20mail', '/v1/servers?q=notion'],
    'GET /v1/servers?risk=&category=': [
      '/v1/servers?risk=Critical',
      '/v1/servers?category=Execute&sort=risk',
    ],
    'GET /v1/servers?cursor=': nextCursor ? [`/v1/servers?limit=20&cursor=${enc(nextCursor)}`] : [],
    'GET /v1/servers/{id}': servers.map((id) => `/v1/servers/${id}`),
    'GET /v1/servers/{id}/tools': servers.map((id) => `/v1/servers/${id}/tools`),
    'GET /v1/servers/{id}/policy': servers.map((id) => `/v1/servers/${id}/policy`),
    'GET /v1/servers/{id}/policy?format=yaml': servers.map((id) => `/v1/servers/${id}/policy?format=yaml`),
    'GET /v1/servers/{id}/tools/{name}': tools,
    'GET /v1/servers/{id}/tools/{name}/policy': tools.map((path) => `${path}/policy`),
    'GET /v1/tools?q=': ['/v1/tools?q=delete%20item', '/v1/tools?q=send%20message', '/v1/tools?q=runTable'],
    'GET /v1/tools?risk=': ['/v1/tools?risk=Critical', '/v1/tools?category=Write&factor=destructive'],
    'GET /v1/stats': ['/v1/stats'],
    'GET /v1/changes': ['/v1/changes', '/v1/changes?since=2020-01-01T00:00:00Z'],
    'GET /v1/crawl-runs': ['/v1/crawl-runs'],
    'GET /v1/crawl-runs/{id}': runs.map((id) => `/v1/crawl-runs/${id}`),
    'GET /v1/crawl-runs/{id}/errors': runs.map((id) => `/v1/crawl-runs/${id}/errors`),
    'GET /openapi.json': ['/openapi.json'],
    'GET /readyz': ['/readyz'],
  };
}

/**
 * fetch, asked once more when the kept-alive connection it reused had just been closed by the server (its keep-alive
 * timeout passed while a load run kept this process too busy to see the close).
 */
async function fetchAgainIfReset(url) {
  try {
    return await fetch(url);
  } catch (error) {
    if (error?.cause?.code !== 'ECONNRESET') throw error;
    return fetch(url);
  }
}

/** The mean body size of a route's first paths (the static body it is compared with is this size). */
async function bodyBytesOf(address, paths) {
  const probes = paths.slice(0, 10);
  let total = 0;
  for (const path of probes) {
    const response = await fetchAgainIfReset(`${address}${path}`);
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    total += body.byteLength;
  }
  return Math.round(total / probes.length);
}

/**
 * Loads the paths, then waits for the server to drain what autocannon left queued (an embedded PGlite answers on
 * the server's own thread), so one run's backlog is never counted against the next.
 */
async function measure(address, paths, durationS) {
  const figures = figuresOf(await load(address, paths, { connections: CONNECTIONS, durationS }));
  // A query of its own (a run that does not exist, never cached) waits behind every query still queued.
  const settle = await fetchAgainIfReset(
    `${address}/v1/crawl-runs/${1_000_000_000 + Math.floor(Math.random() * 1_000_000_000)}`,
  );
  await settle.arrayBuffer();
  return figures;
}

async function measureRoutes(address, routes) {
  const results = {};
  for (const [name, paths] of Object.entries(routes)) {
    if (ONLY && !ONLY.has(name)) continue;
    if (paths.length === 0) {
      results[name] = { paths: 0, note: 'no sample (catalogue too small)' };
      continue;
    }
    let bytes;
    try {
      bytes = await bodyBytesOf(address, paths);
    } catch (error) {
      // A route that cannot answer its probe missed its target; the other routes are still measured.
      results[name] = { paths: paths.length, note: error.message, failed: 1, meetsTarget: false };
      continue;
    }
    const staticPaths = [`/bench/static?bytes=${bytes}`];
    await measure(address, paths, WARMUP_S);
    const route = await measure(address, paths, DURATION_S);
    const still = await measure(address, staticPaths, DURATION_S);
    const ratio = Number((route.reqPerSec / Math.max(still.reqPerSec, 1)).toFixed(2));
    results[name] = {
      paths: paths.length,
      bytes,
      reqPerSec: route.reqPerSec,
      p50Ms: route.p50Ms,
      p99Ms: route.p99Ms,
      staticReqPerSec: still.reqPerSec,
      staticP99Ms: still.p99Ms,
      ratio,
      failed: route.non2xx + route.errors + route.timeouts,
      meetsTarget: isClean(route) && route.p99Ms <= P99_TARGET_MS && ratio >= RATIO_TARGET,
    };
  }
  return results;
}

async function classifyTimings(address) {
  const tools = Array.from({ length: 1000 }, (_, index) => ({
    name: `tool_${index}_${['get', 'delete', 'run', 'send', 'update'][index % 5]}_item`,
    description: `Does operation ${index} on an item; may delete records or run commands.`,
    inputSchema: { type: 'object', properties: { id: { type: 'string' }, command: { type: 'string' } } },
  }));
  const payload = JSON.stringify({ server: { name: 'bench/classify' }, tools });
  const timings = [];
  for (let round = 0; round < 12; round++) {
    const started = performance.now();
    const response = await fetch(`${address}/v1/classify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`classify answered ${response.status}`);
    if (round >= 2) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return {
    medianMs: Number(timings[Math.floor(timings.length / 2)].toFixed(1)),
    maxMs: Number(timings.at(-1).toFixed(1)),
  };
}

/** One engine: its catalogue, the app in a child process, every read route measured, then classify. */
async function runEngine(engine) {
  const execArgv = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const file = fileURLToPath(import.meta.url);
  let database;
  if (engine === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (or BENCH_ENGINES=pglite)');
    database = await preparePostgres({ adminUrl, name: 'toolrisk_api', tools: POSTGRES_TOOLS, reuse: REUSE });
  }
  const server = await forkServer(file, { engine, url: database?.url }, { execArgv });
  try {
    const tools = engine === 'postgres' ? POSTGRES_TOOLS : PGLITE_TOOLS;
    const generatedSeconds = database ? database.generatedSeconds : server.generatedSeconds;
    console.log(
      `\n${engine}: ${tools.toLocaleString('en-US')} tools (${generatedSeconds === null ? 'reused' : `generated in ${generatedSeconds.toFixed(1)} s`}), ` +
        `${CONNECTIONS} connections, ${DURATION_S} s per run after ${WARMUP_S} s warm-up${engine === 'postgres' ? `, pool ${POOL_SIZE}` : ''}`,
    );
    const results = await measureRoutes(server.address, await readRoutes(server.address, server));
    console.table(results);
    const missed = Object.entries(results).filter(([, figures]) => figures.meetsTarget === false);
    console.log(
      `targets (p99 ≤ ${P99_TARGET_MS} ms, ≥ ${RATIO_TARGET}× static, 0 failed): ` +
        `${Object.keys(results).length - missed.length} of ${Object.keys(results).length} routes met` +
        (missed.length ? `; MISSED: ${missed.map(([name]) => name).join(', ')}` : ''),
    );
    const classify = ONLY && !ONLY.has('classify') ? undefined : await classifyTimings(server.address);
    if (classify)
      console.log(
        `POST /v1/classify of 1,000 tools: median ${classify.medianMs} ms, max ${classify.maxMs} ms`,
      );
    return { routes: results, classify1000: classify };
  } finally {
    await server.stop();
    await database?.drop();
  }
}

/** Runs the benchmark on every engine asked for and prints its figures; resolves to them. */
export async function run() {
  const results = {};
  for (const engine of ENGINES) results[engine] = await runEngine(engine);
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serveChild(startApp);
  else await run();
}
