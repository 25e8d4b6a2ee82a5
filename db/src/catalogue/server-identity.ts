// Finding a stored server by what identifies it: its registry name, its repository, or whether any exists.
import { createHash } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { servers } from '../schema/index.js';
import { rowsOf } from './raw-rows.js';

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

/** What identifies a server about to be stored, strongest first: its place in a source, registry name, package, repository. */
export interface ServerIdentity {
  /** The id it gets when nothing stored matches (a slug of its name). */
  slug: string;
  source: { kind: string; ref: string };
  registryName?: string | undefined;
  /** `packageKey()` of each package. */
  packageKeys: readonly string[];
  repositoryKey?: string | undefined;
}

/**
 * The stored server each identity is, in one query for the batch: the server already seen at this place in this
 * source; else, for a registry name, the server holding that name; else one server with the same package or the
 * same repository (a repository holding several servers, as monorepos do, identifies none of them) and no other
 * registry name. Two identities of the batch never get the same id; one that matches nothing gets its slug, or
 * the slug with a stable suffix when a different server took it.
 */
export async function resolveServerIds(
  db: Database,
  identities: readonly ServerIdentity[],
): Promise<string[]> {
  const input = identities.map((identity, index) => ({
    i: index,
    slug: identity.slug,
    source: identity.source.kind,
    ref: identity.source.ref,
    registry_name: identity.registryName ?? null,
    packages: identity.packageKeys,
    repository_key: identity.repositoryKey ?? null,
  }));
  const result = await db.execute(sql`
    with c as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        as c(i int, slug text, source text, ref text, registry_name text, packages jsonb, repository_key text)
    ),
    by_source as (
      select distinct on (c.i) c.i, ss.server_id as id from c
      join server_sources ss on ss.source = c.source and ss.source_id = c.ref order by c.i, ss.id
    ),
    by_name as (select c.i, s.id from c join servers s on s.registry_name = c.registry_name),
    by_package as (
      select c.i, min(p.server_id) as id, count(distinct p.server_id) as n from c
      cross join lateral jsonb_array_elements_text(c.packages) k(key)
      join server_packages p on p.package_key = k.key
      join servers s on s.id = p.server_id
      where s.registry_name is null or c.registry_name is null or s.registry_name = c.registry_name
      group by c.i
    ),
    by_repository as (
      select c.i, min(s.id) as id, count(*) as n from c join servers s on s.repository_key = c.repository_key
      where s.registry_name is null or c.registry_name is null
      group by c.i
    ),
    repository_use as (
      select s.repository_key, count(*) as n from servers s
      where s.repository_key in (select repository_key from c) group by s.repository_key
    ),
    slugs as (select s.id, s.registry_name from servers s where s.id in (select slug from c))
    select c.i, bs.id as by_source, bn.id as by_name,
      case when bp.n = 1 then bp.id end as by_package,
      case when br.n = 1 and ru.n = 1 then br.id end as by_repository,
      sl.id is not null as slug_taken, sl.registry_name as slug_registry_name
    from c
    left join by_source bs on bs.i = c.i
    left join by_name bn on bn.i = c.i
    left join by_package bp on bp.i = c.i
    left join by_repository br on br.i = c.i
    left join repository_use ru on ru.repository_key = c.repository_key
    left join slugs sl on sl.id = c.slug
    order by c.i
  `);
  return pickIds(identities, rowsOf<Record<string, unknown>>(result));
}

function pickIds(identities: readonly ServerIdentity[], rows: Record<string, unknown>[]): string[] {
  const repositoryCount = new Map<string, number>();
  for (const identity of identities) {
    if (identity.repositoryKey === undefined) continue;
    repositoryCount.set(identity.repositoryKey, (repositoryCount.get(identity.repositoryKey) ?? 0) + 1);
  }
  const given = new Set<string>();
  return identities.map((identity, index) => {
    const row = rows[index] ?? {};
    const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
    // A repository shared by two servers of this batch is a monorepo: it identifies neither.
    const byRepository =
      identity.repositoryKey !== undefined && repositoryCount.get(identity.repositoryKey) === 1
        ? str(row.by_repository)
        : undefined;
    const matched = [str(row.by_source), str(row.by_name), str(row.by_package), byRepository].find(
      (id) => id !== undefined && !given.has(id),
    );
    const slugTaken = row.slug_taken === true;
    const slugName = str(row.slug_registry_name);
    const isSlugFree =
      !given.has(identity.slug) &&
      (!slugTaken ||
        (identity.registryName !== undefined &&
          (slugName === undefined || slugName === identity.registryName)));
    const id = matched ?? (isSlugFree ? identity.slug : suffixed(identity, given));
    given.add(id);
    return id;
  });
}

/** The slug with a suffix from the identity's source, stable across runs (`a.b/c-d` and `a-b/c.d` share a slug). */
function suffixed(identity: ServerIdentity, given: ReadonlySet<string>): string {
  const seed = identity.registryName ?? `${identity.source.kind}:${identity.source.ref}`;
  const id = `${identity.slug}-${createHash('sha256').update(seed).digest('hex').slice(0, 8)}`;
  return given.has(id) ? `${id}-${given.size}` : id;
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
