// API keys in the database: created with a hash, listed without secrets, revoked, and looked up per request.
import { apiKeys, type Database } from '@toolrisk/db';
import { and, asc, eq, isNull } from 'drizzle-orm';

/** A key as listings show it: never the secret, never the hash. */
export interface KeySummary {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Stores a new key by its hash; returns its summary. */
export async function insertKey(
  db: Database,
  key: { name: string; prefix: string; keyHash: string; scopes: string[] },
): Promise<KeySummary> {
  const [row] = await db.insert(apiKeys).values(key).returning(summary);
  if (!row) throw new Error('insert into api_keys returned no row');
  return row;
}

/** Every key, oldest first. */
export async function listKeys(db: Database): Promise<KeySummary[]> {
  return db.select(summary).from(apiKeys).orderBy(asc(apiKeys.id));
}

/** Revokes a key by id or prefix; returns it, or undefined when no active key matched. */
export async function revokeKey(db: Database, idOrPrefix: string): Promise<KeySummary | undefined> {
  const match = /^\d+$/.test(idOrPrefix)
    ? eq(apiKeys.id, Number(idOrPrefix))
    : eq(apiKeys.prefix, idOrPrefix);
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(match, isNull(apiKeys.revokedAt)))
    .returning(summary);
  return row;
}

/** The unrevoked key with this hash (and marks it used), or undefined. */
export async function findActiveKey(
  db: Database,
  keyHash: string,
): Promise<{ id: number; name: string; scopes: string[] } | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes });
  return row;
}
