// Searching tools across the catalogue (full text on the GIN-indexed expression) and counting the catalogue.

import { and, asc, count, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { classifications, servers, tools } from '../schema/index.js';
import { currentClassification } from './classifications.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';
import type { ClassifiedToolRow } from './servers.js';

/** Filters and paging of a tool search. */
export interface ToolSearch {
  limit: number;
  cursor?: string | undefined;
  /** Words, all of which must appear in the name, title or description. */
  q?: string | undefined;
  risk?: string | undefined;
  category?: string | undefined;
  factor?: string | undefined;
}

/** One page of tools and the cursor of the next, if any. */
export interface ToolPage {
  tools: ClassifiedToolRow[];
  nextCursor: string | undefined;
}

// Exactly the expression of tools_search_idx (db/src/schema/tools.ts), so the planner can use the GIN index.
const searchVector = sql`to_tsvector('simple', coalesce(${tools.name}, '') || ' ' || coalesce(${tools.title}, '') || ' ' || coalesce(${tools.description}, ''))`;

/** Current tools matching the search, in id order, `limit` at a time after the cursor. */
export async function searchTools(db: Database, search: ToolSearch): Promise<ToolPage> {
  const after = decodeCursor(search.cursor, 1)?.[0];
  const filters: (SQL | undefined)[] = [isNull(tools.removedAt)];
  if (after !== undefined) {
    const id = Number(after);
    filters.push(gt(tools.id, Number.isSafeInteger(id) ? id : rejectCursor()));
  }
  if (search.q) filters.push(sql`${searchVector} @@ plainto_tsquery('simple', ${search.q})`);
  if (search.risk) filters.push(eq(classifications.risk, search.risk));
  if (search.category) filters.push(eq(classifications.category, search.category));
  if (search.factor)
    filters.push(sql`${classifications.factors} @> ${JSON.stringify([search.factor])}::jsonb`);
  const filtered = search.risk || search.category || search.factor;
  const base = db.select({ tool: tools, classification: classifications }).from(tools);
  const joined = filtered
    ? base.innerJoin(classifications, currentClassification())
    : base.leftJoin(classifications, currentClassification());
  const rows = await joined
    .where(and(...filters))
    .orderBy(asc(tools.id))
    .limit(search.limit + 1);
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    tools: page,
    nextCursor: rows.length > search.limit && last ? encodeCursor([String(last.tool.id)]) : undefined,
  };
}

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
