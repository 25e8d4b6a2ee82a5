// Storing crawl results: each server's snapshot all or nothing, many servers per set-based statement.
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { databaseFailureOf } from '../errors.js';
import { rootMessage } from './crawl-runs.js';
import { writeServers } from './snapshot-servers.js';
import { type ListedTools, writeTools } from './snapshot-tools.js';
import type { ServerSnapshot, SnapshotClassifications, SnapshotOutcome } from './snapshot-types.js';

/** One snapshot to store with its caller's verdicts (classify once, store once). */
export interface SnapshotWrite {
  snapshot: ServerSnapshot;
  classifications: SnapshotClassifications;
}

/** What storing one snapshot of a batch gave: its outcome, or why the database refused it (nothing of it stored). */
export type SnapshotResult =
  | { ok: true; outcome: SnapshotOutcome }
  | { ok: false; serverId: string; message: string };

/** Servers per statement: large enough to amortise each statement's planning, small enough to keep memory flat. */
export const SNAPSHOT_BATCH_SIZE = 100;

/**
 * Stores one server's snapshot in one transaction: all of it or nothing. When the snapshot lists tools,
 * `classifications` holds the caller's verdict for each; they are stored for the definitions just written.
 * The writes are two statements whatever the number of tools, versions, packages and sources. Writers of one
 * server id take turns (`lockServerId`), so two stores of a new server never collide.
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
  await lockServerIds(tx, [serverId]);
}

/** `lockServerId` for several ids in one statement, taken in id order so two batches never deadlock. */
async function lockServerIds(tx: Database, serverIds: readonly string[]): Promise<void> {
  const keys = [...new Set(serverIds)].sort().map((id) => `toolrisk.server:${id}`);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(t.k, 0))
      from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) with ordinality as t(k, n) order by t.n`,
  );
}

/** Writes the snapshot in the caller's transaction, which holds `lockServerId` of its server. */
export async function writeSnapshot(
  tx: Database,
  snapshot: ServerSnapshot,
  classifications: SnapshotClassifications,
  options: SnapshotOptions = {},
): Promise<SnapshotOutcome> {
  return writeBatch(tx, [{ snapshot, classifications }], options).then(firstOutcome);
}

function firstOutcome(outcomes: SnapshotOutcome[]): SnapshotOutcome {
  const [outcome] = outcomes;
  if (!outcome) throw new Error('storing a snapshot returned no outcome');
  return outcome;
}

/**
 * Stores many snapshots, `SNAPSHOT_BATCH_SIZE` servers to a transaction of two statements. A transaction holds
 * whole servers only, so each server is still stored all or nothing; when the database refuses a batch, its
 * servers are stored again one transaction each, so one bad server costs only itself. Snapshots of the same id
 * are stored in order, in different batches. Results come back in input order.
 */
export async function storeServerSnapshots(
  db: Database,
  writes: readonly SnapshotWrite[],
  options: SnapshotOptions & { batchSize?: number } = {},
): Promise<SnapshotResult[]> {
  const results: SnapshotResult[] = new Array(writes.length);
  for (const batch of batchesOf(writes, options.batchSize ?? SNAPSHOT_BATCH_SIZE)) {
    const items = batch.map((index) => writes[index]).filter((write) => write !== undefined);
    try {
      const outcomes = await db.transaction(async (tx) => {
        await lockServerIds(
          tx,
          items.map((item) => item.snapshot.id),
        );
        return writeBatch(tx, items, options);
      });
      for (const [position, index] of batch.entries()) {
        const outcome = outcomes[position];
        if (outcome) results[index] = { ok: true, outcome };
      }
    } catch {
      for (const index of batch) {
        const write = writes[index];
        if (!write) continue;
        try {
          const outcome = await storeServerSnapshot(db, write.snapshot, write.classifications, options);
          results[index] = { ok: true, outcome };
        } catch (error) {
          // A full or unusable data directory is no fault of this server's: the caller stops, nothing stored.
          const failure = databaseFailureOf(error);
          if (failure) throw failure;
          results[index] = { ok: false, serverId: write.snapshot.id, message: rootMessage(error) };
        }
      }
    }
  }
  return results;
}

/** Splits the writes into batches of indices with distinct server ids, keeping each id's snapshots in order. */
function batchesOf(writes: readonly SnapshotWrite[], size: number): number[][] {
  const batches: { indices: number[]; ids: Set<string> }[] = [];
  const lastBatchOf = new Map<string, number>();
  for (const [index, write] of writes.entries()) {
    const id = write.snapshot.id;
    const earliest = (lastBatchOf.get(id) ?? -1) + 1;
    let target = Math.max(earliest, batches.length - 1);
    const current = batches[target];
    if (!current || current.indices.length >= size || current.ids.has(id)) target = batches.length;
    if (!batches[target]) batches[target] = { indices: [], ids: new Set() };
    batches[target]?.indices.push(index);
    batches[target]?.ids.add(id);
    lastBatchOf.set(id, target);
  }
  return batches.map((batch) => batch.indices);
}

async function writeBatch(
  db: Database,
  items: readonly SnapshotWrite[],
  options: SnapshotOptions,
): Promise<SnapshotOutcome[]> {
  const now = options.now ?? new Date();
  const servers = await writeServers(
    db,
    items.map((item) => item.snapshot),
    now,
  );
  const listed: ListedTools[] = items.filter((item) => item.snapshot.tools !== null);
  const tools = await writeTools(db, listed, options.runId ?? null, now);
  return items.map(({ snapshot }) => {
    const server = servers.get(snapshot.id);
    const counts = tools.get(snapshot.id);
    const outcome: SnapshotOutcome = {
      serverId: snapshot.id,
      isNewServer: server?.isNew ?? false,
      isChangedServer: false,
      toolsNew: counts?.toolsNew ?? 0,
      toolsChanged: counts?.toolsChanged ?? 0,
      toolsRemoved: counts?.toolsRemoved ?? 0,
      toolsUnchanged: counts?.toolsUnchanged ?? 0,
      versionsChanged: server?.versionsChanged ?? 0,
    };
    outcome.isChangedServer =
      outcome.toolsNew + outcome.toolsChanged + outcome.toolsRemoved + outcome.versionsChanged > 0;
    return outcome;
  });
}
