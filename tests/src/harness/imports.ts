// What the repo's sources import from the workspaces' entries, read from their text: which names, from which entry
// (`@toolrisk/db` or `@toolrisk/db/testing`), in which file, and whether that file is test or product code.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The workspaces with a public entry, by folder name. */
export const ENTRY_WORKSPACES = ['classifier', 'db', 'crawler', 'web', 'api', 'cli'] as const;

/** One name imported from a workspace entry. */
export interface EntryImport {
  /** The entry imported from: `@toolrisk/db` or `@toolrisk/db/testing`. */
  entry: string;
  name: string;
  /** The importing file, relative to the repo root. */
  file: string;
}

const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'dist-check',
  '.turbo',
  '.git',
  '.toolrisk',
  'artifacts',
]);
const SOURCE_FILE = /\.(?:ts|js|mjs)$/;

async function sourceFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      if (entry.isDirectory()) {
        return SKIPPED_DIRS.has(entry.name) ? Promise.resolve([]) : sourceFilesUnder(join(dir, entry.name));
      }
      return Promise.resolve(SOURCE_FILE.test(entry.name) ? [join(dir, entry.name)] : []);
    }),
  );
  return nested.flat();
}

/** True for code that only tests or benchmarks run: tests/, bench/, *.test.ts, and a workspace's testing entry. */
export function isTestCode(file: string): boolean {
  return (
    file.startsWith('tests/') ||
    file.startsWith('bench/') ||
    file.endsWith('.test.ts') ||
    /^[a-z]+\/src\/testing(?:\.ts|\/)/.test(file)
  );
}

function namesOf(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.replace(/^\s*type\s+/, '').trim())
    .filter((part) => part !== '')
    .map((part) => (part.split(/\s+as\s+|\s*:\s*/)[0] ?? part).trim());
}

const STATIC_IMPORT =
  /(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'(@toolrisk\/[a-z]+(?:\/testing)?)'/g;
const DYNAMIC_IMPORT = /\{([^{}]*)\}\s*=\s*await\s+import\(\s*'(@toolrisk\/[a-z]+(?:\/testing)?)'\s*\)/g;
const TYPE_QUERY = /import\(\s*'(@toolrisk\/[a-z]+(?:\/testing)?)'\s*\)\.([A-Za-z_$][\w$]*)/g;

/** Every name the repo's sources import from a workspace entry (named and dynamic imports, re-exports). */
export async function entryImports(): Promise<EntryImport[]> {
  const found: EntryImport[] = [];
  const roots = ['tests', 'bench', 'scripts', ...ENTRY_WORKSPACES];
  const files = (await Promise.all(roots.map((root) => sourceFilesUnder(join(REPO_ROOT, root))))).flat();
  for (const path of files) {
    const text = await readFile(path, 'utf8');
    if (!text.includes('@toolrisk/')) continue;
    const file = relative(REPO_ROOT, path);
    for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
      for (const [, list = '', entry = ''] of text.matchAll(pattern)) {
        for (const name of namesOf(list)) found.push({ entry, name, file });
      }
    }
    for (const [, entry = '', name = ''] of text.matchAll(TYPE_QUERY)) found.push({ entry, name, file });
  }
  return found;
}

/** The names an entry file declares (`export { a, type B } from`, `export type { C } from`), values and types. */
export async function declaredNames(file: string): Promise<{ values: string[]; types: string[] }> {
  const text = await readFile(join(REPO_ROOT, file), 'utf8');
  const values: string[] = [];
  const types: string[] = [];
  for (const [, typeOnly, list = ''] of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}\s*from/gm)) {
    for (const part of list.split(',')) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      const isType = typeOnly !== undefined || trimmed.startsWith('type ');
      const name = (
        trimmed
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop() ?? trimmed
      ).trim();
      (isType ? types : values).push(name);
    }
  }
  return { values: values.sort(), types: types.sort() };
}
