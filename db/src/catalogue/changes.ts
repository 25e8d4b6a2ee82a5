// The feed of definition changes: every row of tool_versions since a time, oldest first, cursor-paged.

import { and, asc, gte, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { tools, toolVersions } from '../schema/index.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';

/** One definition change: which tool, which definition, when it was seen. */
export interface ChangeRow {
  serverId: string;
  name: string;
  definitionHash: string;
  seenAt: Date;
  /** True when this was the tool's first definition (the tool appeared). */
  isNewTool: boolean;
}

/** A page of changes and the cursor of the next, if any. */
export interface ChangePage {
  changes: ChangeRow[];
  nextCursor: string | undefined;
}

/** Changes seen at or after `since`, in (seenAt, id) order, `limit` at a time after the cursor. */
export async function listChanges(
  db: Database,
  options: { since?: Date | undefined; limit: number; cursor?: string | undefined },
): Promise<ChangePage> {
  const decoded = decodeCursor(options.cursor, 2);
  const filters: (SQL | undefined)[] = [];
  if (options.since) filters.push(gte(toolVersions.seenAt, options.since));
  if (decoded) {
    const [seenAt = '', id = ''] = decoded;
    const versionId = Number(id);
    // The database's own text of the timestamp, so microseconds survive the round trip.
    if (!/^[\d\-:. +T]{10,40}$/.test(seenAt) || !Number.isSafeInteger(versionId)) rejectCursor();
    filters.push(sql`(${toolVersions.seenAt}, ${toolVersions.id}) > (${seenAt}::timestamptz, ${versionId})`);
  }
  const rows = await db
    .select({
      id: toolVersions.id,
      serverId: tools.serverId,
      name: tools.name,
      definitionHash: toolVersions.definitionHash,
      seenAt: toolVersions.seenAt,
      isNewTool: sql<boolean>`${toolVersions.seenAt} <= ${tools.firstSeenAt}`,
      cursorAt: sql<string>`${toolVersions.seenAt}::text`,
    })
    .from(toolVersions)
    .innerJoin(tools, sql`${tools.id} = ${toolVersions.toolId}`)
    .where(and(...filters))
    .orderBy(asc(toolVersions.seenAt), asc(toolVersions.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    changes: page.map(({ id: _id, cursorAt: _at, ...change }) => ({
      ...change,
      isNewTool: Boolean(change.isNewTool),
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor([last.cursorAt, String(last.id)]) : undefined,
  };
}
