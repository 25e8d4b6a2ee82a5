// Gathering the data of the HTML pages: catalogue figures, search, server and tool pages, the sitemap.
import { RISK_LEVELS, type RiskLevel } from '@toolrisk/classifier';
import {
  type ClassificationRow,
  type ClassifiedToolRow,
  classifications,
  currentClassification,
  type Database,
  servers,
  tools,
  toolVersions,
} from '@toolrisk/db';
import type {
  ChangeView,
  RiskCounts,
  SearchData,
  SearchQuery,
  ServerView,
  SitemapData,
  ToolSummaryView,
} from '@toolrisk/web';
import { and, asc, count, desc, eq, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';

/** Highest risk first, as a sortable SQL number. */
const riskOrder = sql<number>`case ${classifications.risk} when 'Critical' then 3 when 'High' then 2 when 'Medium' then 1 when 'Low' then 0 else -1 end`;

/** An empty count per risk level. */
export function emptyRiskCounts(): RiskCounts {
  return { Low: 0, Medium: 0, High: 0, Critical: 0 };
}

/** True when the text names a risk level of the taxonomy. */
export function isRiskLevel(risk: string | null | undefined): risk is RiskLevel {
  return RISK_LEVELS.some((level) => level === risk);
}

/** A server row as pages show it. */
export function serverView(row: typeof servers.$inferSelect): ServerView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    toolCount: row.toolCount,
    highestRisk: row.highestRisk,
    version: row.version,
    websiteUrl: row.websiteUrl,
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}

/** A tool row (with its classification) as a list item. */
export function toolSummary(
  row: { tool: ClassifiedToolRow['tool']; classification: ClassificationRow | null },
  serverTitle: string | null,
): ToolSummaryView {
  return {
    serverId: row.tool.serverId,
    serverTitle,
    name: row.tool.name,
    description: row.tool.description,
    category: row.classification?.category ?? null,
    risk: row.classification?.risk ?? null,
    factors: row.classification?.factors ?? [],
  };
}

/** Counts of servers and current tools, and current tools per risk level. */
export async function catalogueFigures(db: Database) {
  const [serverCount] = await db.select({ n: count() }).from(servers);
  const [toolCount] = await db.select({ n: count() }).from(tools).where(isNull(tools.removedAt));
  const byRisk = await db
    .select({ risk: classifications.risk, n: count() })
    .from(tools)
    .innerJoin(classifications, currentClassification())
    .where(isNull(tools.removedAt))
    .groupBy(classifications.risk);
  const distribution = emptyRiskCounts();
  for (const row of byRisk) if (isRiskLevel(row.risk)) distribution[row.risk] = row.n;
  return { serverCount: serverCount?.n ?? 0, toolCount: toolCount?.n ?? 0, distribution };
}

/** The most recent definition changes, newest first; `serverId` narrows them to one server. */
export async function recentChanges(
  db: Database,
  options: { limit: number; serverId?: string },
): Promise<ChangeView[]> {
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
    at: row.seenAt.toISOString(),
    kind: row.removedAt ? 'removed' : row.seenAt.getTime() <= row.firstSeenAt.getTime() ? 'added' : 'changed',
    risk: row.risk,
  }));
}

/** Every server, for the home page. */
export async function allServers(db: Database): Promise<ServerView[]> {
  const rows = await db.select().from(servers).orderBy(asc(servers.id)).limit(500);
  return rows.map(serverView);
}

const MAX_TOOL_RESULTS = 100;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Servers and tools matching a query, a risk and a category (each optional). */
export async function searchCatalogue(db: Database, query: SearchQuery): Promise<SearchData> {
  const pattern = likePattern(query.q.trim());
  const hasText = query.q.trim() !== '';
  const serverFilters: SQL[] = [];
  if (hasText) {
    const match = or(
      ilike(servers.id, pattern),
      ilike(servers.title, pattern),
      ilike(servers.description, pattern),
    );
    if (match) serverFilters.push(match);
  }
  if (query.risk) serverFilters.push(eq(servers.highestRisk, query.risk));
  // Servers have no category; with a category filter only tools are listed.
  const serverRows =
    query.category || (!hasText && !query.risk)
      ? []
      : await db
          .select()
          .from(servers)
          .where(and(...serverFilters))
          .orderBy(asc(servers.id))
          .limit(50);
  const toolFilters: SQL[] = [isNull(tools.removedAt)];
  if (hasText) {
    const match = or(
      ilike(tools.name, pattern),
      ilike(tools.title, pattern),
      ilike(tools.description, pattern),
    );
    if (match) toolFilters.push(match);
  }
  if (query.risk) toolFilters.push(eq(classifications.risk, query.risk));
  if (query.category) toolFilters.push(eq(classifications.category, query.category));
  const toolRows = await db
    .select({ tool: tools, classification: classifications, serverTitle: servers.title })
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, currentClassification())
    .where(and(...toolFilters))
    .orderBy(desc(riskOrder), asc(tools.name), asc(tools.serverId))
    .limit(MAX_TOOL_RESULTS + 1);
  return {
    query,
    servers: serverRows.map(serverView),
    tools: toolRows.slice(0, MAX_TOOL_RESULTS).map((row) => toolSummary(row, row.serverTitle)),
    isTruncated: toolRows.length > MAX_TOOL_RESULTS,
  };
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

/** A light list row (no definitions or schemas loaded) as a list item. */
function summaryOf(row: {
  serverId: string;
  serverTitle: string | null;
  name: string;
  description: string | null;
  category: string | null;
  risk: string | null;
  factors: string[] | null;
}): ToolSummaryView {
  return { ...row, factors: row.factors ?? [] };
}

/** The riskiest other current tools of the same server. */
export async function relatedTools(
  db: Database,
  tool: { serverId: string; name: string },
  limit: number,
): Promise<ToolSummaryView[]> {
  const rows = await db
    .select(summaryColumns)
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, currentClassification())
    .where(and(eq(tools.serverId, tool.serverId), ne(tools.name, tool.name), isNull(tools.removedAt)))
    .orderBy(desc(riskOrder), asc(tools.name))
    .limit(limit);
  return rows.map(summaryOf);
}

/** Tools on other servers most like this one: same category sharing a factor (or, without factors, the same risk). */
export async function similarTools(
  db: Database,
  tool: { serverId: string },
  classification: ClassificationRow,
  limit: number,
): Promise<ToolSummaryView[]> {
  const factors = classification.factors;
  const overlap =
    factors.length > 0
      ? sql`${classifications.factors} ?| array[${sql.join(
          factors.map((factor) => sql`${factor}`),
          sql`, `,
        )}]::text[]`
      : and(eq(classifications.risk, classification.risk), sql`${classifications.factors} = '[]'::jsonb`);
  const rows = await db
    .select(summaryColumns)
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .innerJoin(classifications, currentClassification())
    .where(
      and(
        isNull(tools.removedAt),
        ne(tools.serverId, tool.serverId),
        eq(classifications.category, classification.category),
        overlap,
      ),
    )
    .limit(300);
  const wanted = new Set(factors);
  const score = (other: string[]): number => {
    const shared = other.filter((factor) => wanted.has(factor)).length;
    const union = new Set([...other, ...wanted]).size;
    return union === 0 ? 1 : shared / union;
  };
  return rows
    .map((row) => ({ row, score: score(row.factors) + (row.risk === classification.risk ? 0.1 : 0) }))
    .sort((a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name))
    .slice(0, limit)
    .map(({ row }) => summaryOf(row));
}

/** Every server and current tool page, for the sitemap. */
export async function sitemapEntries(db: Database): Promise<SitemapData> {
  const serverRows = await db
    .select({ id: servers.id, lastSeenAt: servers.lastSeenAt })
    .from(servers)
    .orderBy(asc(servers.id));
  const toolRows = await db
    .select({ serverId: tools.serverId, name: tools.name, changedAt: tools.changedAt })
    .from(tools)
    .where(isNull(tools.removedAt))
    .orderBy(asc(tools.serverId), asc(tools.name));
  return {
    servers: serverRows.map((row) => ({ id: row.id, lastSeenAt: row.lastSeenAt.toISOString() })),
    tools: toolRows.map((row) => ({ ...row, changedAt: row.changedAt.toISOString() })),
  };
}
