// Registry servers that ship an npm package: what a package crawl introspects in the sandbox.
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { rowsOf } from './raw-rows.js';

/** A registry server with at least one npm package entry, as the registry described it. */
export interface PackagedServer {
  id: string;
  registryName: string;
  title: string | null;
  version: string | null;
  /** The registry's package entries (npm only), untrusted registry data. */
  packages: Record<string, unknown>[];
  /** True when its tools have been listed before (by any source). */
  hasTools: boolean;
}

/**
 * Registry servers, not deleted, with an npm package entry, in id order: only those whose tools were never listed
 * unless `includeListed`; at most `limit`.
 */
export async function packagedServers(
  db: Database,
  options: { limit: number; includeListed?: boolean },
): Promise<PackagedServer[]> {
  const result = await db.execute(sql`
    select s.id, s.registry_name, s.title, s.version, s.packages,
      exists (select 1 from tools t where t.server_id = s.id) as has_tools
    from servers s
    where s.registry_name is not null
      and coalesce(s.status, 'active') <> 'deleted'
      and jsonb_typeof(s.packages) = 'array'
      and exists (
        select 1 from jsonb_array_elements(s.packages) p where p->>'registryType' = 'npm'
      )
      ${options.includeListed ? sql`` : sql`and not exists (select 1 from tools t where t.server_id = s.id)`}
    order by s.id
    limit ${options.limit}
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    id: String(row.id),
    registryName: String(row.registry_name),
    title: typeof row.title === 'string' ? row.title : null,
    version: typeof row.version === 'string' ? row.version : null,
    packages: (Array.isArray(row.packages) ? row.packages : []).filter(
      (entry): entry is Record<string, unknown> =>
        entry !== null && typeof entry === 'object' && !Array.isArray(entry) && entry.registryType === 'npm',
    ),
    hasTools: row.has_tools === true,
  }));
}
