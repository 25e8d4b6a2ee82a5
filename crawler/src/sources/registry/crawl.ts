// The official MCP Registry source: every page of /v0/servers, incremental by updated_since, one server per name.
import { createHash } from 'node:crypto';
import { INPUT_LIMITS, parseJsonText } from '@toolrisk/classifier';
import {
  type CrawlCounts,
  type Database,
  emptyCounts,
  finishRun,
  lastFinishedCursor,
  recordFailure,
  registryNameOfServer,
  rootMessage,
  serverIdOfRegistryName,
  slugify,
  startRun,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../../errors.js';
import { storeClassifiedSnapshot } from '../../history/classify-server.js';
import type { HostLookup } from '../../net/address-guard.js';
import { type RetryPolicy, retryPolicy } from '../../net/backoff.js';
import { type FetchLike, fetchText } from '../../net/fetch-text.js';
import type { ProgressListener } from '../../progress.js';
import {
  latestRecord,
  type RegistryRecord,
  readRegistryPage,
  readRegistryRecord,
  registryLimitIssues,
} from './record.js';

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

/** Stores one page: its records grouped by server name, one transaction per server. */
async function storePage(state: RunState, items: unknown[], url: string): Promise<void> {
  const byName = new Map<string, RegistryRecord[]>();
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
    byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
    if (record.updatedAt && (state.maxUpdatedAt === null || record.updatedAt > state.maxUpdatedAt)) {
      state.maxUpdatedAt = record.updatedAt;
    }
  }
  for (const [name, records] of byName) await storeServer(state, name, records);
}

/** The server id of a registry name: the one it already has, else its slug (suffixed if another name took it). */
async function serverIdFor(db: Database, name: string): Promise<string> {
  const known = await serverIdOfRegistryName(db, name);
  if (known) return known;
  const slug = slugify(name);
  const taken = await registryNameOfServer(db, slug);
  // `a.b/c-d` and `a-b/c.d` share a slug; the later one gets a stable suffix instead of merging into the first.
  if (!taken || taken.registryName === null || taken.registryName === name) return slug;
  return `${slug}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

async function storeServer(state: RunState, name: string, records: RegistryRecord[]): Promise<void> {
  const latest = latestRecord(records);
  if (!latest) return;
  try {
    const outcome = await storeClassifiedSnapshot(
      state.db,
      {
        id: await serverIdFor(state.db, name),
        registryName: name,
        title: latest.title,
        description: latest.description,
        version: latest.version,
        repository: latest.repository,
        websiteUrl: latest.websiteUrl,
        packages: latest.packages,
        remotes: latest.remotes,
        status: latest.status,
        // Only the latest version's metadata may overwrite what a server already shows.
        isTentative: !latest.isLatest,
        versions: records.map((record) => ({
          version: record.version,
          status: record.status,
          isLatest: record.isLatest,
          publishedAt: record.publishedAt,
          updatedAt: record.updatedAt,
          document: record.document,
        })),
        source: { kind: 'registry', ref: name },
        tools: null,
      },
      { runId: state.runId, ...(state.now ? { now: state.now } : {}) },
    );
    state.seen.add(name);
    if (outcome.isNewServer) state.isNew.add(name);
    if (outcome.isChangedServer) state.changed.add(name);
  } catch (error) {
    state.counts.errors++;
    await recordFailure(state.db, state.runId, {
      target: name,
      stage: 'store',
      code: 'STORE_FAILED',
      message: `nothing stored for ${name}: ${rootMessage(error)}`,
    });
  }
}
