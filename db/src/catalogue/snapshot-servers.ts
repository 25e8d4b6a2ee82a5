// The servers half of storing snapshots: one statement writes a batch's servers, sources, packages and versions.
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { packageEntriesOf } from './packages.js';
import { rowsOf } from './raw-rows.js';
import { keyOfRepository } from './repository-key.js';
import { versionRowsOf } from './server-versions.js';
import type { ServerSnapshot } from './snapshot-types.js';

const json = <T>(value: T | undefined): T | null => value ?? null;

/** A batch's server rows as the statement reads them; `packages` null means the snapshot does not know them. */
function serverInputsOf(snapshots: readonly ServerSnapshot[]) {
  return snapshots.map((snapshot) => ({
    id: snapshot.id,
    registry_name: json(snapshot.registryName),
    title: json(snapshot.title),
    description: json(snapshot.description),
    version: json(snapshot.version),
    repository: json(snapshot.repository),
    repository_key: json(keyOfRepository(snapshot.repository)),
    website_url: json(snapshot.websiteUrl),
    packages: json(snapshot.packages),
    remotes: json(snapshot.remotes),
    status: json(snapshot.status),
    introspection: json(snapshot.introspection),
    tentative: snapshot.isTentative === true,
  }));
}

function sourceInputsOf(snapshots: readonly ServerSnapshot[]) {
  return snapshots.flatMap((snapshot) =>
    [snapshot.source, ...(snapshot.alsoSeenAt ?? [])].map((source) => ({
      server_id: snapshot.id,
      source: source.kind,
      source_id: source.ref,
      url: source.url ?? null,
    })),
  );
}

function packageInputsOf(snapshots: readonly ServerSnapshot[]) {
  return snapshots.flatMap((snapshot) =>
    packageEntriesOf(snapshot.packages ?? []).map((entry) => ({
      server_id: snapshot.id,
      registry_type: entry.registryType,
      identifier: entry.identifier,
      package_key: entry.packageKey,
      version: entry.version,
      transport: entry.transport,
      install_command: entry.installCommand,
    })),
  );
}

function versionInputsOf(snapshots: readonly ServerSnapshot[]) {
  return snapshots.flatMap((snapshot) =>
    versionRowsOf(snapshot.versions ?? []).map((row) => ({ server_id: snapshot.id, ...row })),
  );
}

/** What the servers statement says of each server, by id. */
export interface ServerWrite {
  isNew: boolean;
  versionsChanged: number;
}

/**
 * One statement for a batch of servers with distinct ids: insert or update each server (the fields a source
 * knows overwrite, the others keep what is stored; a tentative snapshot of a stored server only marks it seen),
 * add its sources, replace its packages when it lists them, and upsert its registry versions (one latest).
 */
export async function writeServers(
  db: Database,
  snapshots: readonly ServerSnapshot[],
  now: Date,
): Promise<Map<string, ServerWrite>> {
  const at = now.toISOString();
  const result = await db.execute(sql`
    with s_in as (
      select * from jsonb_to_recordset(${JSON.stringify(serverInputsOf(snapshots))}::jsonb) as s(id text,
        registry_name text, title text, description text, version text, repository jsonb, repository_key text,
        website_url text, packages jsonb, remotes jsonb, status text, introspection jsonb, tentative boolean)
    ),
    old as (select id from servers where id in (select id from s_in)),
    srv as (
      insert into servers (id, registry_name, title, description, version, repository, repository_key, website_url,
        packages, remotes, status, introspection, first_seen_at, last_seen_at, updated_at)
      select s.id, coalesce(s.registry_name, cur.registry_name), coalesce(s.title, cur.title),
        coalesce(s.description, cur.description), coalesce(s.version, cur.version),
        coalesce(s.repository, cur.repository), coalesce(s.repository_key, cur.repository_key),
        coalesce(s.website_url, cur.website_url), coalesce(s.packages, cur.packages, '[]'::jsonb),
        coalesce(s.remotes, cur.remotes, '[]'::jsonb), coalesce(s.status, cur.status, 'active'),
        coalesce(s.introspection, cur.introspection), ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
      from s_in s left join servers cur on cur.id = s.id
      where not (s.tentative and cur.id is not null)
      on conflict (id) do update set registry_name = excluded.registry_name, title = excluded.title,
        description = excluded.description, version = excluded.version, repository = excluded.repository,
        repository_key = excluded.repository_key, website_url = excluded.website_url, packages = excluded.packages,
        remotes = excluded.remotes, status = excluded.status, introspection = excluded.introspection,
        last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at
    ),
    -- An older version of a stored server must not overwrite the latest: it only marks the server seen.
    touched as (
      update servers set last_seen_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      where id in (select s.id from s_in s join old using (id) where s.tentative)
    ),
    src_in as (
      select distinct on (server_id, source, source_id) * from jsonb_to_recordset(
        ${JSON.stringify(sourceInputsOf(snapshots))}::jsonb) as x(server_id text, source text, source_id text, url text)
    ),
    src as (
      insert into server_sources (server_id, source, source_id, url, first_seen_at, last_seen_at)
      select server_id, source, source_id, url, ${at}::timestamptz, ${at}::timestamptz from src_in
      on conflict (server_id, source, source_id) do update
        set last_seen_at = excluded.last_seen_at, url = coalesce(excluded.url, server_sources.url)
    ),
    -- Packages are replaced for servers whose snapshot lists them (a tentative one only when it is new).
    pkg_servers as (
      select s.id from s_in s where s.packages is not null and not (s.tentative and s.id in (select id from old))
    ),
    pkg_in as (
      select * from jsonb_to_recordset(${JSON.stringify(packageInputsOf(snapshots))}::jsonb) as p(server_id text,
        registry_type text, identifier text, package_key text, version text, transport text, install_command text)
      where server_id in (select id from pkg_servers)
    ),
    pkg_del as (
      delete from server_packages p where p.server_id in (select id from pkg_servers) and not exists (
        select 1 from pkg_in i
        where i.server_id = p.server_id and i.registry_type = p.registry_type and i.identifier = p.identifier)
    ),
    pkg as (
      insert into server_packages (server_id, registry_type, identifier, package_key, version, transport,
        install_command)
      select server_id, registry_type, identifier, package_key, version, transport, install_command from pkg_in
      on conflict (server_id, registry_type, identifier) do update set package_key = excluded.package_key,
        version = excluded.version, transport = excluded.transport, install_command = excluded.install_command
    ),
    ver_in as (
      select * from jsonb_to_recordset(${JSON.stringify(versionInputsOf(snapshots))}::jsonb) as v(server_id text,
        version text, status text, is_latest boolean, published_at timestamptz, updated_at timestamptz,
        document jsonb)
    ),
    ver_old as (
      select server_id, version, status from server_versions where server_id in (select server_id from ver_in)
    ),
    ver as (
      insert into server_versions (server_id, version, status, is_latest, published_at, updated_at, document,
        first_seen_at)
      select server_id, version, status, is_latest, published_at, updated_at, document, ${at}::timestamptz
      from ver_in
      on conflict (server_id, version) do update set status = excluded.status, is_latest = excluded.is_latest,
        published_at = excluded.published_at, updated_at = excluded.updated_at, document = excluded.document
      returning server_id, version, status
    ),
    -- Only one version is the latest: a newer one demotes the others.
    ver_demote as (
      update server_versions v set is_latest = false
      where v.is_latest and v.server_id in (select server_id from ver_in where is_latest)
        and not exists (select 1 from ver_in i where i.server_id = v.server_id and i.version = v.version)
    )
    select s.id, s.id not in (select id from old) as is_new,
      (select count(*) from ver left join ver_old o using (server_id, version)
        where ver.server_id = s.id and o.status is distinct from ver.status)::int as versions_changed
    from s_in s
  `);
  return new Map(
    rowsOf<Record<string, unknown>>(result).map((row) => [
      String(row.id),
      { isNew: row.is_new === true, versionsChanged: Number(row.versions_changed ?? 0) },
    ]),
  );
}
