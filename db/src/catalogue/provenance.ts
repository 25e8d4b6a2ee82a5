// Reading what a server is and where it was seen: its packages (with install commands) and its sources.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ServerPackageRow, ServerSourceRow } from '../rows.js';
import { serverPackages, serverSources } from '../schema/index.js';

/** A server's packages and the places it was seen, first seen first. */
export interface ServerProvenance {
  packages: ServerPackageRow[];
  sources: ServerSourceRow[];
}

/** The packages and sources of one server (both empty for an unknown id). */
export async function getServerProvenance(db: Database, serverId: string): Promise<ServerProvenance> {
  const [packages, sources] = await Promise.all([
    db
      .select()
      .from(serverPackages)
      .where(eq(serverPackages.serverId, serverId))
      .orderBy(asc(serverPackages.id)),
    db
      .select()
      .from(serverSources)
      .where(eq(serverSources.serverId, serverId))
      .orderBy(asc(serverSources.firstSeenAt), asc(serverSources.id)),
  ]);
  return { packages, sources };
}
