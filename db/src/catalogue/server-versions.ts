// Keeping every registry version of a server in server_versions, with the latest flag on one of them.
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../client.js';
import { serverVersions } from '../schema/index.js';

/** One registry version of a server, as a snapshot carries it. */
export interface ServerVersionSnapshot {
  version: string;
  status: string;
  isLatest: boolean;
  publishedAt?: string | undefined;
  updatedAt?: string | undefined;
  document: Record<string, unknown>;
}

function dateOrNull(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Upserts the versions; returns how many were new or changed status. Runs inside the caller's transaction. */
export async function upsertServerVersions(
  db: Database,
  serverId: string,
  versions: ServerVersionSnapshot[],
  now: Date,
): Promise<number> {
  const existing = await db
    .select({ version: serverVersions.version, status: serverVersions.status })
    .from(serverVersions)
    .where(eq(serverVersions.serverId, serverId));
  const known = new Map(existing.map((row) => [row.version, row.status]));
  let changed = 0;
  for (const version of versions) {
    const fields = {
      status: version.status,
      isLatest: version.isLatest,
      publishedAt: dateOrNull(version.publishedAt),
      updatedAt: dateOrNull(version.updatedAt),
      document: version.document,
    };
    if (known.get(version.version) !== version.status) changed++;
    await db
      .insert(serverVersions)
      .values({ serverId, version: version.version, ...fields, firstSeenAt: now })
      .onConflictDoUpdate({ target: [serverVersions.serverId, serverVersions.version], set: fields });
    if (version.isLatest) {
      // Only one version is the latest: a newer one demotes the others.
      await db
        .update(serverVersions)
        .set({ isLatest: false })
        .where(and(eq(serverVersions.serverId, serverId), ne(serverVersions.version, version.version)));
    }
  }
  return changed;
}
