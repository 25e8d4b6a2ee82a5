// Reading the catalogue: servers, their tools with current classifications, and definition history.
import { riskRank as riskRankOfLevel } from '@toolrisk/classifier';
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ClassificationRow, ServerRow, ToolRow } from '../rows.js';
import { classifications, servers, tools, toolVersions } from '../schema/index.js';
import { currentClassification } from './classifications.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';
import { riskRankSql } from './risk-order.js';
import { countServers, hasToolOfCategory, searchServers, serverTextConditions } from './search.js';

/** One page of servers and the cursor of the next, if any. */
export interface ServerPage {
  servers: ServerRow[];
  nextCursor: string | undefined;
}

/** How server listings can be ordered; every order ends with the id so pages never overlap. */
export const SERVER_SORTS = ['name', 'tools', 'risk', 'recent'] as const;
/** One server listing order. */
export type ServerSort = (typeof SERVER_SORTS)[number];

/** Filters and paging of a server listing. */
export interface ServerListing {
  limit: number;
  cursor?: string | undefined;
  /** Words matched against the server's name, title, packages and description (see searchServers). */
  q?: string | undefined;
  risk?: string | undefined;
  /** Servers with at least one current tool of this category. */
  category?: string | undefined;
  /** The order; with words and no order, best match first. */
  sort?: ServerSort | undefined;
}

const riskRank = riskRankSql(servers.highestRisk);

/** The sort keys of each order (descending except the id) and how a cursor reads back; `risk` is servers_risk_order_idx. */
const SORT_KEYS: Record<
  ServerSort,
  { keys: SQL[]; read: (row: ServerRow) => string[]; parse: (parts: string[]) => unknown[] }
> = {
  name: { keys: [], read: () => [], parse: () => [] },
  tools: {
    keys: [sql`${servers.toolCount}`],
    read: (row) => [String(row.toolCount)],
    parse: (parts) => parts.map(numberOf),
  },
  risk: {
    keys: [riskRank, sql`${servers.toolCount}`],
    read: (row) => [String(riskRankOf(row.highestRisk)), String(row.toolCount)],
    parse: (parts) => parts.map(numberOf),
  },
  recent: {
    keys: [sql`${servers.lastSeenAt}`],
    read: (row) => [row.lastSeenAt.toISOString()],
    parse: (parts) => parts.map((part) => new Date(part)),
  },
};

function riskRankOf(risk: string | null): number {
  return riskRankOfLevel(risk) + 1;
}

function numberOf(part: string): number {
  const value = Number(part);
  return Number.isSafeInteger(value) ? value : rejectCursor();
}

/** Keys strictly after the cursor's in (keys descending, id ascending) order. */
function afterKeys(keys: SQL[], values: unknown[], id: string): SQL {
  let condition = sql`${servers.id} > ${id}`;
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index];
    const value = values[index];
    condition = sql`(${key} < ${value} or (${key} = ${value} and ${condition}))`;
  }
  return condition;
}

/** Lists servers matching the filters, `limit` at a time, after the cursor. */
export async function listServers(db: Database, options: ServerListing): Promise<ServerPage> {
  if (options.q !== undefined && options.q.trim() !== '' && options.sort === undefined) {
    return searchServers(db, { ...options, q: options.q });
  }
  const sort = options.sort ?? 'name';
  const order = SORT_KEYS[sort];
  const decoded = decodeCursor(options.cursor, order.keys.length + 1);
  const filters: (SQL | undefined)[] = [];
  if (decoded) {
    const id = decoded.at(-1) ?? '';
    filters.push(afterKeys(order.keys, order.parse(decoded.slice(0, -1)), id));
  }
  if (options.q !== undefined && options.q.trim() !== '') filters.push(...serverTextConditions(options.q));
  if (options.risk) filters.push(eq(servers.highestRisk, options.risk));
  if (options.category) filters.push(hasToolOfCategory(options.category));
  const rows = await db
    .select()
    .from(servers)
    .where(and(...filters))
    .orderBy(...order.keys.map((key) => desc(key)), asc(servers.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    servers: page,
    nextCursor:
      rows.length > options.limit && last ? encodeCursor([...order.read(last), last.id]) : undefined,
  };
}

/** How many servers a listing holds (its true total, without paging). */
export async function countListedServers(
  db: Database,
  options: Omit<ServerListing, 'limit' | 'cursor' | 'sort'>,
): Promise<number> {
  if (options.q !== undefined && options.q.trim() !== '')
    return countServers(db, { ...options, q: options.q });
  const filters: (SQL | undefined)[] = [];
  if (options.risk) filters.push(eq(servers.highestRisk, options.risk));
  if (options.category) filters.push(hasToolOfCategory(options.category));
  const [row] = await db
    .select({ n: count() })
    .from(servers)
    .where(and(...filters));
  return Number(row?.n ?? 0);
}

/** The stored servers among these ids, in one query (unknown ids are left out). */
export async function getServers(db: Database, ids: readonly string[]): Promise<ServerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(servers)
    .where(inArray(servers.id, [...ids]));
}

/** One server by id, or undefined. */
export async function getServer(db: Database, id: string): Promise<ServerRow | undefined> {
  const [row] = await readsOf(db).server.execute({ id });
  return row;
}

/** A tool with its classification by the current classifier (null until classified). */
export interface ClassifiedToolRow {
  tool: ToolRow;
  classification: ClassificationRow | null;
}

/** A server's current tools (removed ones excluded), by name. */
export async function listServerTools(db: Database, serverId: string): Promise<ClassifiedToolRow[]> {
  return readsOf(db).serverTools.execute({ serverId });
}

/** One page of a server's current tools by name, and the cursor of the next, if any. */
export interface ClassifiedToolPage {
  tools: ClassifiedToolRow[];
  nextCursor: string | undefined;
}

/** A server's current tools by name, `limit` at a time after the cursor (tools_server_name_key serves the order). */
export async function listServerToolsPage(
  db: Database,
  serverId: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<ClassifiedToolPage> {
  const [after] = decodeCursor(options.cursor, 1) ?? [];
  // The first page, which nearly every reader asks for, is a prepared statement; later pages are built as asked.
  const rows =
    after === undefined
      ? await readsOf(db).serverToolsFirstPage.execute({ serverId, limit: options.limit + 1 })
      : await laterServerToolsPage(db, serverId, after, options.limit);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    tools: page,
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.tool.name]) : undefined,
  };
}

function laterServerToolsPage(
  db: Database,
  serverId: string,
  after: string,
  limit: number,
): Promise<ClassifiedToolRow[]> {
  return db
    .select({ tool: tools, classification: classifications })
    .from(tools)
    .leftJoin(classifications, currentClassification())
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt), sql`${tools.name} > ${after}`))
    .orderBy(asc(tools.name))
    .limit(limit + 1);
}

/** One definition a tool had, as the history lists it. */
export interface ToolVersionEntry {
  definitionHash: string;
  definition: Record<string, unknown>;
  seenAt: Date;
}

/** A tool (without its raw definition, which the history holds) with its classification and history, newest first. */
export interface ToolWithHistory {
  tool: Omit<ToolRow, 'definition'>;
  classification: ClassificationRow | null;
  history: ToolVersionEntry[];
}

// Every tool column but the raw definition: the tool JSON shows it only in the history, so it is read once.
const { definition: _definition, ...toolColumnsButDefinition } = getTableColumns(tools);

// The history as one JSON column of the tool's row, so a tool and its history are one round trip.
const historyJson = sql<unknown>`coalesce((
  select json_agg(json_build_object('definitionHash', v.definition_hash, 'definition', v.definition, 'seenAt', v.seen_at)
    order by v.seen_at desc, v.id desc)
  from ${toolVersions} v where v.tool_id = ${tools.id}), '[]'::json)`;

/**
 * The hot reads as prepared statements, one set per database handle: PostgreSQL plans each once per connection
 * instead of on every request, and drizzle builds the SQL text once (together about 3x faster than unprepared).
 */
function prepareReads(db: Database) {
  const byName = and(
    eq(tools.serverId, sql.placeholder('serverId')),
    eq(tools.name, sql.placeholder('name')),
  );
  const currentOfServer = and(eq(tools.serverId, sql.placeholder('serverId')), isNull(tools.removedAt));
  return {
    server: db
      .select()
      .from(servers)
      .where(eq(servers.id, sql.placeholder('id')))
      .prepare('toolrisk_server'),
    serverTools: db
      .select({ tool: tools, classification: classifications })
      .from(tools)
      .leftJoin(classifications, currentClassification())
      .where(currentOfServer)
      .orderBy(asc(tools.name))
      .prepare('toolrisk_server_tools'),
    serverToolsFirstPage: db
      .select({ tool: tools, classification: classifications })
      .from(tools)
      .leftJoin(classifications, currentClassification())
      .where(currentOfServer)
      .orderBy(asc(tools.name))
      .limit(sql.placeholder('limit'))
      .prepare('toolrisk_server_tools_first_page'),
    tool: db
      .select({ tool: tools, classification: classifications })
      .from(tools)
      .leftJoin(classifications, currentClassification())
      .where(byName)
      .prepare('toolrisk_tool'),
    serverTool: db
      .select({ server: servers, tool: tools, classification: classifications })
      .from(tools)
      .innerJoin(servers, eq(servers.id, tools.serverId))
      .leftJoin(classifications, currentClassification())
      .where(byName)
      .prepare('toolrisk_server_tool'),
    toolWithHistory: db
      .select({ tool: toolColumnsButDefinition, classification: classifications, history: historyJson })
      .from(tools)
      .leftJoin(classifications, currentClassification())
      .where(byName)
      .prepare('toolrisk_tool_with_history'),
    history: db
      .select({
        definitionHash: toolVersions.definitionHash,
        definition: toolVersions.definition,
        seenAt: toolVersions.seenAt,
      })
      .from(toolVersions)
      .where(eq(toolVersions.toolId, sql.placeholder('toolId')))
      .orderBy(desc(toolVersions.seenAt), desc(toolVersions.id))
      .prepare('toolrisk_tool_history'),
  };
}

const preparedReads = new WeakMap<Database, ReturnType<typeof prepareReads>>();

function readsOf(db: Database): ReturnType<typeof prepareReads> {
  let reads = preparedReads.get(db);
  if (!reads) {
    reads = prepareReads(db);
    preparedReads.set(db, reads);
  }
  return reads;
}

/** One tool of a server by name (also when removed), or undefined. */
export async function getTool(
  db: Database,
  serverId: string,
  name: string,
): Promise<ClassifiedToolRow | undefined> {
  const [row] = await readsOf(db).tool.execute({ serverId, name });
  return row;
}

/** A tool of a server by server id and tool name (also when removed) with its server row, in one round trip. */
export async function getServerTool(
  db: Database,
  serverId: string,
  name: string,
): Promise<(ClassifiedToolRow & { server: ServerRow }) | undefined> {
  const [row] = await readsOf(db).serverTool.execute({ serverId, name });
  return row;
}

/** One tool of a server by name (also when removed) with its history, in one round trip; or undefined. */
export async function getToolWithHistory(
  db: Database,
  serverId: string,
  name: string,
): Promise<ToolWithHistory | undefined> {
  const [row] = await readsOf(db).toolWithHistory.execute({ serverId, name });
  if (!row) return undefined;
  return { tool: row.tool, classification: row.classification, history: historyOf(row.history) };
}

/** Reads the JSON history column back; timestamps arrive as ISO text inside JSON. */
function historyOf(value: unknown): ToolVersionEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!isRecord(item) || !isRecord(item.definition)) return [];
    const { definitionHash, seenAt } = item;
    if (typeof definitionHash !== 'string' || typeof seenAt !== 'string') return [];
    return [{ definitionHash, definition: item.definition, seenAt: new Date(seenAt) }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every definition a tool had, newest first. */
export async function getToolHistory(db: Database, toolId: number): Promise<ToolVersionEntry[]> {
  return readsOf(db).history.execute({ toolId });
}
