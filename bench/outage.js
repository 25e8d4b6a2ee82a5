// Outage benchmark (issue 19's target: "PostgreSQL stopped for 20 s under load: every failed request is a 503
// within 2 s; service back within 2 s of the database"). The API serves a generated catalogue on PostgreSQL from a
// child process while clients here load a few read routes (most of them with a fresh query each, so the read cache
// cannot hide the outage) and a write route (POST /v1/servers, each with its own URL); then the database goes away
// for BENCH_OUTAGE_S seconds, in each mode asked for:
//   stopped  the OutageProxy between the API and PostgreSQL cuts every connection and refuses new ones; or, with
//            BENCH_OUTAGE_CTL (e.g. "pg_ctlcluster --skip-systemctl-redirect 15 bench"), that command's `stop -m fast`
//            and `start` stop the real server (never point it at a cluster other people use);
//   hanging  the proxy accepts connections and forwards nothing, as a frozen server or a black-holed network.
// Prints per mode: requests answered and failed during the outage (every failure should be a 503), the max and p99
// time to a 503, the time from the database being back to the first 2xx of a request that needed it (and to the
// last 503), and what became of the writes answered 503 (none answered `not-applied` may be stored).
//
// Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (an admin URL), BENCH_OUTAGE_MODES (default
// "stopped,hanging"), BENCH_OUTAGE_S (default 20), BENCH_CONNECTIONS (default 50), BENCH_TOOLS (default 20,000),
// BENCH_OUTAGE_CTL (see above).
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { preparePostgres } from './catalogue.js';
import { forkServer, serveChild } from './load.js';

const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOOLS = Number(process.env.BENCH_TOOLS ?? 20_000);
const MODES = (process.env.BENCH_OUTAGE_MODES ?? 'stopped,hanging').split(',');
const CTL = process.env.BENCH_OUTAGE_CTL?.split(' ').filter(Boolean);
const BEFORE_S = 5;
const AFTER_S = 8;
const TARGET_MS = 2_000;

/** The child: the app on the database behind the proxy (default timeouts), and a key that may submit servers. */
async function startApp({ url }) {
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli/testing');
  const { createDb, createKey } = await import('@toolrisk/db');
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const handle = await createDb({ databaseUrl: url, maxConnections: 20, ...config.database });
  const { key } = await createKey(handle.db, { name: 'outage bench', scopes: ['servers:submit'] });
  const app = await buildApp({ config, db: handle.db, ping: handle.ping });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    reply: { address, key, database: config.database },
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** The requests one client sends in turn: uncached reads, a cached read, and a write. */
function requestsOf(key, serverIds) {
  let n = 0;
  return () => {
    n++;
    const word = `w${Math.floor(Math.random() * 1e9)}`;
    switch (n % 5) {
      case 0:
        return { route: 'POST /v1/servers', write: `https://mcp.example.com/outage-bench/${word}`, key };
      case 1:
        return { route: 'GET /v1/servers?q=', path: `/v1/servers?q=${word}` };
      case 2:
        return { route: 'GET /v1/tools?q=', path: `/v1/tools?q=${word}` };
      case 3:
        return { route: 'GET /v1/servers/{id}', path: `/v1/servers/${serverIds[n % serverIds.length]}` };
      default:
        return { route: 'GET /v1/servers/{id}?miss', path: `/v1/servers/no-such-server-${word}` };
    }
  };
}

/** One client: requests one after another until `stop()`; each recorded with its start, end and status. */
async function client(address, next, log, isStopped) {
  while (!isStopped()) {
    const request = next();
    const started = performance.now();
    let status = 0;
    let outcome;
    try {
      const response = request.write
        ? await fetch(`${address}/v1/servers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${request.key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'url', value: request.write }),
          })
        : await fetch(`${address}${request.path}`);
      status = response.status;
      const body = await response.text();
      if (status === 503 && request.write) outcome = JSON.parse(body).outcome;
    } catch {
      status = -1;
    }
    log.push({ ...request, started, ended: performance.now(), status, outcome });
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A route's own answer: 2xx, or the 404 of a server that does not exist (which the database had to say). */
function isAnswer(entry) {
  if (entry.route === 'GET /v1/servers/{id}?miss') return entry.status === 404;
  return entry.status >= 200 && entry.status < 300;
}

const round = (ms) => (ms === null || ms === undefined ? null : Math.round(ms));

/** The figures of one outage from the request log and the moments the database went and came back. */
function figuresOf(log, downAt, upAt) {
  const during = log.filter((entry) => entry.ended >= downAt && entry.started <= upAt);
  const failed = during.filter((entry) => !isAnswer(entry));
  const unavailable = failed.filter((entry) => entry.status === 503);
  const toFailMs = unavailable.map((entry) => entry.ended - entry.started).sort((a, b) => a - b);
  const after = log.filter((entry) => entry.started >= upAt);
  // The cached route may answer throughout; "back" is a request that needed the database answering 2xx.
  const firstBack = after.find((entry) => entry.route !== 'GET /v1/servers/{id}' && isAnswer(entry));
  const late503 = log.filter((entry) => entry.status === 503 && entry.ended >= upAt);
  return {
    requestsDuringOutage: during.length,
    answeredDuringOutage: during.length - failed.length,
    failed: failed.length,
    failedNot503: failed.length - unavailable.length,
    maxTo503Ms: round(toFailMs.at(-1)),
    p99To503Ms: round(percentile(toFailMs, 99)),
    p50To503Ms: round(percentile(toFailMs, 50)),
    over2s: toFailMs.filter((ms) => ms > TARGET_MS).length,
    backToFirst2xxMs: firstBack ? round(firstBack.ended - upAt) : null,
    backToLast503Ms: late503.length ? round(Math.max(...late503.map((entry) => entry.ended)) - upAt) : 0,
  };
}

/** What became of the writes: each 202 stored, none answered `not-applied` stored, `unknown` ones counted. */
async function writesOf(log, adminUrl) {
  const writes = log.filter((entry) => entry.write);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows =
      await sql`select value from server_submissions where value like 'https://mcp.example.com/outage-bench/%'`;
    const stored = new Set(rows.map((row) => row.value));
    const accepted = writes.filter((entry) => entry.status === 202);
    const notApplied = writes.filter((entry) => entry.status === 503 && entry.outcome === 'not-applied');
    const unknown = writes.filter((entry) => entry.status === 503 && entry.outcome === 'unknown');
    return {
      writes: writes.length,
      accepted: accepted.length,
      acceptedLost: accepted.filter((entry) => !stored.has(entry.write)).length,
      answered503NotApplied: notApplied.length,
      notAppliedButStored: notApplied.filter((entry) => stored.has(entry.write)).length,
      answered503Unknown: unknown.length,
      unknownStored: unknown.filter((entry) => stored.has(entry.write)).length,
      answered503NoOutcome: writes.filter((entry) => entry.status === 503 && !entry.outcome).length,
    };
  } finally {
    await sql.end();
  }
}

const exec = promisify(execFile);

/** The moment the database at `url` first answers `select 1`, tried every 20 ms on a fresh connection. */
async function firstAnswer(url) {
  for (;;) {
    const sql = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      await sql`select 1`;
      return performance.now();
    } catch {
      await sleep(20);
    } finally {
      await sql.end({ timeout: 0 });
    }
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One mode: load, the outage, recovery; resolves to its figures. */
async function runMode(mode, { database, target }) {
  const { OutageProxy } = await import('@toolrisk/db/testing');
  const proxy = new OutageProxy(target);
  await proxy.start();
  const url = new URL(database.url);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  const file = fileURLToPath(import.meta.url);
  const server = await forkServer(file, { url: url.toString() });
  try {
    const next = requestsOf(server.key, database.sample.servers.map(encodeURIComponent));
    const log = [];
    let stopped = false;
    const clients = Array.from({ length: CONNECTIONS }, () =>
      client(server.address, next, log, () => stopped),
    );
    await sleep(BEFORE_S * 1000);
    const real = mode === 'stopped' && CTL;
    // The outage starts when the stop is issued, and ends when the database accepts connections again.
    const downAt = performance.now();
    if (real) await exec(CTL[0], [...CTL.slice(1), 'stop', '-m', 'fast']);
    else if (mode === 'stopped') await proxy.stop();
    else proxy.hang();
    const stoppedMs = performance.now() - downAt;
    await sleep(OUTAGE_S * 1000 - stoppedMs);
    const starting = performance.now();
    let upAt;
    if (real) {
      // The database is back when it first answers a connection of this process, not when the command returns.
      const command = exec(CTL[0], [...CTL.slice(1), 'start']);
      upAt = await firstAnswer(database.url);
      await command;
    } else {
      await proxy.start();
      upAt = performance.now();
    }
    const startedMs = upAt - starting;
    await sleep(AFTER_S * 1000);
    stopped = true;
    await Promise.all(clients);
    const figures = figuresOf(log, downAt, upAt);
    const writes = await writesOf(log, database.url);
    return {
      mode: real ? `stopped (${CTL.join(' ')})` : mode === 'stopped' ? 'stopped (proxy)' : 'hanging (proxy)',
      database: server.database,
      stopCommandMs: Math.round(stoppedMs),
      startCommandMs: Math.round(startedMs),
      ...figures,
      ...writes,
    };
  } finally {
    await server.stop();
    await proxy.stop();
  }
}

/** Runs every mode asked for and prints its figures against the target; resolves to them. */
export async function run() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const database = await preparePostgres({ adminUrl, name: 'toolrisk_outage', tools: TOOLS, reuse: false });
  const admin = new URL(adminUrl);
  const target = { host: admin.hostname, port: Number(admin.port || 5432) };
  const results = [];
  try {
    for (const mode of MODES) {
      const result = await runMode(mode, { database, target });
      results.push(result);
      console.log(`\n${result.mode}: ${OUTAGE_S} s outage under ${CONNECTIONS} clients`, result.database);
      console.table(Object.fromEntries(Object.entries(result).filter(([name]) => name !== 'database')));
      const met =
        result.failedNot503 === 0 &&
        result.over2s === 0 &&
        result.backToFirst2xxMs !== null &&
        result.backToFirst2xxMs <= TARGET_MS &&
        result.notAppliedButStored === 0 &&
        result.acceptedLost === 0;
      console.log(
        `target (every failure a 503 within ${TARGET_MS} ms, back within ${TARGET_MS} ms, no write lost or ` +
          `applied after a not-applied 503): ${met ? 'met' : 'MISSED'}`,
      );
    }
  } finally {
    await database.drop();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serveChild(startApp);
  else await run();
}
