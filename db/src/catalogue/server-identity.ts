// Finding a stored server by what identifies it: its registry name, its repository, or whether any exists.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Database } from '../client.js';
import { servers } from '../schema/index.js';

/** True when the catalogue holds at least one server. */
export async function hasAnyServer(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: servers.id }).from(servers).limit(1);
  return row !== undefined;
}

/** The id of the server with this registry name, if one is stored. */
export async function serverIdOfRegistryName(db: Database, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: servers.id }).from(servers).where(eq(servers.registryName, name));
  return row?.id;
}

/** Whether a server id is stored, and the registry name it holds (null for a server from elsewhere). */
export async function registryNameOfServer(
  db: Database,
  id: string,
): Promise<{ registryName: string | null } | undefined> {
  const [row] = await db
    .select({ registryName: servers.registryName })
    .from(servers)
    .where(eq(servers.id, id));
  return row;
}

/** The id of the first-seen other server with this repository key, if one is stored. */
export async function serverIdOfRepository(
  db: Database,
  key: string,
  ownId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: servers.id })
    .from(servers)
    .where(and(eq(servers.repositoryKey, key), ne(servers.id, ownId)))
    .orderBy(asc(servers.firstSeenAt))
    .limit(1);
  return row?.id;
}
