// The servers aggregate: one row per MCP server, and the registry versions it was published as.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { riskRankSql } from '../catalogue/risk-order.js';
import { serverSearchVector } from '../catalogue/search-text.js';

/** Where a server was seen: the registry, a directory list, an import, the seed, an API key's store (`ref` key:ID). */
export interface ServerSource {
  kind: 'seed' | 'import' | 'registry' | 'list' | 'explicit' | 'submission' | 'api';
  ref: string;
  seenAt: string;
}

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
    sources: jsonb().$type<ServerSource[]>().notNull().default(sql`'[]'::jsonb`),
    /** What the server itself said at `initialize`: serverInfo, capabilities, instructions. */
    introspection: jsonb().$type<Record<string, unknown>>(),
    /** active | deprecated | deleted, as the registry says; a crawl failure does not change it. */
    status: text().notNull().default('active'),
    toolCount: integer().notNull().default(0),
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
