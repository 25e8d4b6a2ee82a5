// The file source: MCP `tools/list` documents on disk, imported idempotently, one transaction per server.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  allIssues,
  type DocumentIssue,
  hasErrors,
  INPUT_LIMITS,
  parseJsonText,
  readToolsDocument,
} from '@toolrisk/classifier';
import {
  type CrawlCounts,
  countOutcome,
  type Database,
  emptyCounts,
  finishRun,
  recordFailure,
  type ServerSnapshot,
  type SnapshotOutcome,
  snapshotOfDocument,
  startRun,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../errors.js';
import { storeClassifiedSnapshots } from '../history/classify-server.js';

/** Files bigger than this are refused before reading: a tools/list document is kilobytes, rarely megabytes. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** What happened to one file. */
export interface FileImport {
  file: string;
  serverId: string | null;
  outcome: SnapshotOutcome | null;
  /** Why the file was refused (nothing of it was stored), or null. */
  failure: { code: CrawlErrorCode; message: string } | null;
  /** Every problem found, errors and warnings, with its JSON path. */
  issues: DocumentIssue[];
}

/** The result of one import run. */
export interface ImportReport {
  runId: number;
  files: FileImport[];
  counts: CrawlCounts;
}

/** Lists the `.json` files of the given files and directories (directories one level deep, sorted). */
export async function expandJsonFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/** Imports `tools/list` documents; a bad file is reported and skipped, the others go on (stored in batches). */
export async function importToolsFiles(
  db: Database,
  paths: string[],
  options: { kind?: 'import' | 'seed'; now?: Date } = {},
): Promise<ImportReport> {
  const kind = options.kind ?? 'import';
  const files = await expandJsonFiles(paths);
  const runId = await startRun(db, kind, paths.join(' '), options.now);
  const counts = emptyCounts();
  const results: (FileImport & { snapshot: ServerSnapshot | null })[] = [];
  for (const file of files) results.push(await readImportFile(file, kind));
  const readable = results.flatMap((result) => (result.snapshot ? [result] : []));
  const stored = await storeClassifiedSnapshots(
    db,
    readable.flatMap((result) => (result.snapshot ? [result.snapshot] : [])),
    { runId, ...(options.now ? { now: options.now } : {}) },
  );
  for (const [index, outcome] of stored.entries()) {
    const result = readable[index];
    if (!result) continue;
    if (outcome.ok) {
      result.outcome = outcome.outcome;
      continue;
    }
    // The transaction rolled back: nothing of this server was written. The run goes on.
    result.serverId = null;
    result.failure = {
      code: 'STORE_FAILED',
      message: `${result.file}: nothing imported, the database refused it: ${outcome.message}`,
    };
  }
  for (const result of results) {
    if (result.outcome) countOutcome(counts, result.outcome);
    if (result.failure) {
      counts.errors++;
      await recordFailure(db, runId, {
        target: result.file,
        stage: 'import',
        ...result.failure,
        detail: { issues: result.issues },
      });
    }
  }
  await finishRun(db, runId, counts, { now: options.now });
  return { runId, files: results.map(({ snapshot: _snapshot, ...result }) => result), counts };
}

/** Reads one file into the snapshot it holds, or the reason it is refused. */
export async function readImportFile(
  file: string,
  kind: 'import' | 'seed',
): Promise<FileImport & { snapshot: ServerSnapshot | null }> {
  const refuse = (code: CrawlErrorCode, message: string, issues: DocumentIssue[] = []) => ({
    file,
    serverId: null,
    outcome: null,
    failure: { code, message: `${file}: ${message}` },
    issues,
    snapshot: null,
  });
  const text = await readText(file);
  if (typeof text !== 'string') return refuse('FILE_UNREADABLE', text.message);
  const parsed = parseJsonText(text);
  if (!parsed.ok) return refuse('JSON_MALFORMED', parsed.message);
  const document = readToolsDocument(parsed.value, { maxTools: INPUT_LIMITS.toolCount.max });
  const issues = allIssues(document);
  if (hasErrors(document)) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const listed = errors.map((issue) => `${issue.path}: ${issue.code}: ${issue.message}`).join('; ');
    return refuse('DOCUMENT_INVALID', `nothing imported, ${errors.length} error(s): ${listed}`, issues);
  }
  const snapshot = snapshotOfDocument(document, file, kind);
  return { file, serverId: snapshot.id, outcome: null, failure: null, issues, snapshot };
}

async function readText(file: string): Promise<string | { message: string }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { message: 'not a file' };
    if (info.size > MAX_IMPORT_FILE_BYTES)
      return { message: `${info.size} bytes, over the ${MAX_IMPORT_FILE_BYTES} limit` };
    return await readFile(file, 'utf8');
  } catch (error) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
}
