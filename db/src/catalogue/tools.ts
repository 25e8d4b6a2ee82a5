// Counting the catalogue: servers, current tools, and current classifications per category, risk and factor.
import { count, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { classifications, servers, tools } from '../schema/index.js';
import { currentClassification } from './classifications.js';

/** Counts over the whole catalogue. */
export interface CatalogueStats {
  servers: number;
  tools: number;
  byCategory: Record<string, number>;
  byRisk: Record<string, number>;
  byFactor: Record<string, number>;
}

/** Counts servers, current tools, and current classifications per category, risk and factor. */
export async function catalogueStats(db: Database): Promise<CatalogueStats> {
  const [serverCount] = await db.select({ n: count() }).from(servers);
  const [toolCount] = await db.select({ n: count() }).from(tools).where(isNull(tools.removedAt));
  const classified = isNull(tools.removedAt);
  const byCategory = await db
    .select({ key: classifications.category, n: count() })
    .from(tools)
    .innerJoin(classifications, currentClassification())
    .where(classified)
    .groupBy(classifications.category);
  const byRisk = await db
    .select({ key: classifications.risk, n: count() })
    .from(tools)
    .innerJoin(classifications, currentClassification())
    .where(classified)
    .groupBy(classifications.risk);
  const factor = sql<string>`jsonb_array_elements_text(${classifications.factors})`;
  const byFactor = await db
    .select({ key: factor, n: count() })
    .from(tools)
    .innerJoin(classifications, currentClassification())
    .where(classified)
    .groupBy(factor);
  const record = (rows: { key: string; n: number }[]) =>
    Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  return {
    servers: Number(serverCount?.n ?? 0),
    tools: Number(toolCount?.n ?? 0),
    byCategory: record(byCategory),
    byRisk: record(byRisk),
    byFactor: record(byFactor),
  };
}

/** Cheap counts for metrics gauges: servers and current tools. */
export async function catalogueSize(db: Database): Promise<{ servers: number; tools: number }> {
  const [serverCount] = await db.select({ n: count() }).from(servers);
  const [toolCount] = await db.select({ n: count() }).from(tools).where(isNull(tools.removedAt));
  return { servers: Number(serverCount?.n ?? 0), tools: Number(toolCount?.n ?? 0) };
}
