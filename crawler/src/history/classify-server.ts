// Classifying a server's current tools with the current classifier, and finding what a new version must redo.
import {
  CLASSIFIER_VERSION,
  type Classification,
  classifyTool,
  RISK_LEVELS,
  riskRank,
  type ToolDefinition,
} from '@toolrisk/classifier';
import { classifications, type Database, servers, type ToolRow, tools } from '@toolrisk/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';

/** Rebuilds the tool definition the classifier reads from a stored row. */
export function toolDefinitionOf(row: ToolRow): ToolDefinition {
  const tool: ToolDefinition = { name: row.name };
  if (row.title !== null) tool.title = row.title;
  if (row.description !== null) tool.description = row.description;
  if (row.inputSchema !== null) tool.inputSchema = row.inputSchema;
  if (row.annotations !== null) tool.annotations = row.annotations;
  return tool;
}

/**
 * Classifies every current tool of a server (siblings give context), stores the verdicts that are
 * missing for this classifier version, and refreshes the server's tool count and highest risk.
 */
export async function classifyServerTools(
  db: Database,
  serverId: string,
): Promise<Map<string, Classification>> {
  const [server] = await db.select().from(servers).where(eq(servers.id, serverId));
  const rows = await db
    .select()
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)));
  const definitions = rows.map(toolDefinitionOf);
  const context = {
    name: server?.title ?? server?.registryName ?? serverId,
    description: server?.description ?? undefined,
    siblings: definitions,
  };
  const results = new Map<string, Classification>();
  for (const [index, row] of rows.entries()) {
    const definition = definitions[index];
    if (!definition) continue;
    const result = classifyTool(definition, context);
    results.set(row.name, result);
    await db
      .insert(classifications)
      .values({
        toolId: row.id,
        definitionHash: row.definitionHash,
        classifierVersion: result.classifierVersion,
        category: result.category,
        risk: result.risk,
        factors: result.factors,
        confidence: result.confidence,
        rationale: result.rationale,
        evidence: result.evidence,
        fiveClass: result.fiveClass,
      })
      .onConflictDoNothing();
  }
  await db.update(servers).set({ toolCount: rows.length }).where(eq(servers.id, serverId));
  // The stored verdicts decide, not the fresh ones: a second opinion may have raised a level since.
  await refreshHighestRisk(db, [serverId]);
  return results;
}

/** Recomputes each server's highest risk from its current stored classifications (a raised level shows there). */
export async function refreshHighestRisk(db: Database, serverIds: readonly string[]): Promise<void> {
  if (serverIds.length === 0) return;
  const rows = await db
    .select({ serverId: tools.serverId, risk: classifications.risk })
    .from(classifications)
    .innerJoin(tools, currentClassification())
    .where(and(inArray(tools.serverId, [...serverIds]), isNull(tools.removedAt)));
  const highest = new Map<string, number>(serverIds.map((id) => [id, -1]));
  for (const row of rows) {
    const rank = riskRank(row.risk);
    highest.set(row.serverId, Math.max(highest.get(row.serverId) ?? -1, rank));
  }
  for (const [serverId, rank] of highest) {
    await db
      .update(servers)
      .set({ highestRisk: RISK_LEVELS[rank] ?? null })
      .where(eq(servers.id, serverId));
  }
}

/** The join condition of a tool's classification by the current classifier, for its current definition. */
function currentClassification() {
  return and(
    eq(classifications.toolId, tools.id),
    eq(classifications.definitionHash, tools.definitionHash),
    eq(classifications.classifierVersion, CLASSIFIER_VERSION),
  );
}

/** Ids of servers with a current tool that has no classification by this classifier version. */
export async function serversNeedingClassification(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serverId: tools.serverId })
    .from(tools)
    .leftJoin(classifications, currentClassification())
    .where(sql`${classifications.id} is null and ${tools.removedAt} is null`);
  return rows.map((row) => row.serverId);
}

/** Classifies what a classifier upgrade left unclassified; returns how many servers were redone. */
export async function reclassifyStale(db: Database): Promise<number> {
  const serverIds = await serversNeedingClassification(db);
  for (const serverId of serverIds) {
    await db.transaction((tx) => classifyServerTools(tx, serverId));
  }
  return serverIds.length;
}
