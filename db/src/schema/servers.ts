// The servers aggregate: one row per MCP server, and the registry versions it was published as.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { riskRankSql } from '../catalogue/risk-order.js';
import { serverSearchVector } from '../catalogue/search-text.js';

/** The kinds of place a server is seen: a crawl source, an import, the seed, a shipped capture, an API key's store. */
export const SERVER_SOURCE_KINDS = [
  'seed',
  'import',
  'registry',
  'list',
  'explicit',
  'submission',
  'smithery',
  'docker',
  'livemcpbench',
  /** An API key's store (`source_id` key:ID): the key's own server. */
  'api',
] as const;
/** One kind of place a server is seen. */
export type ServerSourceKind = (typeof SERVER_SOURCE_KINDS)[number];

/** One MCP server in the catalogue; `id` is a stable slug used in URLs. */
export const servers = pgTable(
  'servers',
  {
    id: text().primaryKey(),
    registryName: text(),
    title: text(),
    description: text(),
    version: text(),
    repository: jsonb().$type<Record<string, unknown>>(),
    /** The repository normalised (`github.com/owner/repo[/subfolder]`), so one server listed by two sources is one row. */
    repositoryKey: text(),
    websiteUrl: text(),
    packages: jsonb().$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    remotes: jsonb().$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    /** What the server itself said at `initialize`: serverInfo, capabilities, instructions. */
    introspection: jsonb().$type<Record<string, unknown>>(),
    /** active | deprecated | deleted, as the registry says; a crawl failure does not change it. */
    status: text().notNull().default('active'),
    toolCount: integer().notNull().default(0),
    /** When a source last listed the server's tools (introspected or captured); null: not introspected yet. */
    toolsListedAt: timestamp({ withTimezone: true }),
    /** Highest risk level among the current tools, denormalised for listing and filtering. */
    highestRisk: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('servers_registry_name_key').on(table.registryName),
    index('servers_highest_risk_idx').on(table.highestRisk),
    index('servers_repository_key_idx').on(table.repositoryKey),
    index('servers_search_idx').using('gin', serverSearchVector(table)),
    /** The home page's riskiest servers and the risk-ordered listing, read in index order. */
    index('servers_risk_order_idx').on(
      sql`${riskRankSql(table.highestRisk)} desc`,
      sql`${table.toolCount} desc`,
      table.id,
    ),
  ],
);

/** Every registry version of a server ever seen (the registry lists one item per version). */
export const serverVersions = pgTable(
  'server_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serverId: text()
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    version: text().notNull(),
    status: text().notNull().default('active'),
    isLatest: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }),
    document: jsonb().$type<Record<string, unknown>>().notNull(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('server_versions_server_version_key').on(table.serverId, table.version)],
);

/** Where a server was seen (provenance): one row per source and source-specific id, e.g. smithery + `exa`. */
export const serverSources = pgTable(
  'server_sources',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serverId: text()
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    /** One of SERVER_SOURCE_KINDS. */
    source: text().$type<ServerSourceKind>().notNull(),
    /** The id the source gives it: a registry name, a Smithery qualified name, a file name, a list link. */
    sourceId: text().notNull(),
    /** Where the source shows it, when it has a page or a document for it. */
    url: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('server_sources_server_source_key').on(table.serverId, table.source, table.sourceId),
    index('server_sources_source_idx').on(table.source, table.sourceId),
  ],
);

/** A package a server is installed from (npm, pypi, oci, nuget, mcpb, cargo), normalised from `packages`. */
export const serverPackages = pgTable(
  'server_packages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serverId: text()
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    /** npm | pypi | oci | nuget | mcpb | cargo, as server.json spells registryType. */
    registryType: text().notNull(),
    /** The package name, image reference or `.mcpb` URL (server.json `identifier`). */
    identifier: text().notNull(),
    /** The identifier normalised across sources (`packageKey()`: `npm:@scope/name`, `pypi:name`, `oci:image`). */
    packageKey: text().notNull(),
    version: text(),
    /** stdio | streamable-http | sse */
    transport: text(),
    /** The command that starts it over stdio (`npx -y pkg@1.2.0`, `uvx pkg`, `docker run -i --rm image`), if one is known. */
    installCommand: text(),
  },
  (table) => [
    uniqueIndex('server_packages_server_package_key').on(
      table.serverId,
      table.registryType,
      table.identifier,
    ),
    index('server_packages_package_key_idx').on(table.packageKey),
  ],
);
