// The shipped catalogue: the seed servers, Docker's catalogue, LiveMCPBench, the Smithery captures and the registry
// snapshot, merged so one server is one row (by source id, registry name, package, repository), in set-based batches.
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseJsonText } from '@toolrisk/classifier';
import {
  type CrawlCounts,
  countOutcome,
  type Database,
  emptyCounts,
  finishRun,
  keyOfRepository,
  packageEntriesOf,
  recordFailure,
  resolveServerIds,
  rootMessage,
  type ServerSnapshot,
  type SnapshotResult,
  slugify,
  startRun,
  storeServerSnapshots,
} from '@toolrisk/db';
import { storeClassifiedSnapshots } from '../../history/classify-server.js';
import { expandJsonFiles, readImportFile } from '../files.js';
import { readRegistryRecord } from '../registry/record.js';
import {
  groupRegistryRecords,
  identityOfRegistryServer,
  snapshotOfRegistryServer,
} from '../registry/snapshot.js';
import {
  CAPTURE_LIMITS,
  type CaptureEntry,
  type CaptureRead,
  type CaptureRefusal,
  checkEntry,
  readCaptureTools,
  snapshotOfCapture,
} from './capture.js';
import { readDockerCatalogue, readLiveMcpBench, readSmitheryCaptures } from './datasets.js';

const SEED_DIR = fileURLToPath(new URL('../../../seed/', import.meta.url));

/** The files a catalogue is made of; each is optional. Captures may be gzip-compressed (`.gz`). */
export interface CatalogueFiles {
  /** A directory (or files) of tools/list documents read off real servers: ids kept as the documents give them. */
  documents?: string[] | undefined;
  docker?: string | undefined;
  livemcpbench?: string | undefined;
  smithery?: string | undefined;
  /** A registry list (a JSON array of `/v0/servers` items), metadata only. */
  registry?: string | undefined;
}

/** The catalogue shipped in `crawler/seed/` (SOURCES in `crawler/seed/captures/README.md`). */
export const SHIPPED_CATALOGUE: Readonly<CatalogueFiles> = Object.freeze({
  documents: [join(SEED_DIR, 'catalogue')],
  docker: join(SEED_DIR, 'captures/docker-mcp-registry-tools.json.gz'),
  livemcpbench: join(SEED_DIR, 'captures/livemcpbench-tools.json.gz'),
  smithery: join(SEED_DIR, 'captures/toucan-smithery-tools.jsonl.gz'),
  registry: join(SEED_DIR, 'captures/registry-servers.json.gz'),
});

/** What one source of a catalogue import gave. */
export interface CatalogueSourceReport {
  source: 'documents' | 'docker' | 'livemcpbench' | 'smithery' | 'registry';
  /** Servers stored from it (new or merged into one another source had). */
  servers: number;
  /** Tools it listed that were stored (zero when a server's tools came from an earlier source). */
  tools: number;
  refused: number;
}

/** The result of one catalogue import. */
export interface CatalogueImportReport {
  runId: number;
  counts: CrawlCounts;
  sources: CatalogueSourceReport[];
  /** Every refused file, entry and tool with its code; each is also a crawl_errors row of the run. */
  refusals: CaptureRefusal[];
}

/** Per-run state: which servers already got their tools from an earlier (preferred) source of this run. */
interface ImportState {
  db: Database;
  runId: number;
  counts: CrawlCounts;
  refusals: CaptureRefusal[];
  listed: Set<string>;
  now: Date | undefined;
}

/** Identities per resolving query and snapshots per store call: bounded memory, few statements. */
const CHUNK = 500;

/**
 * Imports a catalogue: documents first (their tools are the newest, read off the servers), then Docker,
 * LiveMCPBench and Smithery captures (a server whose tools an earlier source listed keeps them, and only gains
 * this source as provenance), then the registry snapshot's metadata. Idempotent; nothing refused is fatal.
 */
export async function importCatalogue(
  db: Database,
  files: CatalogueFiles = SHIPPED_CATALOGUE,
  options: { kind?: 'seed' | 'import'; now?: Date } = {},
): Promise<CatalogueImportReport> {
  const runId = await startRun(db, options.kind ?? 'seed', 'catalogue', options.now);
  const state: ImportState = {
    db,
    runId,
    counts: emptyCounts(),
    refusals: [],
    listed: new Set(),
    now: options.now,
  };
  const sources: CatalogueSourceReport[] = [];
  if (files.documents) sources.push(await importDocuments(state, files.documents));
  const captures = [
    ['docker', files.docker, readDockerCatalogue],
    ['livemcpbench', files.livemcpbench, readLiveMcpBench],
    ['smithery', files.smithery, readSmitheryCaptures],
  ] as const;
  for (const [source, file, read] of captures) {
    if (file) sources.push(await importCaptures(state, source, file, read));
  }
  if (files.registry) sources.push(await importRegistryList(state, files.registry));
  for (const refusal of state.refusals) {
    await recordFailure(db, runId, {
      ...refusal,
      stage: 'import',
      ...(refusal.detail ? { detail: refusal.detail } : {}),
    });
  }
  state.counts.errors = state.refusals.length;
  await finishRun(db, runId, state.counts, { now: options.now });
  return { runId, counts: state.counts, sources, refusals: state.refusals };
}

/** Reads a capture file, gunzipping a `.gz` one; a failure is a refusal of the whole file. */
async function readCaptureFile(file: string): Promise<Uint8Array | CaptureRefusal> {
  const name = basename(file);
  try {
    const info = await stat(file);
    if (!info.isFile()) return { target: name, code: 'FILE_UNREADABLE', message: `${file}: not a file` };
    const bytes = await readFile(file);
    if (!file.endsWith('.gz')) return bytes;
    return gunzipSync(bytes, { maxOutputLength: CAPTURE_LIMITS.fileBytes });
  } catch (error) {
    return { target: name, code: 'FILE_UNREADABLE', message: `${file}: ${rootMessage(error)}` };
  }
}

/** Adds a batch's store results to the run; returns how many servers and tools were stored. */
async function countResults(
  state: ImportState,
  results: readonly SnapshotResult[],
  snapshots: readonly ServerSnapshot[],
): Promise<{ servers: number; tools: number }> {
  let servers = 0;
  let tools = 0;
  for (const [index, result] of results.entries()) {
    if (result.ok) {
      countOutcome(state.counts, result.outcome);
      servers++;
      tools += snapshots[index]?.tools?.length ?? 0;
      continue;
    }
    state.refusals.push({
      target: result.serverId,
      code: 'STORE_FAILED',
      message: `nothing stored for ${result.serverId}: ${result.message}`,
    });
  }
  return { servers, tools };
}

async function importDocuments(state: ImportState, paths: string[]): Promise<CatalogueSourceReport> {
  const snapshots: ServerSnapshot[] = [];
  let refused = 0;
  for (const file of await expandJsonFiles(paths)) {
    const read = await readImportFile(file, 'seed');
    if (read.snapshot) snapshots.push(read.snapshot);
    if (read.failure) {
      refused++;
      state.refusals.push({ target: file, ...read.failure, detail: { issues: read.issues } });
    }
  }
  const results = await storeClassifiedSnapshots(state.db, snapshots, runOptions(state));
  for (const snapshot of snapshots) state.listed.add(snapshot.id);
  return { source: 'documents', ...(await countResults(state, results, snapshots)), refused };
}

function runOptions(state: ImportState): { runId: number; now?: Date } {
  return { runId: state.runId, ...(state.now ? { now: state.now } : {}) };
}

async function importCaptures(
  state: ImportState,
  source: 'docker' | 'livemcpbench' | 'smithery',
  file: string,
  read: (bytes: Uint8Array, file: string) => CaptureRead,
): Promise<CatalogueSourceReport> {
  const before = state.refusals.length;
  const bytes = await readCaptureFile(file);
  if (!(bytes instanceof Uint8Array)) {
    state.refusals.push(bytes);
    return { source, servers: 0, tools: 0, refused: 1 };
  }
  const capture = read(bytes, basename(file));
  state.refusals.push(...capture.refusals);
  const entries = capture.entries.filter((entry) => {
    const refusal = checkEntry(entry);
    if (refusal) state.refusals.push(refusal);
    return refusal === undefined;
  });
  let servers = 0;
  let tools = 0;
  for (let start = 0; start < entries.length; start += CHUNK) {
    const stored = await storeCaptureChunk(state, entries.slice(start, start + CHUNK));
    servers += stored.servers;
    tools += stored.tools;
  }
  return { source, servers, tools, refused: state.refusals.length - before };
}

async function storeCaptureChunk(
  state: ImportState,
  entries: readonly CaptureEntry[],
): Promise<{ servers: number; tools: number }> {
  const ids = await resolveServerIds(
    state.db,
    entries.map((entry) => ({
      slug: slugify(entry.name),
      source: entry.source,
      packageKeys: packageEntriesOf(entry.packages).map((item) => item.packageKey),
      repositoryKey: keyOfRepository(entry.repositoryUrl ? { url: entry.repositoryUrl } : undefined),
    })),
  );
  const snapshots = entries.map((entry, index) => {
    const id = ids[index] ?? slugify(entry.name);
    // A server whose tools an earlier source of this run listed keeps them; this source adds its provenance.
    if (state.listed.has(id) || entry.tools === null)
      return snapshotOfCapture(entry, id, null, state.listed.has(id));
    const { tools, refusals } = readCaptureTools(entry);
    state.refusals.push(...refusals);
    state.listed.add(id);
    return snapshotOfCapture(entry, id, tools, false);
  });
  const results = await storeClassifiedSnapshots(state.db, snapshots, runOptions(state));
  return countResults(state, results, snapshots);
}

async function importRegistryList(state: ImportState, file: string): Promise<CatalogueSourceReport> {
  const before = state.refusals.length;
  const name = basename(file);
  const bytes = await readCaptureFile(file);
  if (!(bytes instanceof Uint8Array)) {
    state.refusals.push(bytes);
    return { source: 'registry', servers: 0, tools: 0, refused: 1 };
  }
  const parsed = parseJsonText(new TextDecoder('utf-8').decode(bytes));
  const items = parsed.ok && Array.isArray(parsed.value) ? parsed.value : [];
  if (!parsed.ok || !Array.isArray(parsed.value)) {
    state.refusals.push({
      target: name,
      code: parsed.ok ? 'ENTRY_INVALID' : 'JSON_MALFORMED',
      message: `${file}: ${parsed.ok ? 'expected a JSON array of registry list items' : parsed.message}`,
    });
  }
  const records = items.flatMap((item, index) => {
    const record = readRegistryRecord(item);
    if (typeof record !== 'string') return [record];
    state.refusals.push({
      target: `${name}[${index}]`,
      code: 'ENTRY_INVALID',
      message: `${name}[${index}]: ${record}`,
    });
    return [];
  });
  const groups = groupRegistryRecords(records);
  let servers = 0;
  for (let start = 0; start < groups.length; start += CHUNK) {
    const chunk = groups.slice(start, start + CHUNK);
    const ids = await resolveServerIds(state.db, chunk.map(identityOfRegistryServer));
    const snapshots = chunk.map((group, index) =>
      snapshotOfRegistryServer(group, ids[index] ?? slugify(group.name), registryUrlOf(group.name)),
    );
    const results = await storeServerSnapshots(
      state.db,
      snapshots.map((snapshot) => ({ snapshot, classifications: new Map() })),
      runOptions(state),
    );
    servers += (await countResults(state, results, snapshots)).servers;
  }
  return { source: 'registry', servers, tools: 0, refused: state.refusals.length - before };
}

/** Where the official registry shows a server's versions (the snapshot is a crawl of it, SOURCES.md §1). */
function registryUrlOf(name: string): string {
  return `https://registry.modelcontextprotocol.io/v0/servers/${encodeURIComponent(name)}/versions`;
}
