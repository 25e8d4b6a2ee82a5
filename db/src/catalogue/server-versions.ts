// Every registry version of a server, as rows for server_versions: one per version, one of them the latest.

/** One registry version of a server, as a snapshot carries it. */
export interface ServerVersionSnapshot {
  version: string;
  status: string;
  isLatest: boolean;
  publishedAt?: string | undefined;
  updatedAt?: string | undefined;
  document: Record<string, unknown>;
}

/** One version as the snapshot statement reads it. */
export interface ServerVersionInput {
  version: string;
  status: string;
  is_latest: boolean;
  published_at: string | null;
  updated_at: string | null;
  document: Record<string, unknown>;
}

function isoOrNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The versions as rows, one per version string (the last listed wins, as the registry lists newer items later),
 * with at most one latest: the last one flagged, as when each flagged version demoted the others in turn.
 */
export function versionRowsOf(versions: readonly ServerVersionSnapshot[]): ServerVersionInput[] {
  const byVersion = new Map<string, ServerVersionInput>();
  let latest: string | undefined;
  for (const version of versions) {
    byVersion.delete(version.version);
    byVersion.set(version.version, {
      version: version.version,
      status: version.status,
      is_latest: version.isLatest,
      published_at: isoOrNull(version.publishedAt),
      updated_at: isoOrNull(version.updatedAt),
      document: version.document,
    });
    if (version.isLatest) latest = version.version;
  }
  return [...byVersion.values()].map((row) => ({ ...row, is_latest: row.version === latest }));
}
