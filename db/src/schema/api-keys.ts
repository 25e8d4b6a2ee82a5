// API keys: only a hash of each key is stored; the key itself is shown once, at creation.
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** One API key, stored as the sha256 of the secret. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** The first characters of the key, shown in listings to tell keys apart. */
    prefix: text().notNull(),
    keyHash: text().notNull(),
    scopes: jsonb().$type<string[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [uniqueIndex('api_keys_key_hash_key').on(table.keyHash)],
);

/**
 * A server id an operator granted to a key (`toolrisk keys grant`): the key may store that server with
 * `classify:store`, and a key without a grant on it may not. The id need not exist yet (a grant reserves it).
 */
export const apiKeyGrants = pgTable(
  'api_key_grants',
  {
    apiKeyId: integer()
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    serverId: text().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.apiKeyId, table.serverId] }),
    index('api_key_grants_server_idx').on(table.serverId),
  ],
);
