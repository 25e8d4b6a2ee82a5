// Sandboxed package introspection of real npm packages from the registry snapshot: share introspected, servers
// per minute with 1, 2 and 4 sandboxes at once, peak RSS per sandbox, failures by code. Needs bubblewrap and the
// npm registry (the one network this bench uses; tests never do). Part of `npm run bench:crawl`; alone:
// `node bench/crawl-sandbox.js [COUNT]` after a build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { introspectPackages, packageTargetFromRegistry } from '@toolrisk/crawler/testing';

const SNAPSHOT = fileURLToPath(new URL('../tests/fixtures/data/registry-servers.json', import.meta.url));
// Kept between runs: the timed passes measure introspection, the first pass also pays the installs.
const CACHE_DIR = join(tmpdir(), 'toolrisk-bench-packages');
// This machine's npm registry lacks many of the snapshot's pinned versions: candidates are tried in order
// until this many installed (at most MAX_CANDIDATES tried), and the timed passes run over those.
const DEFAULT_COUNT = 32;
const MAX_CANDIDATES = 400;

/**
 * The packages: each npm-over-stdio entry of a latest, active server, one per identifier, ordered by the
 * SHA-256 of "identifier@version" (deterministic, and independent of the snapshot's order), first COUNT.
 */
export function pickTargets(count) {
  const items = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  const byIdentifier = new Map();
  for (const item of items) {
    const server = item.server ?? item;
    const meta = item._meta?.['io.modelcontextprotocol.registry/official'] ?? {};
    if (meta.isLatest !== true || (meta.status ?? 'active') !== 'active') continue;
    for (const entry of server.packages ?? []) {
      const target = packageTargetFromRegistry(entry, server.version);
      if ('code' in target) continue;
      const key = `${target.spec.name}@${target.spec.version}`;
      if (!byIdentifier.has(target.spec.name))
        byIdentifier.set(target.spec.name, { key, server: server.name, target });
    }
  }
  const hash = (text) => createHash('sha256').update(text).digest('hex');
  return [...byIdentifier.values()].sort((a, b) => hash(a.key).localeCompare(hash(b.key))).slice(0, count);
}

const options = (concurrency) => ({
  concurrency,
  sandbox: { cacheDir: CACHE_DIR },
  // A server that waits for a real account or a browser gets 20 s in all, not the crawler's 60.
  introspect: { connectTimeoutMs: 15_000, requestTimeoutMs: 15_000, totalTimeoutMs: 20_000 },
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0);
}

function failuresByCode(results) {
  const byCode = {};
  for (const result of results) if (!result.ok) byCode[result.code] = (byCode[result.code] ?? 0) + 1;
  return byCode;
}

function summarise(label, results, seconds) {
  const ok = results.filter((result) => result.ok);
  const byCode = failuresByCode(results);
  const rss = results.map((result) => result.sandbox.peakRssBytes).filter((bytes) => bytes !== null);
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
  const tools = ok.reduce((sum, result) => sum + result.tools.length, 0);
  console.log(
    `${label}: ${results.length} packages in ${seconds.toFixed(1)} s = ${((results.length / seconds) * 60).toFixed(1)} servers/min; ` +
      `introspected ${ok.length}/${results.length} (${((ok.length / results.length) * 100).toFixed(0)}%), ${tools} tools; ` +
      `peak RSS per sandbox median ${mb(median(rss))} MB, max ${mb(Math.max(0, ...rss))} MB; ` +
      `failures ${JSON.stringify(byCode)}`,
  );
  return { seconds, perMinute: (results.length / seconds) * 60, ok: ok.length, byCode };
}

async function pass(label, targets, concurrency) {
  const start = performance.now();
  const results = await introspectPackages(
    targets.map((picked) => picked.target),
    options(concurrency),
  );
  return { results, figures: summarise(label, results, (performance.now() - start) / 1000) };
}

// Cold: candidates in order, 8 at a time (4 sandboxes), until `count` of them installed.
async function coldPass(count) {
  const candidates = pickTargets(MAX_CANDIDATES);
  const tried = [];
  const results = [];
  const start = performance.now();
  const installedCount = () => results.filter((result) => result.sandbox.package).length;
  while (tried.length < candidates.length && installedCount() < count) {
    const batch = candidates.slice(tried.length, tried.length + 8);
    tried.push(...batch);
    results.push(
      ...(await introspectPackages(
        batch.map((picked) => picked.target),
        options(4),
      )),
    );
    if (results.every((result) => !result.ok && result.code === 'SANDBOX_UNAVAILABLE')) break;
  }
  return { tried, results, seconds: (performance.now() - start) / 1000 };
}

/** The cold pass (installs) at 4 sandboxes, then timed warm passes at 1, 2 and 4 over the installed packages. */
export async function run(count = DEFAULT_COUNT) {
  console.log(`sandbox: npm packages from the registry snapshot (SHA-256 order), cache ${CACHE_DIR}`);
  const cold = await coldPass(count);
  if (cold.results.every((result) => !result.ok && result.code === 'SANDBOX_UNAVAILABLE')) {
    console.log('sandbox bench did not run: bubblewrap is unavailable here');
    return {};
  }
  const installed = cold.tried.filter((_, index) => cold.results[index]?.sandbox.package);
  const installedOk = cold.results.filter((result) => result.sandbox.package && result.ok).length;
  const percent = (part, whole) => `${((part / whole) * 100).toFixed(0)}%`;
  console.log(
    `cold (npm install + introspect, 4 sandboxes): ${cold.tried.length} candidates in ${cold.seconds.toFixed(1)} s; ` +
      `${installed.length} installed from this registry (${percent(installed.length, cold.tried.length)}), ` +
      `introspected ${installedOk}/${installed.length} of those (${percent(installedOk, installed.length)}); ` +
      `failures ${JSON.stringify(failuresByCode(cold.results))}`,
  );
  const warm = [];
  for (const concurrency of [1, 2, 4]) {
    const { figures } = await pass(`warm, ${concurrency} sandbox(es)`, installed, concurrency);
    warm.push({ concurrency, ...figures });
  }
  for (const [index, result] of cold.results.entries()) {
    if (!result.sandbox.package) continue;
    const picked = cold.tried[index];
    const what = result.ok
      ? `${result.tools.length} tools`
      : `${result.code}: ${result.message.slice(0, 110)}`;
    console.log(`  ${picked?.key ?? '?'} (${picked?.server ?? '?'}): ${what}`.replaceAll('\n', ' '));
  }
  return { tried: cold.tried.length, installed: installed.length, warm };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? DEFAULT_COUNT);
  await run(Number.isInteger(count) && count > 0 ? count : DEFAULT_COUNT);
}
