// API keys in the catalogue: created and stored as a hash, listed without secrets, revoked, looked up per request.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { apiKeys } from '../schema/index.js';

/** The scopes a key can hold: storing classified servers, submitting servers for crawling. */
export const KEY_SCOPES = ['classify:store', 'servers:submit'] as const;
/** One scope a key can hold. */
export type KeyScope = (typeof KEY_SCOPES)[number];

/** The sha256 (hex) under which a key is stored; the key itself never is. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

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

/** Creates a key and stores only its hash; the key is in the answer, once. */
export async function createKey(
  db: Database,
  request: { name: string; scopes: readonly KeyScope[] },
): Promise<{ key: string; summary: KeySummary }> {
  const key = `trk_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name: request.name,
      prefix: key.slice(0, 12),
      keyHash: hashKey(key),
      scopes: [...request.scopes],
    })
    .returning(summary);
  if (!row) throw new Error('insert into api_keys returned no row');
  return { key, summary: row };
}

/** Every key, oldest first. */
export async function listKeys(db: Database): Promise<KeySummary[]> {
  return db.select(summary).from(apiKeys).orderBy(asc(apiKeys.id));
}

/** Revokes a key by id or prefix; returns it, or undefined when no active key matched. */
export async function revokeKey(db: Database, idOrPrefix: string): Promise<KeySummary | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(keyNamed(idOrPrefix), isNull(apiKeys.revokedAt)))
    .returning(summary);
  return row;
}

/** The key an operator names: by its id (digits) or by the prefix listings show. */
export function keyNamed(idOrPrefix: string): SQL {
  return /^\d+$/.test(idOrPrefix) ? eq(apiKeys.id, Number(idOrPrefix)) : eq(apiKeys.prefix, idOrPrefix);
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
