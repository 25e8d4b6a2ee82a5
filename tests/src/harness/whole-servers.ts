// Reading an embedded data directory after a failure: every stored server whole, none half-written.
import { createDb } from '@toolrisk/db';
import {
  classifications,
  serverSources,
  servers,
  serverVersions,
  tools,
  toolVersions,
} from '@toolrisk/db/testing';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { expect } from 'vitest';

/**
 * Every stored server is whole: its current tools all of one import and all classified, its versions kept.
 * `marked` counts the servers whose description ends with `mark` (what one crawl's registry served).
 */
export async function expectNoHalfWrittenServer(
  dataDir: string,
  mark?: string,
): Promise<{ servers: number; tools: number; marked: number }> {
  const handle = await createDb({ dataDir });
  try {
    const stored = await handle.db.select().from(servers);
    const marked =
      mark === undefined ? 0 : stored.filter((server) => server.description?.endsWith(mark)).length;
    let toolCount = 0;
    for (const server of stored) {
      const current = await handle.db
        .select({ description: tools.description, verdict: classifications.id, version: toolVersions.id })
        .from(tools)
        .leftJoin(
          classifications,
          and(eq(classifications.toolId, tools.id), eq(classifications.definitionHash, tools.definitionHash)),
        )
        .leftJoin(
          toolVersions,
          and(eq(toolVersions.toolId, tools.id), eq(toolVersions.definitionHash, tools.definitionHash)),
        )
        .where(and(eq(tools.serverId, server.id), isNull(tools.removedAt)));
      toolCount += current.length;
      expect(current.length, server.id).toBe(server.toolCount);
      expect(current.filter((row) => row.verdict === null || row.version === null)).toEqual([]);
      // One import wrote every current tool of a server: all carry the same revision.
      const revisions = new Set(current.map((row) => /\(rev (\d+)\)$/.exec(row.description ?? '')?.[1]));
      expect(revisions.size, server.id).toBeLessThanOrEqual(1);
      const sources = await handle.db
        .select({ source: serverSources.source })
        .from(serverSources)
        .where(eq(serverSources.serverId, server.id));
      if (sources.some((row) => row.source === 'registry')) {
        const [versions] = await handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(serverVersions)
          .where(eq(serverVersions.serverId, server.id));
        expect(versions?.n, server.id).toBeGreaterThan(0);
      }
    }
    return { servers: stored.length, tools: toolCount, marked };
  } finally {
    await handle.close();
  }
}
