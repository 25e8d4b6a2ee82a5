// Classifying what the crawler stores: each snapshot's tools classified once, then stored through the catalogue.
import {
  type Classification,
  classifyTool,
  type ServerContext,
  serverContextOf,
  type ToolDefinition,
} from '@toolrisk/classifier';
import {
  currentToolsOf,
  type Database,
  getServer,
  type ServerSnapshot,
  type SnapshotOutcome,
  serversNeedingClassification,
  storeClassifications,
  storeServerSnapshot,
} from '@toolrisk/db';

/** Classifies each tool with its siblings as context; verdicts by tool name. */
export function classifyTools(
  definitions: readonly ToolDefinition[],
  context: ServerContext,
): Map<string, Classification> {
  const results = new Map<string, Classification>();
  for (const definition of definitions) results.set(definition.name, classifyTool(definition, context));
  return results;
}

/**
 * Classifies a snapshot's tools in the context the stored server will have (a tentative snapshot keeps the
 * stored title), then stores snapshot and verdicts in one transaction.
 */
export async function storeClassifiedSnapshot(
  db: Database,
  snapshot: ServerSnapshot,
  options: { runId?: number | null; now?: Date } = {},
): Promise<SnapshotOutcome> {
  if (snapshot.tools === null) return storeServerSnapshot(db, snapshot, new Map(), options);
  const stored = await getServer(db, snapshot.id);
  // The fields a snapshot overwrites (snapshots.ts): all it knows, unless it is tentative and the server exists.
  const keepsStored = stored !== undefined && snapshot.isTentative === true;
  const pick = <T>(fresh: T | undefined, old: T | null | undefined): T | null | undefined =>
    keepsStored ? old : (fresh ?? old);
  const definitions = snapshot.tools.map((entry) => entry.tool);
  const context = serverContextOf(
    {
      name: pick(snapshot.registryName, stored?.registryName) ?? snapshot.id,
      title: pick(snapshot.title, stored?.title),
      description: pick(snapshot.description, stored?.description),
    },
    definitions,
  );
  return storeServerSnapshot(db, snapshot, classifyTools(definitions, context), options);
}

/** Classifies every current tool of a stored server and stores the verdicts that are missing. */
export async function classifyServerTools(
  db: Database,
  serverId: string,
): Promise<Map<string, Classification>> {
  const { context, definitions } = await currentToolsOf(db, serverId);
  const results = classifyTools(definitions, context);
  await storeClassifications(db, serverId, results);
  return results;
}

/** Classifies what a classifier upgrade left unclassified; returns how many servers were redone. */
export async function reclassifyStale(db: Database): Promise<number> {
  const serverIds = await serversNeedingClassification(db);
  for (const serverId of serverIds) {
    await db.transaction((tx) => classifyServerTools(tx, serverId));
  }
  return serverIds.length;
}
