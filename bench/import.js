// Catalogue store rates: an import of the shipped catalogue (classified and stored, tools/s; target ≥ 5,000) on an
// in-memory PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is an admin URL to create a scratch database with.
// Wall and CPU seconds are both printed: on a shared machine the CPU figure is the steadier one.
// Run with `npm run bench:import` (builds first).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { importCatalogue } from '@toolrisk/crawler/testing';
import { createDb } from '@toolrisk/db';
import postgres from 'postgres';

const TOOLS_TARGET = 5_000;

function cpuSeconds(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Imports the shipped catalogue into a fresh migrated database and prints the rate. */
async function benchImport(label, handle) {
  await handle.migrate();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = await importCatalogue(handle.db);
  const seconds = (performance.now() - start) / 1000;
  const tools = report.counts.toolsNew;
  const rate = tools / seconds;
  console.log(
    `import of the shipped catalogue (${label}): ${report.counts.serversNew} servers, ${tools} tools, ` +
      `${report.refusals.length} refused, in ${seconds.toFixed(2)} s wall / ${cpuSeconds(cpu).toFixed(2)} s CPU ` +
      `= ${rate.toFixed(0)} tools/s (target ≥ ${TOOLS_TARGET}${rate >= TOOLS_TARGET ? ', met' : ', NOT met'}), ` +
      `load average ${loadavg()[0].toFixed(1)}`,
  );
  return { engine: label, tools, seconds, toolsPerSecond: rate };
}

async function onPostgres(adminUrl) {
  const name = `toolrisk_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 2 });
  try {
    return await benchImport('PostgreSQL', handle);
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs the import bench on PGlite, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export async function run(env = process.env) {
  const results = [];
  const handle = await createDb({ dataDir: 'memory://' });
  try {
    results.push(await benchImport('PGlite in memory', handle));
  } finally {
    await handle.close();
  }
  const adminUrl = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
  if (adminUrl) results.push(await onPostgres(adminUrl));
  return results;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
