// Writing one server's crawl result: upsert the server and its tools, keep every definition change, store its verdicts.
import { type Classification, hashDefinition, type ToolDefinition } from '@toolrisk/classifier';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ToolRow } from '../rows.js';
import { type ServerSource, servers, tools, toolVersions } from '../schema/index.js';
import { storeClassifications } from './classifications.js';
import { repositoryKey } from './repository-key.js';
import { type ServerVersionSnapshot, upsertServerVersions } from './server-versions.js';

/** Everything a source learned about one server; `tools: null` means its tools were not listed this time. */
export interface ServerSnapshot {
  id: string;
  registryName?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  version?: string | undefined;
  repository?: Record<string, unknown> | undefined;
  websiteUrl?: string | undefined;
  packages?: unknown[] | undefined;
  remotes?: unknown[] | undefined;
  status?: string | undefined;
  introspection?: Record<string, unknown> | undefined;
  source: { kind: ServerSource['kind']; ref: string };
  /** Registry versions seen now, kept in server_versions. */
  versions?: ServerVersionSnapshot[] | undefined;
  /** When true the fields above are written only if the server is new: an older version must not overwrite the latest. */
  isTentative?: boolean | undefined;
  /** Validated definitions, each with the raw object it was read from (kept verbatim in history). */
  tools: { tool: ToolDefinition; raw: Record<string, unknown> }[] | null;
}

/** What storing one snapshot changed. */
export interface SnapshotOutcome {
  serverId: string;
  isNewServer: boolean;
  /** True when any tool was added, changed or removed. */
  isChangedServer: boolean;
  toolsNew: number;
  toolsChanged: number;
  toolsRemoved: number;
  toolsUnchanged: number;
  /** Registry versions that were new or changed status. */
  versionsChanged: number;
}

/** The verdicts of a snapshot's tools by name, as its caller computed them (classify once, store once). */
export type SnapshotClassifications = ReadonlyMap<string, Classification>;

/**
 * Stores one server's snapshot in one transaction: all of it or nothing. When the snapshot lists tools,
 * `classifications` holds the caller's verdict for each; they are stored for the definitions just written.
 * Writers of one server id take turns (`lockServerId`), so two stores of a new server never collide.
 */
export async function storeServerSnapshot(
  db: Database,
  snapshot: ServerSnapshot,
  classifications: SnapshotClassifications,
  options: SnapshotOptions = {},
): Promise<SnapshotOutcome> {
  return db.transaction(async (tx) => {
    await lockServerId(tx, snapshot.id);
    return writeSnapshot(tx, snapshot, classifications, options);
  });
}

/** When a snapshot was seen, and the crawl run that saw it. */
export interface SnapshotOptions {
  runId?: number | null;
  now?: Date;
}

/**
 * Holds, until the transaction ends, the lock every writer of this server id takes first: the checks a write
 * makes (does the server exist, who owns it) then hold until it commits. A transaction-scoped advisory lock,
 * because the server row may not exist yet.
 */
export async function lockServerId(tx: Database, serverId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`toolrisk.server:${serverId}`}, 0))`);
}

/** Writes the snapshot in the caller's transaction, which holds `lockServerId` of its server. */
export async function writeSnapshot(
  tx: Database,
  snapshot: ServerSnapshot,
  classifications: SnapshotClassifications,
  options: SnapshotOptions = {},
): Promise<SnapshotOutcome> {
  const now = options.now ?? new Date();
  const isNewServer = await upsertServer(tx, snapshot, now);
  const outcome: SnapshotOutcome = {
    serverId: snapshot.id,
    isNewServer,
    isChangedServer: false,
    toolsNew: 0,
    toolsChanged: 0,
    toolsRemoved: 0,
    toolsUnchanged: 0,
    versionsChanged: 0,
  };
  if (snapshot.versions && snapshot.versions.length > 0) {
    outcome.versionsChanged = await upsertServerVersions(tx, snapshot.id, snapshot.versions, now);
  }
  if (snapshot.tools !== null) {
    await syncTools(tx, snapshot, options.runId ?? null, now, outcome);
    await storeClassifications(tx, snapshot.id, classifications);
  }
  outcome.isChangedServer =
    outcome.toolsNew + outcome.toolsChanged + outcome.toolsRemoved + outcome.versionsChanged > 0;
  return outcome;
}

/** The normalised key of a `server.json` repository (`url` plus `subfolder`), or undefined when it names none. */
export function keyOfRepository(repository: Record<string, unknown> | undefined): string | undefined {
  const url = repository?.url;
  if (typeof url !== 'string') return undefined;
  const subfolder =
    typeof repository?.subfolder === 'string' ? repository.subfolder.replace(/^\/+|\/+$/g, '') : '';
  const key = repositoryKey(url);
  if (key === null) return undefined;
  return subfolder === '' || key.endsWith(`/${subfolder.toLowerCase()}`)
    ? key
    : `${key}/${subfolder.toLowerCase()}`;
}

async function upsertServer(db: Database, snapshot: ServerSnapshot, now: Date): Promise<boolean> {
  const source: ServerSource = { ...snapshot.source, seenAt: now.toISOString() };
  const [existing] = await db
    .select({ sources: servers.sources })
    .from(servers)
    .where(eq(servers.id, snapshot.id));
  const fields = {
    registryName: snapshot.registryName,
    title: snapshot.title,
    description: snapshot.description,
    version: snapshot.version,
    repository: snapshot.repository,
    repositoryKey: keyOfRepository(snapshot.repository),
    websiteUrl: snapshot.websiteUrl,
    packages: snapshot.packages,
    remotes: snapshot.remotes,
    status: snapshot.status,
    introspection: snapshot.introspection,
  };
  // Only what this source knows overwrites; a tools-only import keeps the registry's metadata.
  const known = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && !(existing && snapshot.isTentative)),
  );
  if (!existing) {
    await db
      .insert(servers)
      .values({ id: snapshot.id, ...known, sources: [source], firstSeenAt: now, lastSeenAt: now });
    return true;
  }
  const sources = [
    ...existing.sources.filter((s) => !(s.kind === source.kind && s.ref === source.ref)),
    source,
  ];
  await db
    .update(servers)
    .set({ ...known, sources, lastSeenAt: now, updatedAt: now })
    .where(eq(servers.id, snapshot.id));
  return false;
}

async function syncTools(
  db: Database,
  snapshot: ServerSnapshot,
  runId: number | null,
  now: Date,
  outcome: SnapshotOutcome,
): Promise<void> {
  const incoming = snapshot.tools ?? [];
  const existingRows = await db.select().from(tools).where(eq(tools.serverId, snapshot.id));
  const existingByName = new Map(existingRows.map((row) => [row.name, row]));
  for (const { tool, raw } of incoming) {
    await upsertTool(
      db,
      { serverId: snapshot.id, tool, raw, existing: existingByName.get(tool.name), runId, now },
      outcome,
    );
  }
  const incomingNames = new Set(incoming.map((entry) => entry.tool.name));
  for (const row of existingRows) {
    if (incomingNames.has(row.name) || row.removedAt !== null) continue;
    await db.update(tools).set({ removedAt: now }).where(eq(tools.id, row.id));
    outcome.toolsRemoved++;
  }
}

interface ToolUpsert {
  serverId: string;
  tool: ToolDefinition;
  raw: Record<string, unknown>;
  existing: ToolRow | undefined;
  runId: number | null;
  now: Date;
}

async function upsertTool(db: Database, upsert: ToolUpsert, outcome: SnapshotOutcome): Promise<void> {
  const { serverId, tool, raw, existing, runId, now } = upsert;
  const hash = hashDefinition(tool);
  const fields = {
    title: tool.title ?? null,
    description: tool.description ?? null,
    inputSchema: isJsonObject(tool.inputSchema) ? tool.inputSchema : null,
    annotations: tool.annotations ? { ...tool.annotations } : null,
    definition: raw,
    definitionHash: hash,
  };
  if (!existing) {
    const [inserted] = await db
      .insert(tools)
      .values({ serverId, name: tool.name, ...fields, firstSeenAt: now, lastSeenAt: now, changedAt: now })
      .returning({ id: tools.id });
    if (!inserted) throw new Error(`insert of tool ${tool.name} returned no row`);
    await db
      .insert(toolVersions)
      .values({ toolId: inserted.id, definitionHash: hash, definition: raw, seenAt: now, crawlRunId: runId });
    outcome.toolsNew++;
    return;
  }
  const isChanged = existing.definitionHash !== hash;
  const isReturning = existing.removedAt !== null;
  if (isChanged) {
    await db
      .insert(toolVersions)
      .values({ toolId: existing.id, definitionHash: hash, definition: raw, seenAt: now, crawlRunId: runId });
  }
  await db
    .update(tools)
    .set({ ...fields, lastSeenAt: now, removedAt: null, ...(isChanged ? { changedAt: now } : {}) })
    .where(eq(tools.id, existing.id));
  if (isChanged || isReturning) outcome.toolsChanged++;
  else outcome.toolsUnchanged++;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
