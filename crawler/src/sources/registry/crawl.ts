// The official MCP Registry source: every page of /v0/servers, incremental by updated_since, one server per name.
import { INPUT_LIMITS, parseJsonText } from '@toolrisk/classifier';
import {
  type CrawlCounts,
  type Database,
  emptyCounts,
  finishRun,
  lastFinishedCursor,
  recordFailure,
  resolveServerIds,
  slugify,
  startRun,
  storeServerSnapshots,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../../errors.js';
import type { HostLookup } from '../../net/address-guard.js';
import { type RetryPolicy, retryPolicy } from '../../net/backoff.js';
import { type FetchLike, fetchText } from '../../net/fetch-text.js';
import type { ProgressListener } from '../../progress.js';
import { type RegistryRecord, readRegistryPage, readRegistryRecord, registryLimitIssues } from './record.js';
import { groupRegistryRecords, identityOfRegistryServer, snapshotOfRegistryServer } from './snapshot.js';

/** The official registry. */
export const DEFAULT_REGISTRY_URL = 'https://registry.modelcontextprotocol.io';

/** How to crawl a registry. */
export interface RegistryCrawlOptions {
  baseUrl?: string | undefined;
  /** Items per page (the registry caps it at 100). */
  pageSize?: number | undefined;
  /** Ignore the stored resume point and list everything. */
  full?: boolean | undefined;
  /** Only servers whose name contains this (the registry's `search`); such a run never moves the resume point. */
  search?: string | undefined;
  allowPrivateAddresses?: boolean | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  fetch?: FetchLike | undefined;
  lookup?: HostLookup | undefined;
  /** A safety stop for runaway pagination. */
  maxPages?: number | undefined;
  onProgress?: ProgressListener | undefined;
  now?: Date | undefined;
}

/** What a registry crawl did. */
export interface RegistryCrawlReport {
  runId: number;
  status: 'finished' | 'failed';
  counts: CrawlCounts;
  pages: number;
  records: number;
  /** The updated_since this run used (null for a full crawl). */
  updatedSince: string | null;
  /** The resume point stored for the next run. */
  cursor: string | null;
}

/** The list endpoint of a registry base URL: `/v0/servers`, or `/v0.1/servers` when the base names that version. */
export function serversEndpoint(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/v0(\.\d+)?$/.test(base) ? `${base}/servers` : `${base}/v0/servers`;
}

/** Per-run state shared by the page loop. */
interface RunState {
  db: Database;
  runId: number;
  counts: CrawlCounts;
  seen: Set<string>;
  isNew: Set<string>;
  changed: Set<string>;
  /** The greatest updatedAt seen: the next run's updated_since. */
  maxUpdatedAt: string | null;
  now: Date | undefined;
  /** The list endpoint, for each server's provenance URL. */
  endpoint: string;
}

/** Crawls every page of the registry's server list, storing one server per name and every version. */
export async function crawlRegistry(
  db: Database,
  options: RegistryCrawlOptions = {},
): Promise<RegistryCrawlReport> {
  const endpoint = serversEndpoint(options.baseUrl ?? DEFAULT_REGISTRY_URL);
  const search = options.search;
  const updatedSince =
    options.full || search !== undefined ? null : await lastFinishedCursor(db, 'registry', endpoint);
  // A search run records its own target, so the incremental resume point of `endpoint` is left alone.
  const runTarget = search === undefined ? endpoint : `${endpoint}?search=${encodeURIComponent(search)}`;
  const runId = await startRun(db, 'registry', runTarget, options.now);
  const state: RunState = {
    db,
    runId,
    counts: emptyCounts(),
    seen: new Set(),
    isNew: new Set(),
    changed: new Set(),
    maxUpdatedAt: updatedSince,
    now: options.now,
    endpoint,
  };
  const { pages, records, failed } = await crawlPages(state, endpoint, updatedSince, options);
  state.counts.serversSeen = state.seen.size;
  state.counts.serversNew = state.isNew.size;
  state.counts.serversChanged = [...state.changed].filter((name) => !state.isNew.has(name)).length;
  // A failed run keeps the old resume point, so the next run lists what this one missed.
  const cursor = failed || search !== undefined ? updatedSince : state.maxUpdatedAt;
  const status = failed ? 'failed' : 'finished';
  await finishRun(db, runId, state.counts, { status, cursor, now: options.now });
  return { runId, status, counts: state.counts, pages, records, updatedSince, cursor };
}

function pageUrl(
  endpoint: string,
  pageSize: number,
  cursor: string | undefined,
  since: string | null,
  search?: string | undefined,
): string {
  const url = new URL(endpoint);
  url.searchParams.set('limit', String(pageSize));
  if (search !== undefined) url.searchParams.set('search', search);
  if (cursor !== undefined) url.searchParams.set('cursor', cursor);
  if (since !== null) url.searchParams.set('updated_since', since);
  return url.toString();
}

async function crawlPages(
  state: RunState,
  endpoint: string,
  updatedSince: string | null,
  options: RegistryCrawlOptions,
): Promise<{ pages: number; records: number; failed: boolean }> {
  const retry = retryPolicy(options.retry);
  const cursors = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let records = 0;
  do {
    const url = pageUrl(endpoint, options.pageSize ?? 100, cursor, updatedSince, options.search);
    const fetched = await fetchText(url, { ...options, retry, unavailableCode: 'REGISTRY_UNAVAILABLE' });
    if (!fetched.ok) {
      await fail(state, url, fetched.code, fetched.message);
      return { pages, records, failed: true };
    }
    const page = pageOf(fetched.text);
    if (typeof page === 'string') {
      await fail(state, url, 'REGISTRY_RESPONSE_INVALID', page);
      return { pages, records, failed: true };
    }
    pages++;
    records += page.items.length;
    await storePage(state, page.items, url);
    options.onProgress?.({ done: pages, unit: 'pages' });
    cursor = page.nextCursor;
    if (cursor !== undefined && cursors.has(cursor)) {
      await fail(state, url, 'REGISTRY_RESPONSE_INVALID', `cursor ${cursor} repeated: pagination loops`);
      return { pages, records, failed: true };
    }
    if (cursor !== undefined) cursors.add(cursor);
  } while (cursor !== undefined && pages < (options.maxPages ?? 100_000));
  return { pages, records, failed: false };
}

function pageOf(text: string): ReturnType<typeof readRegistryPage> {
  const parsed = parseJsonText(text);
  return parsed.ok ? readRegistryPage(parsed.value) : parsed.message;
}

async function fail(state: RunState, target: string, code: CrawlErrorCode, message: string): Promise<void> {
  state.counts.errors++;
  await recordFailure(state.db, state.runId, { target, stage: 'registry', code, message });
}

/** Stores one page: its records grouped by server name, the servers found in one query and stored in batches. */
async function storePage(state: RunState, items: unknown[], url: string): Promise<void> {
  const records: RegistryRecord[] = [];
  for (const [index, item] of items.entries()) {
    const record = readRegistryRecord(item);
    if (typeof record === 'string') {
      await fail(state, `${url}#${index}`, 'REGISTRY_RESPONSE_INVALID', record);
      continue;
    }
    const issues = registryLimitIssues(record);
    if (issues.length > 0) {
      const name = record.name.slice(0, INPUT_LIMITS.id.max);
      const refusals = issues.map((issue) => `${issue.path} ${issue.code} (${issue.message})`).join('; ');
      await fail(state, `${url}#${index}`, 'DOCUMENT_INVALID', `${name}: refused: ${refusals}`);
      continue;
    }
    records.push(record);
    if (record.updatedAt && (state.maxUpdatedAt === null || record.updatedAt > state.maxUpdatedAt)) {
      state.maxUpdatedAt = record.updatedAt;
    }
  }
  const groups = groupRegistryRecords(records);
  // One query finds every server of the page already stored (by registry name, else package or repository).
  const ids = await resolveServerIds(state.db, groups.map(identityOfRegistryServer));
  const snapshots = groups.map((group, index) =>
    snapshotOfRegistryServer(
      group,
      ids[index] ?? slugify(group.name),
      `${state.endpoint}/${encodeURIComponent(group.name)}/versions`,
    ),
  );
  const results = await storeServerSnapshots(
    state.db,
    snapshots.map((snapshot) => ({ snapshot, classifications: new Map() })),
    { runId: state.runId, ...(state.now ? { now: state.now } : {}) },
  );
  for (const [index, result] of results.entries()) {
    const name = groups[index]?.name ?? '';
    if (result.ok) {
      state.seen.add(name);
      if (result.outcome.isNewServer) state.isNew.add(name);
      if (result.outcome.isChangedServer) state.changed.add(name);
      continue;
    }
    state.counts.errors++;
    await recordFailure(state.db, state.runId, {
      target: name,
      stage: 'store',
      code: 'STORE_FAILED',
      message: `nothing stored for ${name}: ${result.message}`,
    });
  }
}
