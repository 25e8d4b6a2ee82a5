// The tools aggregate: current definitions, every definition ever seen, and their classifications.
import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { toolSearchVector } from '../catalogue/search-text.js';
import { crawlRuns } from './crawls.js';
import { servers } from './servers.js';

/** A tool as its server currently (or last) announced it. */
export const tools = pgTable(
  'tools',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    serverId: text()
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    title: text(),
    description: text(),
    inputSchema: jsonb().$type<Record<string, unknown>>(),
    annotations: jsonb().$type<Record<string, unknown>>(),
    /** The whole definition as received (minus nothing), for exact history and diffs. */
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    /** sha256 of the canonical JSON definition. */
    definitionHash: text().notNull(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the definition hash last changed. */
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when a crawl no longer finds the tool; cleared if it comes back. */
    removedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('tools_server_name_key').on(table.serverId, table.name),
    index('tools_changed_at_idx').on(table.changedAt),
    index('tools_search_idx').using('gin', toolSearchVector(table)),
  ],
);

/** Every definition a tool had, one row per change (a revert to an old definition is a new row). */
export const toolVersions = pgTable(
  'tool_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    toolId: integer()
      .notNull()
      .references(() => tools.id, { onDelete: 'cascade' }),
    definitionHash: text().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    crawlRunId: integer().references(() => crawlRuns.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('tool_versions_tool_idx').on(table.toolId, table.seenAt),
    index('tool_versions_seen_at_idx').on(table.seenAt),
  ],
);

/** The classifier's verdict on one definition of one tool, per classifier version. */
export const classifications = pgTable(
  'classifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    toolId: integer()
      .notNull()
      .references(() => tools.id, { onDelete: 'cascade' }),
    definitionHash: text().notNull(),
    classifierVersion: text().notNull(),
    category: text().notNull(),
    risk: text().notNull(),
    factors: jsonb().$type<string[]>().notNull(),
    confidence: real().notNull(),
    rationale: text().notNull(),
    evidence: jsonb().$type<unknown[]>().notNull(),
    fiveClass: text().notNull(),
    /** A model's second opinion when one was asked (see llm_opinions), merged into the fields above. */
    secondOpinion: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('classifications_tool_hash_version_key').on(
      table.toolId,
      table.definitionHash,
      table.classifierVersion,
    ),
    index('classifications_risk_idx').on(table.risk),
  ],
);

/** Cached model answers, keyed so a definition is asked about once per model and prompt version. */
export const llmOpinions = pgTable(
  'llm_opinions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    definitionHash: text().notNull(),
    model: text().notNull(),
    promptVersion: text().notNull(),
    /** ok | failed | refused */
    outcome: text().notNull(),
    opinion: jsonb().$type<Record<string, unknown>>(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    costUsd: real().notNull().default(0),
    latencyMs: integer().notNull().default(0),
    viaBatch: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('llm_opinions_key').on(table.definitionHash, table.model, table.promptVersion)],
);
