// Reading one registry list item (any schema version, current or legacy) into a normalised server version record.
import {
  type DocumentIssue,
  type DocumentLimit,
  INPUT_LIMITS,
  jsonLimitIssue,
  textLimitIssue,
} from '@toolrisk/classifier';

/** The official registry's meta key (SOURCES.md §1.2). */
export const OFFICIAL_META_KEY = 'io.modelcontextprotocol.registry/official';

/** One published version of one server, as the registry lists it. */
export interface RegistryRecord {
  name: string;
  version: string;
  title?: string | undefined;
  description?: string | undefined;
  repository?: Record<string, unknown> | undefined;
  websiteUrl?: string | undefined;
  packages: Record<string, unknown>[];
  remotes: Record<string, unknown>[];
  /** active | deprecated | deleted */
  status: string;
  isLatest: boolean;
  publishedAt?: string | undefined;
  updatedAt?: string | undefined;
  /** The server.json exactly as listed, kept in server_versions. */
  document: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Reads a list item; a string says why it is unusable. */
export function readRegistryRecord(item: unknown): RegistryRecord | string {
  if (!isObject(item)) return 'list item is not an object';
  // Current format: {server, _meta}; legacy seed and very old lists: the server object itself.
  const server = isObject(item.server) ? item.server : item;
  const name = text(server.name);
  if (name === undefined) return 'list item has no server name';
  const meta = officialMeta(item, server);
  const versionDetail = isObject(server.version_detail) ? server.version_detail : {};
  const version = text(server.version) ?? text(versionDetail.version);
  if (version === undefined) return `${name}: no version`;
  const repository = isObject(server.repository) ? server.repository : undefined;
  return {
    name,
    version,
    title: text(server.title),
    description: text(server.description),
    // An empty repository ({}, 269 records in the 2025-12 snapshot) says nothing.
    repository: repository && Object.keys(repository).length > 0 ? repository : undefined,
    websiteUrl: text(server.websiteUrl) ?? text(server.website_url),
    packages: objects(server.packages).map(normalisePackage),
    remotes: objects(server.remotes).map(normaliseRemote),
    status: text(meta.status) ?? 'active',
    isLatest: (meta.isLatest ?? meta.is_latest ?? versionDetail.is_latest) === true,
    publishedAt: text(meta.publishedAt) ?? text(meta.published_at) ?? text(versionDetail.release_date),
    updatedAt: text(meta.updatedAt) ?? text(meta.updated_at),
    document: server,
  };
}

function officialMeta(item: JsonObject, server: JsonObject): JsonObject {
  // Since 2025-09-29 the meta sits beside the server; before, inside server._meta.
  for (const holder of [item._meta, server._meta]) {
    if (isObject(holder) && isObject(holder[OFFICIAL_META_KEY])) return holder[OFFICIAL_META_KEY];
  }
  return {};
}

/** Adds the current field names to a legacy (snake_case) package; current packages pass unchanged. */
function normalisePackage(raw: JsonObject): JsonObject {
  if (raw.registryType !== undefined) return raw;
  const normalised: JsonObject = { ...raw };
  if (raw.registry_name !== undefined) normalised.registryType = raw.registry_name;
  if (raw.name !== undefined && raw.identifier === undefined) normalised.identifier = raw.name;
  if (raw.environment_variables !== undefined) normalised.environmentVariables = raw.environment_variables;
  return normalised;
}

function normaliseRemote(raw: JsonObject): JsonObject {
  if (raw.type !== undefined || raw.transport_type === undefined) return raw;
  return { ...raw, type: raw.transport_type };
}

/**
 * A record against the limits table, as a tool is held to it: name, version and package identifiers and versions
 * as ids, title, website and repository and remote URLs as titles, the description as a description, and the
 * repository, package and remote lists and the whole server.json as JSON (size and depth). Any error refuses the
 * record (not stored, one crawl error naming every code); an empty list means it is within them.
 */
export function registryLimitIssues(record: RegistryRecord): DocumentIssue[] {
  const texts: [unknown, DocumentLimit, string][] = [
    [record.name, INPUT_LIMITS.id, '$.name'],
    [record.version, INPUT_LIMITS.id, '$.version'],
    [record.title, INPUT_LIMITS.title, '$.title'],
    [record.description, INPUT_LIMITS.description, '$.description'],
    [record.websiteUrl, INPUT_LIMITS.title, '$.websiteUrl'],
    [record.repository?.url, INPUT_LIMITS.title, '$.repository.url'],
    ...record.packages.flatMap((item, index): [unknown, DocumentLimit, string][] => [
      [item.identifier, INPUT_LIMITS.id, `$.packages[${index}].identifier`],
      [item.version, INPUT_LIMITS.id, `$.packages[${index}].version`],
    ]),
    ...record.remotes.map((item, index): [unknown, DocumentLimit, string] => [
      item.url,
      INPUT_LIMITS.title,
      `$.remotes[${index}].url`,
    ]),
  ];
  const issues = texts.map(([value, limit, path]) =>
    typeof value === 'string' ? textLimitIssue(value, limit, path) : null,
  );
  // The whole document last: its size and depth bound every field no text limit names.
  issues.push(jsonLimitIssue(record.document, '$'));
  return issues.filter((issue): issue is DocumentIssue => issue !== null);
}

/** A parsed list page: its items and the cursor of the next page (none on the last). */
export interface RegistryPage {
  items: unknown[];
  nextCursor: string | undefined;
}

/** Reads a ServerList body; a string says why it is not one. Accepts `nextCursor` and legacy `next_cursor`. */
export function readRegistryPage(body: unknown): RegistryPage | string {
  if (Array.isArray(body)) return { items: body, nextCursor: undefined };
  if (!isObject(body)) return 'the response is not a JSON object';
  if (!Array.isArray(body.servers)) return 'the response has no "servers" array';
  const metadata = isObject(body.metadata) ? body.metadata : {};
  const nextCursor = text(metadata.nextCursor) ?? text(metadata.next_cursor) ?? text(body.next_cursor);
  return { items: body.servers, nextCursor };
}

/** Picks, among several versions of one server, the one whose metadata the server row shows: the latest. */
export function latestRecord(records: RegistryRecord[]): RegistryRecord | undefined {
  const flagged = records.find((record) => record.isLatest);
  if (flagged) return flagged;
  return [...records].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0];
}
