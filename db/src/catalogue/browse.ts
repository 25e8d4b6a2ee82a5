// Reads of the browsing pages: recent changes, recently changed servers, a server's tools a page
// at a time with its counts, and a tool's neighbours. Every list is bounded and served by an index.
import { and, asc, count, desc, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ClassificationRow, ServerRow } from '../rows.js';
import { classifications, servers, tools, toolVersions } from '../schema/index.js';
import { currentClassification, currentClassificationLateral } from './classifications.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';
import { rowsOf } from './raw-rows.js';
import { categoryRankSql, riskRankSql } from './risk-order.js';

/** One definition change of a tool, as the pages list it. */
export interface RecentChange {
  serverId: string;
  serverTitle: string | null;
  toolName: string;
  at: Date;
  kind: 'added' | 'changed' | 'removed';
  risk: string | null;
}

/** The most recent definition changes, newest first (tool_versions_seen_at_idx); `serverId` narrows them to one server. */
export async function recentChanges(
  db: Database,
  options: { limit: number; serverId?: string },
): Promise<RecentChange[]> {
  const rows = await db
    .select({
      serverId: tools.serverId,
      serverTitle: servers.title,
      toolName: tools.name,
      seenAt: toolVersions.seenAt,
      firstSeenAt: tools.firstSeenAt,
      removedAt: tools.removedAt,
      risk: classifications.risk,
    })
    .from(toolVersions)
    .innerJoin(tools, eq(tools.id, toolVersions.toolId))
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, currentClassification())
    .where(options.serverId === undefined ? undefined : eq(tools.serverId, options.serverId))
    .orderBy(desc(toolVersions.seenAt), desc(toolVersions.id))
    .limit(options.limit);
  return rows.map((row) => ({
    serverId: row.serverId,
    serverTitle: row.serverTitle,
    toolName: row.toolName,
    at: row.seenAt,
    kind: row.removedAt ? 'removed' : row.seenAt.getTime() <= row.firstSeenAt.getTime() ? 'added' : 'changed',
    risk: row.risk,
  }));
}

/** A server and when one of its current tools last changed. */
export interface ChangedServerRow {
  server: ServerRow;
  changedAt: Date;
}

/** One page of recently changed servers. */
export interface ChangedServerPage {
  servers: ChangedServerRow[];
  nextCursor: string | undefined;
}

/** How many tool changes the recently-changed walk reads per server it wants (bounded, newest first). */
const CHANGES_READ_PER_SERVER = 50;

/**
 * Servers by the latest change of one of their current tools, newest first, `limit` at a time. It walks
 * tools_changed_at_idx newest first (a bounded window, not the whole catalogue) and keeps each server's newest change;
 * a server already listed on an earlier page (it changed after the cursor) is skipped.
 */
export async function recentlyChangedServers(
  db: Database,
  options: { limit: number; cursor?: string | undefined },
): Promise<ChangedServerPage> {
  const decoded = decodeCursor(options.cursor, 2);
  const before = decoded ? dateOf(decoded[0] ?? '') : undefined;
  const beforeId = decoded?.[1] ?? '';
  const window = (options.limit + 1) * CHANGES_READ_PER_SERVER;
  const at = before?.toISOString() ?? null;
  // A server whose newest change is at or before the cursor's position was listed on an earlier page.
  const later = sql`exists (select 1 from ${tools} later where later.server_id = w.server_id and later.removed_at is null and (later.changed_at > ${at}::timestamptz or (later.changed_at = ${at}::timestamptz and w.server_id <= ${beforeId})))`;
  const result = await db.execute<{ server_id: string; changed_at: string | Date }>(sql`
    select w.server_id, max(w.changed_at) as changed_at from (
      select ${tools.serverId} as server_id, ${tools.changedAt} as changed_at from ${tools}
      where ${tools.removedAt} is null
      ${before ? sql`and (${tools.changedAt} < ${at}::timestamptz or (${tools.changedAt} = ${at}::timestamptz and ${tools.serverId} > ${beforeId}))` : sql``}
      order by ${tools.changedAt} desc limit ${window}
    ) w
    ${before ? sql`where not ${later}` : sql``}
    group by w.server_id order by max(w.changed_at) desc, w.server_id asc limit ${options.limit + 1}`);
  const found = rowsOf<{ server_id: string; changed_at: string | Date }>(result).map((row) => ({
    id: row.server_id,
    changedAt: new Date(row.changed_at),
  }));
  const page = found.slice(0, options.limit);
  const byId = new Map(
    page.length === 0
      ? []
      : (
          await db
            .select()
            .from(servers)
            .where(sql`${servers.id} in ${page.map((row) => row.id)}`)
        ).map((row) => [row.id, row]),
  );
  const last = page.at(-1);
  return {
    servers: page.flatMap((row) => {
      const server = byId.get(row.id);
      return server ? [{ server, changedAt: row.changedAt }] : [];
    }),
    nextCursor:
      found.length > options.limit && last
        ? encodeCursor([last.changedAt.toISOString(), last.id])
        : undefined,
  };
}

/** How many servers have a current tool (the total of the recently changed list). */
export async function countServersWithTools(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(servers).where(sql`${servers.toolCount} > 0`);
  return Number(row?.n ?? 0);
}

function dateOf(part: string): Date {
  const date = new Date(part);
  return Number.isNaN(date.getTime()) ? rejectCursor() : date;
}

/** A tool in a list: enough to link to it and show its risk, without its schema or definition. */
export interface ToolSummaryRow {
  serverId: string;
  serverTitle: string | null;
  name: string;
  description: string | null;
  category: string | null;
  risk: string | null;
  factors: string[];
}

const summaryColumns = {
  serverId: tools.serverId,
  serverTitle: servers.title,
  name: tools.name,
  description: tools.description,
  category: classifications.category,
  risk: classifications.risk,
  factors: classifications.factors,
};

function summaryOf(row: Omit<ToolSummaryRow, 'factors'> & { factors: string[] | null }): ToolSummaryRow {
  return { ...row, factors: row.factors ?? [] };
}

/** One page of a server's tools. */
export interface ServerToolPage {
  tools: ToolSummaryRow[];
  nextCursor: string | undefined;
}

const toolCategoryRank = categoryRankSql(classifications.category);
const toolRiskRank = riskRankSql(classifications.risk);

/**
 * A server's current tools in page order (Execute, Write, Read, unclassified; riskiest first; by name), `limit` at a
 * time after the cursor. The server's tools come off tools_server_name_key; only they are sorted.
 */
export async function serverToolsPage(
  db: Database,
  serverId: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<ServerToolPage> {
  const decoded = decodeCursor(options.cursor, 3);
  const conditions: SQL[] = [eq(tools.serverId, serverId), isNull(tools.removedAt)];
  if (decoded) {
    const [categoryPart = '', riskPart = '', name = ''] = decoded;
    const [c, r] = [numberOf(categoryPart), numberOf(riskPart)];
    conditions.push(
      sql`(${toolCategoryRank} < ${c} or (${toolCategoryRank} = ${c} and (${toolRiskRank} < ${r} or (${toolRiskRank} = ${r} and ${tools.name} > ${name}))))`,
    );
  }
  const rows = await db
    .select({ ...summaryColumns, categoryRank: toolCategoryRank, riskRank: toolRiskRank })
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, currentClassification())
    .where(and(...conditions))
    .orderBy(desc(toolCategoryRank), desc(toolRiskRank), asc(tools.name))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    tools: page.map(({ categoryRank: _c, riskRank: _r, ...row }) => summaryOf(row)),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor([String(last.categoryRank), String(last.riskRank), last.name])
        : undefined,
  };
}

/** A server's current tools counted: per risk level and category, how many can modify and how many can destroy. */
export interface ServerToolCounts {
  byRisk: Record<string, number>;
  byCategory: Record<string, number>;
  canModify: number;
  canDestroy: number;
}

/** Counts a server's current tools by their current classifications, in one grouped query. */
export async function serverToolCounts(db: Database, serverId: string): Promise<ServerToolCounts> {
  const rows = await db
    .select({
      risk: classifications.risk,
      category: classifications.category,
      destroys: sql<boolean>`coalesce(${classifications.factors} @> '["destructive"]'::jsonb, false)`,
      n: count(),
    })
    .from(tools)
    .leftJoin(classifications, currentClassification())
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .groupBy(
      classifications.risk,
      classifications.category,
      sql`coalesce(${classifications.factors} @> '["destructive"]'::jsonb, false)`,
    );
  const counts: ServerToolCounts = { byRisk: {}, byCategory: {}, canModify: 0, canDestroy: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    const category = row.category ?? 'Unclassified';
    counts.byCategory[category] = (counts.byCategory[category] ?? 0) + n;
    if (row.risk !== null) counts.byRisk[row.risk] = (counts.byRisk[row.risk] ?? 0) + n;
    if (row.category !== null && row.category !== 'Read') counts.canModify += n;
    if (row.destroys) counts.canDestroy += n;
  }
  return counts;
}

function numberOf(part: string): number {
  const value = Number(part);
  return Number.isSafeInteger(value) ? value : rejectCursor();
}

/** The riskiest other current tools of the same server. */
export async function relatedTools(
  db: Database,
  tool: { serverId: string; name: string },
  limit: number,
): Promise<ToolSummaryRow[]> {
  const rows = await db
    .select(summaryColumns)
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, currentClassification())
    .where(and(eq(tools.serverId, tool.serverId), ne(tools.name, tool.name), isNull(tools.removedAt)))
    .orderBy(desc(toolRiskRank), asc(tools.name))
    .limit(limit);
  return rows.map(summaryOf);
}

/** How many of the most recently changed current tools the similar-tools pick reads at most. */
const SIMILAR_WINDOW = 20_000;
/** How many matching tools the similar-tools pick ranks. */
const SIMILAR_CANDIDATES = 300;

/**
 * Tools most like a verdict: the same category sharing a factor (or, without factors, the same risk and none), best
 * overlap first, then by name; up to 300, from every server (the caller drops its own server's, so one answer serves
 * every tool of the same verdict shape). They are picked among the 20,000 most recently changed current tools, walked
 * newest first on tools_changed_at_idx with each one's current verdict probed: a bounded read on any catalogue, where
 * matching on the classifications first hashed the whole table (300 ms at a million tools).
 */
export async function similarTools(
  db: Database,
  classification: Pick<ClassificationRow, 'category' | 'risk' | 'factors'>,
): Promise<ToolSummaryRow[]> {
  const factors = classification.factors;
  const current = currentClassificationLateral(db);
  const overlap =
    factors.length > 0
      ? sql`${current.factors} ?| array[${sql.join(
          factors.map((factor) => sql`${factor}`),
          sql`, `,
        )}]::text[]`
      : and(eq(current.risk, classification.risk), sql`${current.factors} = '[]'::jsonb`);
  const recent = db
    .select({ id: tools.id })
    .from(tools)
    .where(isNull(tools.removedAt))
    .orderBy(desc(tools.changedAt))
    .limit(SIMILAR_WINDOW)
    .as('recent');
  const rows = await db
    .select({
      serverId: tools.serverId,
      serverTitle: servers.title,
      name: tools.name,
      description: tools.description,
      category: current.category,
      risk: current.risk,
      factors: current.factors,
    })
    .from(recent)
    .innerJoin(tools, eq(tools.id, recent.id))
    .innerJoinLateral(current, sql`true`)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .where(and(eq(current.category, classification.category), overlap))
    .limit(SIMILAR_CANDIDATES);
  const wanted = new Set(factors);
  const score = (other: string[]): number => {
    const shared = other.filter((factor) => wanted.has(factor)).length;
    const union = new Set([...other, ...wanted]).size;
    return union === 0 ? 1 : shared / union;
  };
  return rows
    .map((row) => ({
      row: summaryOf(row),
      score: score(row.factors ?? []) + (row.risk === classification.risk ? 0.1 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name))
    .map(({ row }) => row);
}
