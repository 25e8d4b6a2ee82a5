// The generated catalogue the HTTP benchmarks read: @toolrisk/db/testing's generateCatalogue on a fresh (or, with
// reuse, a kept) PostgreSQL database or an in-memory PGlite, and a repeatable sample of its servers and tools.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Tools per generated server. */
export const TOOLS_PER_SERVER = 40;
/** Every tenth generated server is a registry entry without tools, as in the real catalogue. */
export const REGISTRY_ONLY_EVERY = 10;

/** Servers to generate so that those with tools hold `tools` tools. */
export function serverCount(tools) {
  const withTools = Math.ceil(tools / TOOLS_PER_SERVER);
  return Math.ceil((withTools * REGISTRY_ONLY_EVERY) / (REGISTRY_ONLY_EVERY - 1));
}

/** The indexes a bulk load is faster without (maintained row by row): dropped before, rebuilt after. */
const LOAD_INDEXES = [
  'tools_search_idx',
  'tools_changed_at_idx',
  'classifications_risk_idx',
  'tool_versions_tool_idx',
  'tool_versions_seen_at_idx',
  'servers_search_idx',
];

async function generate(db, tools) {
  const { generateCatalogue } = await import('@toolrisk/db/testing');
  await generateCatalogue(db, {
    servers: serverCount(tools),
    toolsPerServer: TOOLS_PER_SERVER,
    registryOnlyEvery: REGISTRY_ONLY_EVERY,
  });
}

/**
 * A PostgreSQL database `<name>_<tools>` (with `reuse`, kept and reused when it already holds the catalogue) or
 * `<name>_<random>` (dropped by `drop()`), migrated and holding a generated catalogue of `tools` tools.
 */
export async function preparePostgres({ adminUrl, name, tools, reuse }) {
  const { createScratchDatabase } = await import('@toolrisk/db/testing');
  const database = await createScratchDatabase(adminUrl, {
    name: reuse ? `${name}_${tools}` : `${name}_${randomBytes(4).toString('hex')}`,
    keep: reuse,
  });
  const { url } = database;
  const { createDb } = await import('@toolrisk/db');
  const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  await handle.migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql`select count(*)::int as n from tools`;
  const started = performance.now();
  if (n < tools) {
    await sql.unsafe('truncate servers cascade');
    const indexes = await sql`select indexname, indexdef from pg_indexes where schemaname = 'public'
      and indexname in ${sql(LOAD_INDEXES)}`;
    for (const index of indexes) await sql.unsafe(`drop index ${index.indexname}`);
    await generate(handle.db, tools);
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    for (const index of indexes) await sql.unsafe(index.indexdef);
    await sql.unsafe('analyze');
  }
  const seconds = (performance.now() - started) / 1000;
  const sample = await sampleOf(handle.db);
  await handle.close();
  await sql.end();
  return {
    url,
    generatedSeconds: n < tools ? seconds : null,
    sample,
    drop: database.drop,
  };
}

/** An in-memory PGlite, migrated and holding a generated catalogue of `tools` tools. */
export async function preparePglite({ tools }) {
  const { createDb } = await import('@toolrisk/db');
  const handle = await createDb({ dataDir: 'memory://' });
  await handle.migrate();
  const started = performance.now();
  await generate(handle.db, tools);
  return {
    handle,
    generatedSeconds: (performance.now() - started) / 1000,
    sample: await sampleOf(handle.db),
  };
}

/** A repeatable sample of servers with tools (up to 2,000, in hash order) and of tools (every 499th by id). */
export async function sampleOf(db) {
  const { sql } = await import('drizzle-orm');
  const rowsOf = (result) => (Array.isArray(result) ? result : result.rows);
  const servers = rowsOf(
    await db.execute(sql`select id from servers where tool_count > 0 order by hashtext(id), id limit 2000`),
  );
  const tools = rowsOf(
    await db.execute(sql`select server_id, name from tools where id % 499 = 0 order by id limit 2000`),
  );
  return { servers: servers.map((row) => row.id), tools: tools.map((row) => [row.server_id, row.name]) };
}
