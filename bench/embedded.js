// Embedded sharing benchmark: `toolrisk serve` on a fresh PGlite directory, then `toolrisk import` of the shipped
// catalogue and BENCH_KEYS (5) `toolrisk keys create` in processes of their own, first with no readers, then while
// autocannon reads the API at 100 connections. Prints the import's seconds (alone, under load, and their ratio), the
// readers' req/s, p99 and failures, how long after the import every server and key was visible (the bound is the
// read cache's TTL), and how many were lost (target: 0). `npm run bench:embedded` (builds first).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { READ_CACHE_TTL_MS } from '@toolrisk/api/testing';
import autocannon from 'autocannon';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPO, 'cli', 'bin', 'toolrisk.js');
const SEED_DIR = join(REPO, 'crawler', 'seed', 'catalogue');
const CONNECTIONS = 100;
const KEYS = Number(process.env.BENCH_KEYS ?? 5);

function childEnv(dataDir) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LOG_LEVEL: 'warn',
    TOOLRISK_DATA_DIR: dataDir,
    TOOLRISK_SEED: 'false',
    TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/** Runs `toolrisk ARGS` to its end. */
function runToolrisk(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `toolrisk serve` on an ephemeral port, resolved once it listens. */
function serve(env) {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /serving on (http:\/\/\S+)/.exec(seen);
      if (match) resolve({ url: match[1].replace('localhost', '127.0.0.1'), child });
    });
    child.once('exit', (code) => reject(new Error(`toolrisk serve exited (${code}): ${seen}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function shippedIds() {
  const names = (await readdir(SEED_DIR)).filter((name) => name.endsWith('.json'));
  const ids = [];
  for (const name of names) ids.push(JSON.parse(await readFile(join(SEED_DIR, name), 'utf8')).server.id);
  return ids;
}

/** Which of the servers and keys the API does not show yet (one probe: the list and every key at once). */
async function missing(url, ids, keys) {
  const [listed, ...statuses] = await Promise.all([
    fetch(`${url}/v1/servers?limit=100`).then((response) => response.json()),
    ...keys.map(async (key, index) => {
      const response = await fetch(`${url}/v1/servers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'package', value: `bench-pkg-${index}` }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  ]);
  const shown = new Set(listed.servers.map((server) => server.id));
  const lost = ids.filter((id) => !shown.has(id));
  statuses.forEach((status, index) => {
    if (status !== 202) lost.push(`key ${index} (${status})`);
  });
  return lost;
}

/** One scenario on a fresh directory: the import and keys, with or without 100 readers. */
async function scenario(ids, withReaders) {
  const root = await mkdtemp(join(tmpdir(), 'toolrisk-bench-embedded-'));
  const env = childEnv(join(root, 'db'));
  const { url, child } = await serve(env);
  let next = 0;
  // The probe's own list is among what the readers read, so it goes through the read cache as theirs do.
  const paths = ['/v1/servers?limit=100', '/v1/servers?limit=20', '/v1/servers?q=file&limit=10'];
  const load = withReaders
    ? autocannon({
        url,
        connections: CONNECTIONS,
        duration: 3600,
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      })
    : null;
  const loaded = load ? new Promise((resolve) => load.once('done', resolve)) : null;
  try {
    const started = performance.now();
    const [imported, ...keyRuns] = await Promise.all([
      runToolrisk(['import', SEED_DIR], env),
      ...Array.from({ length: KEYS }, (_, index) =>
        runToolrisk(['keys', 'create', '--name', `k${index}`], env),
      ),
    ]);
    const importSeconds = (performance.now() - started) / 1000;
    if (imported.code !== 0) throw new Error(`import failed (${imported.code}): ${imported.stderr}`);
    const keys = keyRuns.map((run) => run.stdout.trim());
    const done = performance.now();
    // Probe until everything shows, up to three times the bound; what never shows is lost. Staleness is counted to
    // the start of the first probe that saw everything (its answers were made after that), so the probe's own
    // queueing behind 100 readers is reported apart (probeMs), not added to it.
    let probeStarted = performance.now();
    let lost = await missing(url, ids, keys);
    let probeMs = performance.now() - probeStarted;
    while (lost.length > 0 && performance.now() - done < 3 * READ_CACHE_TTL_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      probeStarted = performance.now();
      lost = await missing(url, ids, keys);
      probeMs = performance.now() - probeStarted;
    }
    const visibleAfterMs = Math.max(0, Math.round(probeStarted - done));
    load?.stop();
    const result = loaded ? await loaded : null;
    return { importSeconds, visibleAfterMs, probeMs: Math.round(probeMs), lost, result };
  } finally {
    await stop(child);
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs both scenarios and prints their figures. */
export async function run() {
  const ids = await shippedIds();
  const alone = await scenario(ids, false);
  const loaded = await scenario(ids, true);
  const reads = loaded.result;
  console.log(
    `import of ${ids.length} servers + ${KEYS} keys, no readers: ${alone.importSeconds.toFixed(1)} s; ` +
      `all visible ${alone.visibleAfterMs} ms after (probe ${alone.probeMs} ms); lost ${alone.lost.length}`,
  );
  console.log(
    `import of ${ids.length} servers + ${KEYS} keys, ${CONNECTIONS} readers: ${loaded.importSeconds.toFixed(1)} s ` +
      `(${(loaded.importSeconds / alone.importSeconds).toFixed(2)}x alone); all visible ${loaded.visibleAfterMs} ms ` +
      `after, probe ${loaded.probeMs} ms (bound ${READ_CACHE_TTL_MS} ms: ${loaded.visibleAfterMs <= READ_CACHE_TTL_MS ? 'met' : 'MISSED'}); ` +
      `lost ${loaded.lost.length}${loaded.lost.length > 0 ? ` (${loaded.lost.join(', ')})` : ''}`,
  );
  if (reads) {
    console.log(
      `readers meanwhile: ${Math.round(reads.requests.average)} req/s, p50 ${reads.latency.p50} ms, ` +
        `p99 ${reads.latency.p99} ms, ${reads.requests.total} requests, ${reads.non2xx} non-2xx, ` +
        `${reads.errors} errors, ${reads.timeouts} timeouts`,
    );
  }
  if (alone.lost.length + loaded.lost.length > 0 || (reads && reads.non2xx + reads.errors > 0)) {
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
