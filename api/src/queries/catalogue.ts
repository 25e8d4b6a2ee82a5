// Reading the catalogue: servers, their tools with current classifications, and definition history.
import { CLASSIFIER_VERSION } from '@toolrisk/classifier';
import {
  type ClassificationRow,
  classifications,
  type Database,
  type ServerRow,
  servers,
  type ToolRow,
  tools,
  toolVersions,
} from '@toolrisk/db';
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from './cursor.js';

/** One page of servers and the cursor of the next, if any. */
export interface ServerPage {
  servers: ServerRow[];
  nextCursor: string | undefined;
}

/** Lists servers by id, `limit` at a time, after the cursor. */
export async function listServers(
  db: Database,
  options: { limit: number; cursor?: string | undefined },
): Promise<ServerPage> {
  const after = decodeCursor(options.cursor, 1)?.[0];
  const rows = await db
    .select()
    .from(servers)
    .where(after === undefined ? undefined : gt(servers.id, after))
    .orderBy(asc(servers.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    servers: page,
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.id]) : undefined,
  };
}

/** One server by id, or undefined. */
export async function getServer(db: Database, id: string): Promise<ServerRow | undefined> {
  const [row] = await db.select().from(servers).where(eq(servers.id, id));
  return row;
}

/** A tool with its classification by the current classifier (null until classified). */
export interface ClassifiedToolRow {
  tool: ToolRow;
  classification: ClassificationRow | null;
}

const currentClassification = and(
  eq(classifications.toolId, tools.id),
  eq(classifications.definitionHash, tools.definitionHash),
  eq(classifications.classifierVersion, CLASSIFIER_VERSION),
);

/** A server's current tools (removed ones excluded), by name. */
export async function listServerTools(db: Database, serverId: string): Promise<ClassifiedToolRow[]> {
  return db
    .select({ tool: tools, classification: classifications })
    .from(tools)
    .leftJoin(classifications, currentClassification)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(asc(tools.name));
}

/** One tool of a server by name (also when removed), or undefined. */
export async function getTool(
  db: Database,
  serverId: string,
  name: string,
): Promise<ClassifiedToolRow | undefined> {
  const [row] = await db
    .select({ tool: tools, classification: classifications })
    .from(tools)
    .leftJoin(classifications, currentClassification)
    .where(and(eq(tools.serverId, serverId), eq(tools.name, name)));
  return row;
}

/** Every definition a tool had, newest first. */
export async function getToolHistory(db: Database, toolId: number) {
  return db
    .select({
      definitionHash: toolVersions.definitionHash,
      definition: toolVersions.definition,
      seenAt: toolVersions.seenAt,
    })
    .from(toolVersions)
    .where(eq(toolVersions.toolId, toolId))
    .orderBy(desc(toolVersions.seenAt), desc(toolVersions.id));
}
