// The curated-list source: an awesome-list file or URL, each entry stored as a server (source kind 'list').
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type CrawlCounts,
  countOutcome,
  type Database,
  emptyCounts,
  finishRun,
  recordFailure,
  rootMessage,
  type ServerSnapshot,
  serverIdOfRepository,
  slugify,
  startRun,
  storeServerSnapshots,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../../errors.js';
import type { HostLookup } from '../../net/address-guard.js';
import { type RetryPolicy, retryPolicy } from '../../net/backoff.js';
import { type FetchLike, fetchText } from '../../net/fetch-text.js';
import type { ProgressListener } from '../../progress.js';
import { type ListEntry, type ListParse, parseAwesomeList } from './awesome.js';

/** Entries stored per set-based batch (list entries carry no tools). */
const LIST_BATCH = 100;

/** How to crawl a list. */
export interface ListCrawlOptions {
  allowPrivateAddresses?: boolean | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  fetch?: FetchLike | undefined;
  lookup?: HostLookup | undefined;
  onProgress?: ProgressListener | undefined;
  now?: Date | undefined;
}

/** What a list crawl did. */
export interface ListCrawlReport {
  runId: number;
  counts: CrawlCounts;
  /** The parse, or null when the list could not be read. */
  parse: ListParse | null;
}

/** Reads a list from a file path or an http(s) URL; a failure is a value. */
async function readList(
  source: string,
  options: ListCrawlOptions,
): Promise<{ ok: true; text: string } | { ok: false; code: CrawlErrorCode; message: string }> {
  if (/^https?:\/\//i.test(source)) {
    const fetched = await fetchText(source, {
      ...options,
      retry: retryPolicy(options.retry),
      unavailableCode: 'LIST_UNAVAILABLE',
    });
    return fetched.ok ? fetched : { ok: false, code: fetched.code, message: fetched.message };
  }
  try {
    return { ok: true, text: await readFile(source, 'utf8') };
  } catch (error) {
    return { ok: false, code: 'FILE_UNREADABLE', message: `${source}: ${rootMessage(error)}` };
  }
}

/** The snapshot of one list entry: a server without introspection, known by its repository. */
export function snapshotOfListEntry(entry: ListEntry, ref: string): ServerSnapshot {
  const host = entry.key.split('/')[0] ?? '';
  return {
    id: slugify(entry.key),
    title: entry.name,
    description: entry.description === '' ? undefined : entry.description,
    repository: { url: entry.url, source: host === 'github.com' ? 'github' : host },
    source: { kind: 'list' as const, ref },
    tools: null,
  };
}

/** Crawls one list (Markdown, or HTML when the text starts with markup), storing one server per unique entry. */
export async function crawlList(
  db: Database,
  source: string,
  options: ListCrawlOptions = {},
): Promise<ListCrawlReport> {
  const runId = await startRun(db, 'list', source, options.now);
  const counts = emptyCounts();
  const read = await readList(source, options);
  if (!read.ok) {
    counts.errors++;
    await recordFailure(db, runId, { target: source, stage: 'list', code: read.code, message: read.message });
    await finishRun(db, runId, counts, { status: 'failed', now: options.now });
    return { runId, counts, parse: null };
  }
  const isHtml = /^\s*</.test(read.text) && !/^\s*<a name/i.test(read.text);
  const parse = parseAwesomeList(read.text, isHtml ? 'html' : 'markdown');
  const ref = /^https?:/i.test(source) ? source : basename(source);
  const entries = parse.entries;
  for (let start = 0; start < entries.length; start += LIST_BATCH) {
    const chunk = entries.slice(start, start + LIST_BATCH);
    const snapshots: ServerSnapshot[] = [];
    for (const entry of chunk) {
      const known = await serverIdOfRepository(db, entry.key, slugify(entry.key));
      // A server another source already holds (e.g. the registry) gets this list as one more source, not a twin.
      snapshots.push(
        known ? { id: known, source: { kind: 'list', ref }, tools: null } : snapshotOfListEntry(entry, ref),
      );
    }
    const results = await storeServerSnapshots(
      db,
      snapshots.map((snapshot) => ({ snapshot, classifications: new Map() })),
      { runId, ...(options.now ? { now: options.now } : {}) },
    );
    for (const [index, result] of results.entries()) {
      if (result.ok) {
        countOutcome(counts, result.outcome);
        continue;
      }
      const key = chunk[index]?.key ?? result.serverId;
      counts.errors++;
      const message = `nothing stored for ${key}: ${result.message}`;
      await recordFailure(db, runId, { target: key, stage: 'store', code: 'STORE_FAILED', message });
    }
    options.onProgress?.({ done: start + chunk.length, total: entries.length, unit: 'entries' });
  }
  await finishRun(db, runId, counts, { now: options.now });
  return { runId, counts, parse };
}
