// Finding a stored server by what identifies it: its registry name, its repository, or whether any exists.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
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

/** A stored server that one of the given package identifiers or remote URLs names. */
export interface IdentifiedServer {
  id: string;
  version: string | null;
  /** The package identifier or remote URL that matched. */
  matched: string;
  by: 'package' | 'url';
}

function normalizedUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * The servers whose registry packages carry one of the identifiers (npm name, PyPI name, OCI image) or whose remotes
 * are at one of the URLs (compared without case or trailing slash); deleted servers are left out.
 */
export async function serversOfIdentities(
  db: Database,
  identities: { packages: readonly string[]; urls: readonly string[] },
): Promise<IdentifiedServer[]> {
  const found: IdentifiedServer[] = [];
  const packages = [...new Set(identities.packages)];
  const urls = [...new Set(identities.urls.map(normalizedUrl))];
  if (packages.length > 0) {
    const list = sql.join(
      packages.map((name) => sql`${name}`),
      sql`, `,
    );
    const rows = await db
      .select({ id: servers.id, version: servers.version, packages: servers.packages })
      .from(servers)
      .where(
        and(
          ne(servers.status, 'deleted'),
          sql`exists (select 1 from jsonb_array_elements(${servers.packages}) as p(value) where p.value->>'identifier' in (${list}))`,
        ),
      )
      .orderBy(asc(servers.firstSeenAt));
    for (const row of rows)
      for (const item of row.packages)
        if (
          typeof item === 'object' &&
          item !== null &&
          'identifier' in item &&
          typeof item.identifier === 'string'
        )
          if (packages.includes(item.identifier))
            found.push({ id: row.id, version: row.version, matched: item.identifier, by: 'package' });
  }
  if (urls.length > 0) {
    const list = sql.join(
      urls.map((url) => sql`${url}`),
      sql`, `,
    );
    const rows = await db
      .select({ id: servers.id, version: servers.version, remotes: servers.remotes })
      .from(servers)
      .where(
        and(
          ne(servers.status, 'deleted'),
          sql`exists (select 1 from jsonb_array_elements(${servers.remotes}) as r(value) where rtrim(lower(r.value->>'url'), '/') in (${list}))`,
        ),
      )
      .orderBy(asc(servers.firstSeenAt));
    for (const row of rows)
      for (const item of row.remotes)
        if (typeof item === 'object' && item !== null && 'url' in item && typeof item.url === 'string')
          if (urls.includes(normalizedUrl(item.url)))
            found.push({ id: row.id, version: row.version, matched: normalizedUrl(item.url), by: 'url' });
  }
  return found;
}

/** The id of the first-seen server with this repository key (`github.com/owner/repo`), if one is stored. */
export async function serverIdOfRepositoryKey(db: Database, key: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: servers.id })
    .from(servers)
    .where(eq(servers.repositoryKey, key))
    .orderBy(asc(servers.firstSeenAt))
    .limit(1);
  return row?.id;
}
