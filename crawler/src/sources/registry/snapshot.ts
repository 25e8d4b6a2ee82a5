// A registry server (all its versions listed) as a server snapshot: metadata of the latest, every version kept.
import {
  keyOfRepository,
  packageEntriesOf,
  type ServerIdentity,
  type ServerSnapshot,
  slugify,
} from '@toolrisk/db';
import { latestRecord, type RegistryRecord } from './record.js';

/** One registry name with the versions listed for it and the one whose metadata the server shows. */
export interface RegistryServer {
  name: string;
  records: RegistryRecord[];
  latest: RegistryRecord;
}

/** Groups list items' records by server name, in first-seen order; names without a usable record are dropped. */
export function groupRegistryRecords(records: readonly RegistryRecord[]): RegistryServer[] {
  const byName = new Map<string, RegistryRecord[]>();
  for (const record of records) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  return [...byName].flatMap(([name, group]) => {
    const latest = latestRecord(group);
    return latest ? [{ name, records: group, latest }] : [];
  });
}

/** What identifies a registry server: its name first, then its packages and repository. */
export function identityOfRegistryServer({ name, latest }: RegistryServer): ServerIdentity {
  return {
    slug: slugify(name),
    source: { kind: 'registry', ref: name },
    registryName: name,
    packageKeys: packageEntriesOf(latest.packages).map((entry) => entry.packageKey),
    repositoryKey: keyOfRepository(latest.repository),
  };
}

/** The snapshot of a registry server stored as `id`; `url` is where the registry lists its versions. */
export function snapshotOfRegistryServer(
  server: RegistryServer,
  id: string,
  url: string | undefined,
): ServerSnapshot {
  const { name, records, latest } = server;
  return {
    id,
    registryName: name,
    title: latest.title,
    description: latest.description,
    version: latest.version,
    repository: latest.repository,
    websiteUrl: latest.websiteUrl,
    packages: latest.packages,
    remotes: latest.remotes,
    status: latest.status,
    // Only the latest version's metadata may overwrite what a server already shows.
    isTentative: !latest.isLatest,
    versions: records.map((record) => ({
      version: record.version,
      status: record.status,
      isLatest: record.isLatest,
      publishedAt: record.publishedAt,
      updatedAt: record.updatedAt,
      document: record.document,
    })),
    source: { kind: 'registry', ref: name, url },
    tools: null,
  };
}
