// Who may write what: an API key stores over a catalogue server only when that server is its own.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { serverSubmissions, servers } from '../schema/index.js';

/** The source an API key's stores are recorded under (`servers.sources`, kind `api`). */
export function keySourceRef(keyId: number): string {
  return `key:${keyId}`;
}

/** Sources that make a server the catalogue's own: an API key never stores over them. */
const CATALOGUE_KINDS: ReadonlySet<string> = new Set(['seed', 'registry', 'list', 'explicit', 'import']);

/** Whether the key may store this server, and when not, why. */
export type StoreRight =
  | { isAllowed: true; reason: 'new' | 'stored-by-key' | 'submitted-by-key' }
  | { isAllowed: false; reason: 'catalogue' | 'other-owner' };

/**
 * Whether an API key may store a snapshot of this server id: a new id is allowed; a server the catalogue holds
 * from the seed, a registry, a list, an operator's file or import is refused; otherwise it must be one this key
 * stored before or submitted (POST /v1/servers), never another key's.
 */
export async function storeRightOf(db: Database, serverId: string, keyId: number): Promise<StoreRight> {
  const [server] = await db
    .select({ sources: servers.sources })
    .from(servers)
    .where(eq(servers.id, serverId));
  if (!server) return { isAllowed: true, reason: 'new' };
  if (server.sources.some((source) => CATALOGUE_KINDS.has(source.kind))) {
    return { isAllowed: false, reason: 'catalogue' };
  }
  const ref = keySourceRef(keyId);
  if (server.sources.some((source) => source.kind === 'api' && source.ref === ref)) {
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
