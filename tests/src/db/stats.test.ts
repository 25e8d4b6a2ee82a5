// Guarantee: the catalogue's counts (GET /v1/stats), read in one pass over verdict shapes, equal the plain count of
// every current tool's current classification per category, risk and factor, on both engines; removed tools and
// verdicts of another classifier version are not counted. A search's total without words, summed from the same
// shapes, equals the search's own count for every risk, category and factor filter and their combinations.
import { CLASSIFIER_VERSION } from '@toolrisk/classifier';
import { catalogueStats, countOfShapes, countTools, verdictShapeCounts } from '@toolrisk/db';
import { generateCatalogue } from '@toolrisk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { ENGINES, openTestDb, rowsOf, type TestDb } from '../harness/db.js';

describe.each(ENGINES)('the catalogue counts on %s', (engine) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(engine);
    await seedSmallCatalogue(testDb.db);
    await generateCatalogue(testDb.db, { servers: 30, toolsPerServer: 7, registryOnlyEvery: 4 });
    // A removed tool, and a tool whose only verdict is by another classifier version: neither is counted.
    await testDb.db.execute(
      sql`update tools set removed_at = now() where id = (select min(id) from tools where removed_at is null)`,
    );
    await testDb.db.execute(sql`update classifications set classifier_version = 'older'
      where id = (select max(id) from classifications where classifier_version = ${CLASSIFIER_VERSION})`);
  });
  afterAll(async () => testDb?.dispose());

  /** The slow reading: one grouped count per tally over the current tools' current classifications. */
  async function countPlainly(group: string): Promise<Record<string, number>> {
    const rows = rowsOf(
      await testDb.db.execute<{ key: string; n: number | string }>(sql`
        select ${sql.raw(group)} as key, count(*) as n from tools t
        join classifications c on c.tool_id = t.id and c.definition_hash = t.definition_hash
          and c.classifier_version = ${CLASSIFIER_VERSION}
        where t.removed_at is null group by 1`),
    );
    return Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  }

  it('equals the plain counts of servers, current tools and their current verdicts', async () => {
    const stats = await catalogueStats(testDb.db);
    const [size] = rowsOf(
      await testDb.db.execute<{
        servers: number | string;
        tools: number | string;
      }>(sql`select (select count(*) from servers) as servers,
        (select count(*) from tools where removed_at is null) as tools`),
    );
    expect(stats.servers).toBe(Number(size?.servers));
    expect(stats.tools).toBe(Number(size?.tools));
    expect(stats.byCategory).toEqual(await countPlainly('c.category'));
    expect(stats.byRisk).toEqual(await countPlainly('c.risk'));
    expect(stats.byFactor).toEqual(await countPlainly('jsonb_array_elements_text(c.factors)'));
    // The world is not trivial: several categories, levels and factors, and some tools not counted.
    expect(Object.keys(stats.byCategory).length).toBeGreaterThan(1);
    expect(Object.keys(stats.byFactor).length).toBeGreaterThan(2);
    const classified = Object.values(stats.byCategory).reduce((sum, n) => sum + n, 0);
    expect(classified).toBeLessThan(stats.tools);
  });

  it('sums a search total without words from the shapes equal to the count of the search itself', async () => {
    const shapes = await verdictShapeCounts(testDb.db);
    const stats = await catalogueStats(testDb.db);
    const filters = [
      ...Object.keys(stats.byRisk).map((risk) => ({ risk })),
      ...Object.keys(stats.byCategory).map((category) => ({ category })),
      ...Object.keys(stats.byFactor).map((factor) => ({ factor })),
      ...Object.keys(stats.byCategory).flatMap((category) =>
        Object.keys(stats.byFactor).map((factor) => ({ category, factor, risk: 'High' })),
      ),
      { risk: 'Critical', category: 'Read' },
    ];
    let nonZero = 0;
    for (const filter of filters) {
      const total = countOfShapes(shapes, filter);
      expect({ filter, total }).toEqual({ filter, total: await countTools(testDb.db, filter) });
      if (total > 0) nonZero += 1;
    }
    expect(nonZero).toBeGreaterThan(5);
  });
});
