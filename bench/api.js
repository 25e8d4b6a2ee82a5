// API benchmark: a PostgreSQL catalogue (1,000,000 tools unless BENCH_TOOLS says otherwise), autocannon at 100
// connections against tool JSON, tool policy and a static body of the same size, then POST /v1/classify of 1,000 tools.
// The server runs in a child process so autocannon never shares its event loop (that alone halves its throughput).
//
// Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (admin URL); BENCH_TOOLS (catalogue size, default 1,000,000);
// BENCH_REUSE=1 (keep the database toolrisk_bench_<tools> between runs and reuse it when it is complete);
// BENCH_DURATION_S (seconds per load run, default 10); BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof" for the server);
// BENCH_ONLY (comma list of static,toolJson,toolPolicy,classify, to profile one at a time).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';

const TARGET_TOOLS = Number(process.env.BENCH_TOOLS ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const REUSE = process.env.BENCH_REUSE === '1';
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'static,toolJson,toolPolicy,classify').split(','));

/** A fresh database dropped at the end, or with BENCH_REUSE=1 a named one kept for the next run. */
async function benchDatabase(adminUrl) {
  const { createScratchDatabase } = await import('@toolrisk/db/testing');
  const name = REUSE ? `toolrisk_bench_${TARGET_TOOLS}` : `toolrisk_bench_${randomBytes(4).toString('hex')}`;
  return createScratchDatabase(adminUrl, { name, keep: REUSE });
}

/** Multiplies the seed's servers and tools with generate_series until the catalogue holds TARGET_TOOLS tools. */
async function growCatalogue(url) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql`select count(*)::int as n from tools`;
  const started = performance.now();
  if (n < TARGET_TOOLS) {
    const copies = Math.ceil((TARGET_TOOLS - n) / n);
    // Index maintenance row by row (the GIN index above all) dominates a bulk load: drop, load, rebuild.
    const indexes = await sql`select indexname, indexdef from pg_indexes where schemaname = 'public'
      and indexname in ('tools_search_idx', 'tools_changed_at_idx', 'classifications_risk_idx', 'tool_versions_tool_idx', 'tool_versions_seen_at_idx')`;
    for (const index of indexes) await sql.unsafe(`drop index ${index.indexname}`);
    await sql.unsafe(`set maintenance_work_mem = '512MB'; set synchronous_commit = off`);
    await sql.unsafe(`
      insert into servers (id, title, description, packages, remotes, sources, status, tool_count, highest_risk)
      select 'b' || g || '--' || s.id, s.title || ' #' || g, s.description, s.packages, s.remotes, s.sources, s.status, s.tool_count, s.highest_risk
      from servers s, generate_series(1, ${copies}) g`);
    await sql.unsafe(`
      insert into tools (server_id, name, title, description, input_schema, annotations, definition, definition_hash)
      select 'b' || g || '--' || t.server_id, t.name, t.title, coalesce(t.description, '') || ' (variant ' || g || ')',
             t.input_schema, t.annotations, t.definition, md5(t.definition_hash || g) || md5(g || t.definition_hash)
      from tools t, generate_series(1, ${copies}) g
      where t.server_id not like 'b%--%'
      limit ${TARGET_TOOLS - n}`);
    await sql.unsafe(`
      insert into classifications (tool_id, definition_hash, classifier_version, category, risk, factors, confidence, rationale, evidence, five_class)
      select c2.id, c2.definition_hash, c.classifier_version, c.category, c.risk, c.factors, c.confidence, c.rationale, c.evidence, c.five_class
      from tools c2
      join tools t on t.server_id = split_part(c2.server_id, '--', 2) and t.name = c2.name
      join classifications c on c.tool_id = t.id and c.definition_hash = t.definition_hash
      where c2.server_id like 'b%--%'`);
    await sql.unsafe(`
      insert into tool_versions (tool_id, definition_hash, definition)
      select id, definition_hash, definition from tools where server_id like 'b%--%'`);
    for (const index of indexes) await sql.unsafe(index.indexdef);
    await sql.unsafe('analyze');
  }
  const [{ total }] = await sql`select count(*)::int as total from tools`;
  // A random sample, repeatable between runs (same seed, same connection).
  await sql`select setseed(0.42)`;
  const sample = await sql`select server_id, name from tools order by random() limit 2000`;
  await sql.end();
  return { total, seconds: (performance.now() - started) / 1000, sample, grown: n < TARGET_TOOLS };
}

/** Starts the server child; resolves to its address and the size of the static body once it listens. */
function startServer(url, probePath) {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: nodeArgs, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        ...message,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.send({ stop: true });
          }),
      });
    });
    child.send({ url, probePath });
  });
}

/** The child: builds the app on the database, adds a static route of the probe's size, listens, reports. */
async function serve() {
  const { url, probePath } = await new Promise((resolve) => process.once('message', resolve));
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli');
  const { createDb } = await import('@toolrisk/db');
  const handle = await createDb({ databaseUrl: url, maxConnections: POOL_SIZE });
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', DATABASE_URL: url });
  const app = await buildApp({ config, db: handle.db, ping: handle.ping });
  let staticBody = Buffer.alloc(0);
  app.get('/bench/static', async (_request, reply) => reply.type('application/json').send(staticBody));
  const probe = await app.inject(probePath);
  staticBody = Buffer.alloc(Buffer.byteLength(probe.body), 0x61);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send({ address, bodyBytes: staticBody.length, probeStatus: probe.statusCode });
  process.once('message', async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  });
}

function load(url, paths) {
  let next = 0;
  return autocannon({
    url,
    connections: 100,
    duration: DURATION_S,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
}

function figures(result) {
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
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

/** Runs the benchmark and prints its figures; resolves to them. */
export async function run() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
  const database = await benchDatabase(adminUrl);
  let server;
  try {
    const { createDb } = await import('@toolrisk/db');
    const { seedIfEmpty } = await import('@toolrisk/crawler');
    const handle = await createDb({ databaseUrl: database.url, maxConnections: 2 });
    await handle.migrate();
    await seedIfEmpty(handle.db);
    await handle.close();
    const grown = await growCatalogue(database.url);
    console.log(
      `catalogue: ${grown.total} tools (${grown.grown ? `grown in ${grown.seconds.toFixed(1)} s` : 'reused'})`,
    );
    const enc = encodeURIComponent;
    const toolPaths = grown.sample.map((row) => `/v1/servers/${enc(row.server_id)}/tools/${enc(row.name)}`);
    server = await startServer(database.url, toolPaths[0]);
    if (server.probeStatus !== 200) throw new Error(`the probe answered ${server.probeStatus}`);
    const results = {};
    const runs = {
      static: ['/bench/static'],
      toolJson: toolPaths,
      toolPolicy: toolPaths.map((path) => `${path}/policy`),
    };
    for (const [name, paths] of Object.entries(runs)) {
      if (ONLY.has(name)) results[name] = figures(await load(server.address, paths));
    }
    for (const name of ['toolJson', 'toolPolicy']) {
      if (results[name] && results.static) {
        results[name].ratioToStatic = Number((results[name].reqPerSec / results.static.reqPerSec).toFixed(2));
      }
    }
    if (ONLY.has('classify')) results.classify1000 = await classifyTimings(server.address);
    console.log(
      `body size: ${server.bodyBytes} bytes, ${DURATION_S} s per run, 100 connections, pool ${POOL_SIZE}`,
    );
    console.table(results);
    console.log(
      `targets: ratio ≥ 0.5 (json ${results.toolJson?.ratioToStatic}, policy ${results.toolPolicy?.ratioToStatic}); ` +
        `p99 ≤ 25 ms (json ${results.toolJson?.p99Ms}, policy ${results.toolPolicy?.p99Ms}); ` +
        `classify 1,000 ≤ 100 ms (median ${results.classify1000?.medianMs})`,
    );
    return results;
  } finally {
    await server?.stop();
    await database.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serve();
  else await run();
}
