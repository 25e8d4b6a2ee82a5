// The public sitemap's reads: which servers and tools are public, and their pages in keyset chunks.
import { and, asc, count, eq, gt, gte, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { serverSources, servers, tools } from '../schema/index.js';
import { rowsOf } from './raw-rows.js';

/**
 * A server is public once something other than an API key's own store saw it: a registry, a list, a crawl, the seed.
 * A server only keys stored (`POST /v1/classify?store=true`, source kind `api`) waits until it is crawled.
 */
export function isPublicServer(): SQL {
  // A scalar subquery, not EXISTS: the planner keeps it a per-row probe of server_sources' (server_id, …) index,
  // so a sitemap file stays a keyset range of servers_pkey instead of a hash join over every server.
  return sql`(select 1 from ${serverSources} where ${serverSources.serverId} = ${servers.id} and ${serverSources.source} <> 'api' limit 1) is not null`;
}

/** How many public servers and current tools of public servers the sitemap lists. */
export async function sitemapCounts(db: Database): Promise<{ servers: number; tools: number }> {
  const [serverCount] = await db.select({ n: count() }).from(servers).where(isPublicServer());
  const [toolCount] = await db
    .select({ n: count() })
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .where(and(isNull(tools.removedAt), isPublicServer()));
  return { servers: Number(serverCount?.n ?? 0), tools: Number(toolCount?.n ?? 0) };
}

/**
 * The first key of every chunk of `size` entries (server ids, tool ids), so chunk N is "from key N on, `size` of
 * them": each chunk is then one keyset range read off the primary key, whatever its position.
 */
export async function sitemapChunkStarts(
  db: Database,
  size: number,
): Promise<{ servers: string[]; tools: number[] }> {
  const serverStarts = await db.execute<{ id: string }>(
    sql`select id from (select ${servers.id} as id, row_number() over (order by ${servers.id}) as n from ${servers} where ${isPublicServer()}) s where (n - 1) % ${size} = 0 order by id`,
  );
  const toolStarts = await db.execute<{ id: number }>(
    sql`select id from (select ${tools.id} as id, row_number() over (order by ${tools.id}) as n from ${tools} inner join ${servers} on ${servers.id} = ${tools.serverId} where ${tools.removedAt} is null and ${isPublicServer()}) t where (n - 1) % ${size} = 0 order by id`,
  );
  return {
    servers: rowsOf<{ id: string }>(serverStarts).map((row) => row.id),
    tools: rowsOf<{ id: number }>(toolStarts).map((row) => Number(row.id)),
  };
}

/** Public servers from `from` on (by id), at most `limit`. */
export async function sitemapServers(
  db: Database,
  options: { from?: string | undefined; limit: number },
): Promise<{ id: string; lastSeenAt: Date }[]> {
  return db
    .select({ id: servers.id, lastSeenAt: servers.lastSeenAt })
    .from(servers)
    .where(and(isPublicServer(), options.from === undefined ? undefined : gte(servers.id, options.from)))
    .orderBy(asc(servers.id))
    .limit(options.limit);
}

/** Current tools of public servers from tool id `from` on, at most `limit`. */
export async function sitemapTools(
  db: Database,
  options: { from?: number | undefined; limit: number },
): Promise<{ serverId: string; name: string; changedAt: Date }[]> {
  return db
    .select({ serverId: tools.serverId, name: tools.name, changedAt: tools.changedAt })
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .where(
      and(
        isNull(tools.removedAt),
        isPublicServer(),
        options.from === undefined ? undefined : gt(tools.id, options.from - 1),
      ),
    )
    .orderBy(asc(tools.id))
    .limit(options.limit);
}
