// Searching the catalogue: one ranked, cursor-paged tool search (the pages' /search, GET /v1/tools, the MCP
// search_tools) and one ranked server search, both on their GIN-indexed vectors, with true totals.
import { type AnyColumn, and, asc, count, desc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ClassificationRow, ServerRow, ToolRow } from '../rows.js';
import { classifications, servers, tools } from '../schema/index.js';
import { currentClassification, currentClassificationLateral } from './classifications.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';
import {
  nameKeySql,
  type SearchTerms,
  searchTermsOf,
  serverNameSql,
  serverSearchVector,
  toolSearchVector,
  tsQueryOf,
} from './search-text.js';

/** Filters of a tool search. */
export interface ToolFilters {
  /** Words, all of which must appear in the name (camelCase, snake and kebab split), title or description. */
  q?: string | undefined;
  risk?: string | undefined;
  category?: string | undefined;
  factor?: string | undefined;
}

/** Filters and paging of a tool search. */
export interface ToolSearch extends ToolFilters {
  limit: number;
  cursor?: string | undefined;
}

/** A found tool: the row, its current classification and its server's title. */
export interface FoundToolRow {
  tool: ToolRow;
  classification: ClassificationRow | null;
  serverTitle: string | null;
}

/** One page of tools and the cursor of the next, if any. */
export interface ToolPage {
  tools: FoundToolRow[];
  nextCursor: string | undefined;
}

const toolVector = toolSearchVector(tools);
const toolNameKey = nameKeySql(tools.name);

/** The match tier of a tool: 0 exact name, 1 name prefix, 2 words in the name or title, 3 words in the description. */
function toolTierSql(terms: SearchTerms): SQL<number> {
  return sql<number>`(case when ${toolNameKey} = ${terms.key} then 0 when ${toolNameKey} like ${`${terms.key}%`} then 1 when ${toolVector} @@ to_tsquery('simple', ${tsQueryOf(terms.words, 'AB')}) then 2 else 3 end)`;
}

/** The conditions every tool search applies on tools, except the cursor; undefined when the text has no words. */
function toolConditions(terms: SearchTerms | undefined): SQL[] | undefined {
  const conditions: SQL[] = [isNull(tools.removedAt)];
  if (terms) {
    if (terms.words.length === 0) return undefined;
    conditions.push(sql`${toolVector} @@ to_tsquery('simple', ${tsQueryOf(terms.words)})`);
  }
  return conditions;
}

/** The conditions on the current classification (`columns`: the plain table or the lateral `current`). */
function classificationConditions(
  filters: ToolFilters,
  columns: { risk: AnyColumn; category: AnyColumn; factors: AnyColumn },
): SQL[] {
  const conditions: SQL[] = [];
  if (filters.risk) conditions.push(sql`${columns.risk} = ${filters.risk}`);
  if (filters.category) conditions.push(sql`${columns.category} = ${filters.category}`);
  if (filters.factor) conditions.push(sql`${columns.factors} @> ${JSON.stringify([filters.factor])}::jsonb`);
  return conditions;
}

function termsOf(q: string | undefined): SearchTerms | undefined {
  return q === undefined || q.trim() === '' ? undefined : searchTermsOf(q);
}

function isFiltered(filters: ToolFilters): boolean {
  return Boolean(filters.risk || filters.category || filters.factor);
}

/**
 * Current tools matching the search, `limit` at a time after the cursor. With words: exact names first, then name
 * prefixes, then words in the name or title, then in the description, each tier by name. Without words: in
 * catalogue (id) order. The page's ids are chosen from tools alone (the GIN index's matches sorted, or the primary
 * key walked, probing the current classification per tool only when a filter needs it); only the page's rows are then
 * joined to their classification and server.
 */
export async function searchTools(db: Database, search: ToolSearch): Promise<ToolPage> {
  const terms = termsOf(search.q);
  const conditions = toolConditions(terms);
  if (!conditions) return { tools: [], nextCursor: undefined };
  const tier = terms ? toolTierSql(terms) : sql<number>`0`;
  if (terms) {
    const decoded = decodeCursor(search.cursor, 3);
    if (decoded) {
      const [tierText = '', name = '', idText = ''] = decoded;
      const [tierPart, idPart] = [numberOf(tierText), numberOf(idText)];
      conditions.push(
        sql`(${tier} > ${tierPart} or (${tier} = ${tierPart} and (${tools.name} > ${name} or (${tools.name} = ${name} and ${tools.id} > ${idPart}))))`,
      );
    }
  } else {
    const after = decodeCursor(search.cursor, 1)?.[0];
    if (after !== undefined) conditions.push(gt(tools.id, numberOf(after)));
  }
  const order = terms ? [asc(tier), asc(tools.name), asc(tools.id)] : [asc(tools.id)];
  const chosen = db.select({ id: tools.id, tier: sql<number>`${tier}`.as('tier') }).from(tools);
  let pageIds: { id: number; tier: number }[];
  if (isFiltered(search)) {
    const current = currentClassificationLateral(db);
    pageIds = await chosen
      .innerJoinLateral(current, sql`true`)
      .where(and(...conditions, ...classificationConditions(search, current)))
      .orderBy(...order)
      .limit(search.limit + 1);
  } else {
    pageIds = await chosen
      .where(and(...conditions))
      .orderBy(...order)
      .limit(search.limit + 1);
  }
  const ids = pageIds.slice(0, search.limit);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ tool: tools, classification: classifications, serverTitle: servers.title })
          .from(tools)
          .innerJoin(servers, eq(servers.id, tools.serverId))
          .leftJoin(classifications, currentClassification())
          .where(
            inArray(
              tools.id,
              ids.map((row) => row.id),
            ),
          );
  const byId = new Map(rows.map((row) => [row.tool.id, row]));
  const page = ids.flatMap((row) => {
    const found = byId.get(row.id);
    return found ? [found] : [];
  });
  const last = page.at(-1);
  const lastTier = ids.at(-1)?.tier ?? 0;
  const nextKey =
    last === undefined
      ? undefined
      : terms
        ? [String(lastTier), last.tool.name, String(last.tool.id)]
        : [String(last.tool.id)];
  return {
    tools: page,
    nextCursor: pageIds.length > search.limit && nextKey ? encodeCursor(nextKey) : undefined,
  };
}

/** How many current tools match the filters (the true total of a search, without paging). */
export async function countTools(db: Database, filters: ToolFilters): Promise<number> {
  const conditions = toolConditions(termsOf(filters.q));
  if (!conditions) return 0;
  const base = db.select({ n: count() }).from(tools);
  const joined = isFiltered(filters) ? base.innerJoin(classifications, currentClassification()) : base;
  const [row] = await joined.where(and(...conditions, ...classificationConditions(filters, classifications)));
  return Number(row?.n ?? 0);
}

function numberOf(part: string): number {
  const value = Number(part);
  return Number.isSafeInteger(value) ? value : rejectCursor();
}

/** Filters of a server search. */
export interface ServerFilters {
  /** Words matched against the server's name, title, packages and description. */
  q: string;
  risk?: string | undefined;
  /** Servers with at least one current tool of this category. */
  category?: string | undefined;
}

/** One page of found servers and the cursor of the next, if any. */
export interface FoundServerPage {
  servers: ServerRow[];
  nextCursor: string | undefined;
}

const serverVector = serverSearchVector(servers);
const serverNameKey = nameKeySql(serverNameSql(servers));
const serverTitleKey = nameKeySql(sql`coalesce(${servers.title}, '')`);

/**
 * The match tier of a server: 0 its name or title is the words, 1 starts with them, 2 the words are in its name,
 * title or packages, 3 only in its description. A search for `github` so ranks the servers called GitHub first.
 */
function serverTierSql(terms: SearchTerms): SQL<number> {
  const prefix = `${terms.key}%`;
  return sql<number>`(case when ${serverNameKey} = ${terms.key} or ${serverTitleKey} = ${terms.key} then 0 when ${serverNameKey} like ${prefix} or ${serverTitleKey} like ${prefix} then 1 when ${serverVector} @@ to_tsquery('simple', ${tsQueryOf(terms.words, 'AB')}) then 2 else 3 end)`;
}

/** The server matches every word of the text (nothing matches a text without words). */
export function serverTextConditions(q: string): SQL[] {
  const terms = searchTermsOf(q);
  return terms.words.length === 0
    ? [sql`false`]
    : [sql`${serverVector} @@ to_tsquery('simple', ${tsQueryOf(terms.words)})`];
}

function serverConditions(filters: ServerFilters, terms: SearchTerms): SQL[] {
  const conditions: SQL[] = [sql`${serverVector} @@ to_tsquery('simple', ${tsQueryOf(terms.words)})`];
  if (filters.risk) conditions.push(eq(servers.highestRisk, filters.risk));
  if (filters.category) conditions.push(hasToolOfCategory(filters.category));
  return conditions;
}

/** The server has a current tool of the category (by the current classifier). */
export function hasToolOfCategory(category: string): SQL {
  return sql`exists (select 1 from ${tools} inner join ${classifications} on ${currentClassification()} where ${tools.serverId} = ${servers.id} and ${tools.removedAt} is null and ${classifications.category} = ${category})`;
}

/**
 * Servers whose name, title, packages or description hold every word, best match first (see serverTierSql), then
 * the servers with the most tools (an introspected server before a registry entry), `limit` at a time.
 */
export async function searchServers(
  db: Database,
  search: ServerFilters & { limit: number; cursor?: string | undefined },
): Promise<FoundServerPage> {
  const terms = searchTermsOf(search.q);
  if (terms.words.length === 0) return { servers: [], nextCursor: undefined };
  const tier = serverTierSql(terms);
  const conditions = serverConditions(search, terms);
  const decoded = decodeCursor(search.cursor, 3);
  if (decoded) {
    const [tierPart = '', countPart = '', id = ''] = decoded;
    const [t, n] = [numberOf(tierPart), numberOf(countPart)];
    conditions.push(
      sql`(${tier} > ${t} or (${tier} = ${t} and (${servers.toolCount} < ${n} or (${servers.toolCount} = ${n} and ${servers.id} > ${id}))))`,
    );
  }
  const rows = await db
    .select({ server: servers, tier })
    .from(servers)
    .where(and(...conditions))
    .orderBy(asc(tier), desc(servers.toolCount), asc(servers.id))
    .limit(search.limit + 1);
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    servers: page.map((row) => row.server),
    nextCursor:
      rows.length > search.limit && last
        ? encodeCursor([String(last.tier), String(last.server.toolCount), last.server.id])
        : undefined,
  };
}

/** How many servers match the words and risk (the true total of a server search). */
export async function countServers(db: Database, filters: ServerFilters): Promise<number> {
  const terms = searchTermsOf(filters.q);
  if (terms.words.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(servers)
    .where(and(...serverConditions(filters, terms)));
  return Number(row?.n ?? 0);
}
