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
  rootMessage,
  type SnapshotOutcome,
  snapshotOfDocument,
  startRun,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../errors.js';
import { storeClassifiedSnapshot } from '../history/classify-server.js';

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

/** Imports `tools/list` documents; a bad file is reported and skipped, the others go on. */
export async function importToolsFiles(
  db: Database,
  paths: string[],
  options: { kind?: 'import' | 'seed'; now?: Date } = {},
): Promise<ImportReport> {
  const kind = options.kind ?? 'import';
  const files = await expandJsonFiles(paths);
  const runId = await startRun(db, kind, paths.join(' '), options.now);
  const counts = emptyCounts();
  const results: FileImport[] = [];
  for (const file of files) {
    const result = await importOneFile(db, file, kind, runId, options.now);
    if (result.outcome) countOutcome(counts, result.outcome);
    if (result.failure) {
      counts.errors++;
      await recordFailure(db, runId, {
        target: file,
        stage: 'import',
        ...result.failure,
        detail: { issues: result.issues },
      });
    }
    results.push(result);
  }
  await finishRun(db, runId, counts, { now: options.now });
  return { runId, files: results, counts };
}

async function importOneFile(
  db: Database,
  file: string,
  kind: 'import' | 'seed',
  runId: number,
  now: Date | undefined,
): Promise<FileImport> {
  const refuse = (code: CrawlErrorCode, message: string, issues: DocumentIssue[] = []): FileImport => ({
    file,
    serverId: null,
    outcome: null,
    failure: { code, message: `${file}: ${message}` },
    issues,
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
  try {
    const outcome = await storeClassifiedSnapshot(db, snapshot, { runId, ...(now ? { now } : {}) });
    return { file, serverId: snapshot.id, outcome, failure: null, issues };
  } catch (error) {
    // The transaction rolled back: nothing of this server was written. The run goes on.
    return refuse('STORE_FAILED', `nothing imported, the database refused it: ${rootMessage(error)}`, issues);
  }
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
