// Guarantee: the committed migrations build the same schema on PGlite and PostgreSQL, and re-running them is a no-op.
import { servers } from '@toolrisk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId, openTestDb, rowsOf, type TestDb } from '../harness/db.js';

const EXPECTED_TABLES = [
  'api_key_grants',
  'api_keys',
  'classifications',
  'crawl_errors',
  'crawl_jobs',
  'crawl_runs',
  'llm_opinions',
  'server_packages',
  'server_sources',
  'server_submissions',
  'server_versions',
  'servers',
  'tool_versions',
  'tools',
];

describe.each(ENGINES)('migrations on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('creates every table of the schema', async () => {
    const result: unknown = await db.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = rowsOf(result).map((row) => row.table_name);
    expect(names).toEqual(EXPECTED_TABLES);
  });

  it('applies again without error and keeps the data', async () => {
    const id = freshId('server');
    await db.db.insert(servers).values({ id, title: 'kept' });
    await db.migrate();
    const [row] = await db.db.select().from(servers).where(sql`${servers.id} = ${id}`);
    expect(row?.title).toBe('kept');
  });

  it('answers ping', async () => {
    expect(await db.ping()).toBe(true);
  });
});
