// The explicit source: servers an operator lists in a JSON file, each introspected over stdio or HTTP and stored.
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '@toolrisk/classifier';
import type { CrawlCounts, Database, ServerSnapshot } from '@toolrisk/db';
import { countOutcome, emptyCounts, finishRun, recordFailure, rootMessage, startRun } from '@toolrisk/db';
import type { CrawlErrorCode } from '../errors.js';
import { storeClassifiedSnapshot } from '../history/classify-server.js';
import { type IntrospectResult, introspectServer } from '../introspect/introspect.js';
import type { IntrospectOptions } from '../introspect/limits.js';
import { Semaphore } from '../introspect/semaphore.js';
import { readInitializeFields, readListedTools, snapshotOfIntrospection } from '../introspect/snapshot.js';
import type { ProgressListener } from '../progress.js';
import { type ExplicitServer, readServersDocument } from './explicit-file.js';

/** How to crawl explicit servers. */
export interface ServersCrawlOptions {
  introspect?: Partial<IntrospectOptions> | undefined;
  /** Introspections at once. */
  concurrency?: number | undefined;
  onProgress?: ProgressListener | undefined;
  now?: Date | undefined;
}

/** What one server's crawl gave. */
export interface ServerCrawl<Server extends StoredServerName = ExplicitServer> {
  server: Server;
  result: IntrospectResult;
  toolsStored: number;
  toolsRefused: number;
}

/** What a servers crawl did. */
export interface ServersCrawlReport {
  runId: number;
  counts: CrawlCounts;
  servers: ServerCrawl[];
}

/** Introspects every server of a servers file (at most `concurrency` at once) and stores each in its own transaction. */
export async function crawlServers(
  db: Database,
  file: string,
  options: ServersCrawlOptions = {},
): Promise<ServersCrawlReport> {
  const runId = await startRun(db, 'explicit', file, options.now);
  const counts = emptyCounts();
  const fail = async (
    target: string,
    code: CrawlErrorCode,
    message: string,
    detail?: Record<string, unknown>,
  ) => {
    counts.errors++;
    await recordFailure(db, runId, {
      target,
      stage: 'explicit',
      code,
      message,
      ...(detail ? { detail } : {}),
    });
  };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    await fail(file, 'FILE_UNREADABLE', `${file}: ${rootMessage(error)}`);
    await finishRun(db, runId, counts, { status: 'failed', now: options.now });
    return { runId, counts, servers: [] };
  }
  const parsed = parseJsonText(text);
  const document = parsed.ok
    ? readServersDocument(parsed.value)
    : { servers: [], problems: [parsed.message] };
  for (const problem of document.problems)
    await fail(file, parsed.ok ? 'DOCUMENT_INVALID' : 'JSON_MALFORMED', problem);
  const crawls = await crawlEach(db, runId, document.servers, options, counts);
  await finishRun(db, runId, counts, { now: options.now });
  return { runId, counts, servers: crawls };
}

async function crawlEach(
  db: Database,
  runId: number,
  servers: ExplicitServer[],
  options: ServersCrawlOptions,
  counts: CrawlCounts,
): Promise<ServerCrawl[]> {
  const introspections = new Semaphore(options.concurrency ?? 4);
  // One writer at a time: PGlite has one connection, and each server is one transaction anyway.
  const writer = new Semaphore(1);
  let done = 0;
  return Promise.all(
    servers.map(async (server) => {
      const result = await introspections.run(() => introspectServer(server.target, options.introspect));
      const crawl = await writer.run(() =>
        storeResult(db, runId, server, result, options.now ?? new Date(), counts),
      );
      options.onProgress?.({ done: ++done, total: servers.length, unit: 'servers' });
      return crawl;
    }),
  );
}

/** What storing an introspection needs of its server: the id it is stored under and the title to keep. */
export interface StoredServerName {
  id: string;
  name?: string | undefined;
}

/**
 * Records one introspection: a failure as a crawl_errors row, a success as a snapshot (refused tools as errors),
 * under `source` (an operator's explicit server by default; a registry server when its package was introspected).
 */
export async function storeResult<Server extends StoredServerName>(
  db: Database,
  runId: number,
  server: Server,
  result: IntrospectResult,
  now: Date,
  counts: CrawlCounts,
  source: ServerSnapshot['source'] = { kind: 'explicit', ref: server.id },
): Promise<ServerCrawl<Server>> {
  const record = async (code: CrawlErrorCode, message: string, detail?: Record<string, unknown>) => {
    counts.errors++;
    await recordFailure(db, runId, {
      target: server.id,
      stage: 'introspect',
      code,
      message,
      ...(detail ? { detail } : {}),
    });
  };
  if (!result.ok) {
    await record(result.code, `${server.id}: ${result.message}`, {
      stage: result.stage,
      target: result.target,
      stderr: result.stderr.slice(0, 2000),
    });
    return { server, result, toolsStored: 0, toolsRefused: 0 };
  }
  // What the server said of itself is held to the limits table too: a field past it is refused, not stored.
  const initialize = readInitializeFields(result);
  for (const issue of initialize.refused) {
    await record('DOCUMENT_INVALID', `${server.id}: initialize field ${issue.path} refused: ${issue.code}`, {
      path: issue.path,
      issues: [issue],
    });
  }
  const held = { ...result, ...initialize };
  const listed = readListedTools(result.tools);
  for (const refused of listed.refused) {
    const codes = refused.issues.map((issue) => issue.code).join(', ');
    await record('DOCUMENT_INVALID', `${server.id}: tool ${refused.name ?? refused.path} refused: ${codes}`, {
      path: refused.path,
      name: refused.name,
      issues: refused.issues,
    });
  }
  const snapshot = snapshotOfIntrospection({ id: server.id, title: server.name, source }, held, listed, now);
  try {
    countOutcome(counts, await storeClassifiedSnapshot(db, snapshot, { runId, now }));
  } catch (error) {
    await record('STORE_FAILED', `nothing stored for ${server.id}: ${rootMessage(error)}`);
    return { server, result, toolsStored: 0, toolsRefused: listed.refused.length };
  }
  return { server, result, toolsStored: listed.entries.length, toolsRefused: listed.refused.length };
}
