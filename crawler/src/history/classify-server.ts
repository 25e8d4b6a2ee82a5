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
  getServers,
  type ServerRow,
  type ServerSnapshot,
  type SnapshotOutcome,
  type SnapshotResult,
  serversNeedingClassification,
  storeClassifications,
  storeServerSnapshot,
  storeServerSnapshots,
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
  return storeServerSnapshot(db, snapshot, classifySnapshot(snapshot, stored), options);
}

/** A snapshot's verdicts, each tool with its siblings, under the name, title and description the stored row will show. */
function classifySnapshot(
  snapshot: ServerSnapshot,
  stored: Pick<ServerRow, 'registryName' | 'title' | 'description'> | undefined,
): Map<string, Classification> {
  if (snapshot.tools === null) return new Map();
  // The fields a snapshot overwrites (snapshot-servers.ts): all it knows, unless it is tentative and stored.
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
  return classifyTools(definitions, context);
}

/** Snapshots classified per step of storeClassifiedSnapshots: one step is classified while the one before is stored. */
const CLASSIFY_STEP = 100;

/**
 * Classifies many snapshots' tools (each in the context its stored server will have, read in one query) and
 * stores them in set-based batches; see storeServerSnapshots for the all-or-nothing unit (one server). The
 * classifier works on the next step while the database stores the one before (on PostgreSQL the two run at once);
 * steps are stored in order, one at a time, so snapshots of one id are still stored in input order.
 */
export async function storeClassifiedSnapshots(
  db: Database,
  snapshots: readonly ServerSnapshot[],
  options: { runId?: number | null; now?: Date } = {},
): Promise<SnapshotResult[]> {
  const listed = snapshots.filter((snapshot) => snapshot.tools !== null).map((snapshot) => snapshot.id);
  const stored = new Map((await getServers(db, [...new Set(listed)])).map((row) => [row.id, row]));
  const results: SnapshotResult[] = [];
  let storing: Promise<SnapshotResult[]> | undefined;
  try {
    for (let start = 0; start < snapshots.length; start += CLASSIFY_STEP) {
      const writes = snapshots.slice(start, start + CLASSIFY_STEP).map((snapshot) => ({
        snapshot,
        classifications: classifySnapshot(snapshot, stored.get(snapshot.id)),
      }));
      if (storing) results.push(...(await storing));
      storing = storeServerSnapshots(db, writes, options);
    }
    if (storing) results.push(...(await storing));
  } catch (error) {
    // A step still being stored settles before the error goes up, so nothing writes after the caller saw it fail.
    await storing?.catch(() => undefined);
    throw error;
  }
  return results;
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
