// Web benchmark: tool page HTML against the tool JSON endpoint, same tools, same in-process seeded PGlite app.
// Run with `npm run bench:web` (builds first); BENCH_DURATION_S sets seconds per measurement (default 10).
import { fileURLToPath } from 'node:url';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { seedIfEmpty } from '@toolrisk/crawler';
import { createDb } from '@toolrisk/db';
import { load as loadPaths } from './load.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 20;

function load(url, paths, durationS) {
  return loadPaths(url, paths, { connections: CONNECTIONS, durationS });
}

function figures(result) {
  return {
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    kbPerReq: Math.round(result.throughput.average / Math.max(result.requests.average, 1) / 1024),
  };
}

/** Measures tool page HTML and tool JSON req/s and p99 on the seeded catalogue, and prints their ratio. */
export async function run() {
  const handle = await createDb({ dataDir: 'memory://' });
  await handle.migrate();
  await seedIfEmpty(handle.db);
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db: handle.db, ping: handle.ping });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const list = await (await fetch(`${url}/v1/servers?limit=100`)).json();
    const paths = [];
    for (const server of list.servers) {
      const body = await (await fetch(`${url}/v1/servers/${encodeURIComponent(server.id)}/tools`)).json();
      for (const tool of body.tools) paths.push(tool.links.page);
    }
    const pagePaths = paths.slice(0, 500);
    const jsonPaths = pagePaths.map((path) => `/v1${path}`);
    // Warm up both routes (JIT, query plans, policy cache) before measuring.
    await load(url, jsonPaths, 2);
    await load(url, pagePaths, 2);
    const json = figures(await load(url, jsonPaths, DURATION_S));
    const html = figures(await load(url, pagePaths, DURATION_S));
    const ratio = html.reqPerSec / Math.max(json.reqPerSec, 1);
    console.log(
      `tools: ${pagePaths.length} distinct, ${CONNECTIONS} connections, ${DURATION_S}s each, PGlite in-process`,
    );
    console.log(
      `tool JSON  /v1/servers/{id}/tools/{name}: ${json.reqPerSec} req/s, p99 ${json.p99Ms} ms, ~${json.kbPerReq} KB, non-2xx ${json.non2xx}`,
    );
    console.log(
      `tool page  /servers/{id}/tools/{name}:    ${html.reqPerSec} req/s, p99 ${html.p99Ms} ms, ~${html.kbPerReq} KB, non-2xx ${html.non2xx}`,
    );
    console.log(
      `ratio page/JSON: ${ratio.toFixed(2)} req/s, ${(html.p99Ms / Math.max(json.p99Ms, 1)).toFixed(2)} p99`,
    );
    return { json, html, ratio };
  } finally {
    await app.close();
    await handle.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
