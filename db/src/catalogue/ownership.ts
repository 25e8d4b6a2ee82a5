// Who may write what: an API key stores a server only when it is the key's own, checked in the transaction that
// stores it; operators grant keys server ids.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client.js';
import { apiKeyGrants, apiKeys, serverSources, serverSubmissions } from '../schema/index.js';
import { keyNamed } from './keys.js';
import type { ServerSnapshot, SnapshotClassifications, SnapshotOutcome } from './snapshot-types.js';
import { lockServerId, type SnapshotOptions, writeSnapshot } from './snapshots.js';

/** The source id an API key's stores are recorded under (server_sources, source `api`). */
export function keySourceRef(keyId: number): string {
  return `key:${keyId}`;
}

/** Sources that make a server the catalogue's own: an API key never stores over them. */
const CATALOGUE_KINDS: ReadonlySet<string> = new Set([
  'seed',
  'registry',
  'list',
  'explicit',
  'import',
  'smithery',
  'docker',
  'livemcpbench',
]);

/** Whether the key may store this server, and when not, why. */
export type StoreRight =
  | { isAllowed: true; reason: 'new' | 'granted' | 'stored-by-key' | 'submitted-by-key' }
  | { isAllowed: false; reason: 'catalogue' | 'granted-to-other' | 'other-owner' };

/** What a key's store did: the snapshot stored, or the reason it was refused (and nothing written). */
export type KeyStoreResult =
  | { isStored: true; right: StoreRight & { isAllowed: true }; outcome: SnapshotOutcome }
  | { isStored: false; right: StoreRight & { isAllowed: false } };

/**
 * Stores a snapshot on behalf of API key `keyId` when the key may store that server (`storeRightOf`), the check
 * and the write in one transaction holding the server id's lock: no other writer (a crawl, an import, another
 * key) can make the server someone else's between the two.
 */
export async function storeSnapshotAsKey(
  db: Database,
  keyId: number,
  snapshot: ServerSnapshot,
  classifications: SnapshotClassifications,
  options: SnapshotOptions = {},
): Promise<KeyStoreResult> {
  return db.transaction(async (tx) => {
    await lockServerId(tx, snapshot.id);
    const right = await storeRightOf(tx, snapshot.id, keyId);
    if (!right.isAllowed) return { isStored: false, right };
    return { isStored: true, right, outcome: await writeSnapshot(tx, snapshot, classifications, options) };
  });
}

/**
 * Whether an API key may store a snapshot of this server id. A server the catalogue holds from the seed, a
 * registry, a list, an operator's file or import is refused; a server id granted to keys belongs to them alone
 * (granted or not yet stored); any other new id is allowed; otherwise it must be one this key stored before or
 * submitted (POST /v1/servers), never another key's. Run it in the transaction that stores, under the id's lock.
 */
export async function storeRightOf(db: Database, serverId: string, keyId: number): Promise<StoreRight> {
  const sources = await sourcesOf(db, serverId);
  if (sources.some((source) => CATALOGUE_KINDS.has(source.source))) {
    return { isAllowed: false, reason: 'catalogue' };
  }
  const grantees = await db
    .select({ apiKeyId: apiKeyGrants.apiKeyId })
    .from(apiKeyGrants)
    .where(eq(apiKeyGrants.serverId, serverId));
  if (grantees.some((grant) => grant.apiKeyId === keyId)) return { isAllowed: true, reason: 'granted' };
  if (grantees.length > 0) return { isAllowed: false, reason: 'granted-to-other' };
  // Every stored server has at least one source: none means the id is new.
  if (sources.length === 0) return { isAllowed: true, reason: 'new' };
  const ref = keySourceRef(keyId);
  if (sources.some((source) => source.source === 'api' && source.sourceId === ref)) {
    return { isAllowed: true, reason: 'stored-by-key' };
  }
  const [submitted] = await db
    .select({ id: serverSubmissions.id })
    .from(serverSubmissions)
    .where(and(eq(serverSubmissions.serverId, serverId), eq(serverSubmissions.apiKeyId, keyId)))
    .limit(1);
  return submitted
    ? { isAllowed: true, reason: 'submitted-by-key' }
    : { isAllowed: false, reason: 'other-owner' };
}

/** Where a server was seen (server_sources); none when the id is not stored. */
async function sourcesOf(db: Database, serverId: string): Promise<{ source: string; sourceId: string }[]> {
  return db
    .select({ source: serverSources.source, sourceId: serverSources.sourceId })
    .from(serverSources)
    .where(eq(serverSources.serverId, serverId));
}

/** What granting a server id to a key did. */
export type GrantResult =
  | { isGranted: true; keyId: number; keyName: string; isNew: boolean }
  | { isGranted: false; reason: 'no-key' | 'catalogue' };

/**
 * Grants server id `serverId` to the active key `idOrPrefix` (idempotent). A catalogue server is never granted:
 * a key may not store over what the catalogue crawled or imported, grant or not.
 */
export async function grantServer(db: Database, idOrPrefix: string, serverId: string): Promise<GrantResult> {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(and(keyNamed(idOrPrefix), isNull(apiKeys.revokedAt)));
    if (!key) return { isGranted: false, reason: 'no-key' };
    await lockServerId(tx, serverId);
    const sources = await sourcesOf(tx, serverId);
    if (sources.some((source) => CATALOGUE_KINDS.has(source.source))) {
      return { isGranted: false, reason: 'catalogue' };
    }
    const inserted = await tx
      .insert(apiKeyGrants)
      .values({ apiKeyId: key.id, serverId })
      .onConflictDoNothing()
      .returning({ serverId: apiKeyGrants.serverId });
    return { isGranted: true, keyId: key.id, keyName: key.name, isNew: inserted.length > 0 };
  });
}

/** Withdraws a grant; false when the key (by id or prefix) held no grant of that server id. */
export async function ungrantServer(db: Database, idOrPrefix: string, serverId: string): Promise<boolean> {
  const [key] = await db.select({ id: apiKeys.id }).from(apiKeys).where(keyNamed(idOrPrefix));
  if (!key) return false;
  const removed = await db
    .delete(apiKeyGrants)
    .where(and(eq(apiKeyGrants.apiKeyId, key.id), eq(apiKeyGrants.serverId, serverId)))
    .returning({ serverId: apiKeyGrants.serverId });
  return removed.length > 0;
}

/** Every grant, by key id then server id. */
export async function listGrants(db: Database): Promise<{ apiKeyId: number; serverId: string }[]> {
  return db
    .select({ apiKeyId: apiKeyGrants.apiKeyId, serverId: apiKeyGrants.serverId })
    .from(apiKeyGrants)
    .orderBy(asc(apiKeyGrants.apiKeyId), asc(apiKeyGrants.serverId));
}
