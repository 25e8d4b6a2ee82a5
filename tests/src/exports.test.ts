// Guarantee: each workspace's public entry is a reviewed list: src/index.ts names every export (no `export *`) and
// holds only what another workspace's own code imports; what only tests and benchmarks use sits behind its
// `./testing` entry; what both entries export (values, and the types they declare) is snapshotted, so a name added
// or dropped shows in review as a snapshot change.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  declaredNames,
  ENTRY_WORKSPACES,
  type EntryImport,
  entryImports,
  isTestCode,
} from './harness/imports.js';
import { REPO_ROOT } from './harness/paths.js';

type Workspace = (typeof ENTRY_WORKSPACES)[number];

const ENTRIES: Record<Workspace, () => Promise<Record<string, unknown>>> = {
  classifier: () => import('@toolrisk/classifier'),
  db: () => import('@toolrisk/db'),
  crawler: () => import('@toolrisk/crawler'),
  web: () => import('@toolrisk/web'),
  api: () => import('@toolrisk/api'),
  cli: () => import('@toolrisk/cli'),
};

const TESTING_ENTRIES: Record<Workspace, () => Promise<Record<string, unknown>>> = {
  classifier: () => import('@toolrisk/classifier/testing'),
  db: () => import('@toolrisk/db/testing'),
  crawler: () => import('@toolrisk/crawler/testing'),
  web: () => import('@toolrisk/web/testing'),
  api: () => import('@toolrisk/api/testing'),
  cli: () => import('@toolrisk/cli/testing'),
};

let imports: EntryImport[] = [];
beforeAll(async () => {
  imports = await entryImports();
});

/** The files outside `workspace` that import `name` from `entry`. */
function importersOf(entry: string, name: string, workspace: Workspace): string[] {
  return imports
    .filter(
      (found) => found.entry === entry && found.name === name && !found.file.startsWith(`${workspace}/src/`),
    )
    .map((found) => found.file);
}

describe('public entries', () => {
  it.each(ENTRY_WORKSPACES)('%s/src/index.ts names its exports (no export *)', async (workspace) => {
    const text = await readFile(join(REPO_ROOT, workspace, 'src', 'index.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*export\s+\*/m);
    expect(text).toMatch(/^export /m);
  });

  it.each(ENTRY_WORKSPACES)('@toolrisk/%s exports the reviewed list of names', async (workspace) => {
    const entry = await ENTRIES[workspace]();
    const values = Object.keys(entry).sort();
    expect(values.length).toBeGreaterThan(0);
    const declared = await declaredNames(`${workspace}/src/index.ts`);
    expect(declared.values).toEqual(values);
    expect({ values, types: declared.types }).toMatchSnapshot();
  });

  it.each(ENTRY_WORKSPACES)(
    'every name @toolrisk/%s exports is imported by code outside tests',
    async (workspace) => {
      const { values, types } = await declaredNames(`${workspace}/src/index.ts`);
      const unused = [...values, ...types].filter(
        (name) => !importersOf(`@toolrisk/${workspace}`, name, workspace).some((file) => !isTestCode(file)),
      );
      // A name here belongs in src/testing.ts when tests or benchmarks import it, and nowhere when nothing does.
      expect(unused).toEqual([]);
    },
  );
});

describe('test-only entries', () => {
  it.each(ENTRY_WORKSPACES)('%s/src/testing.ts names its exports (no export *)', async (workspace) => {
    const text = await readFile(join(REPO_ROOT, workspace, 'src', 'testing.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*export\s+\*/m);
    expect(text).toMatch(/^export /m);
  });

  it.each(ENTRY_WORKSPACES)('@toolrisk/%s/testing exports the reviewed list of names', async (workspace) => {
    const values = Object.keys(await TESTING_ENTRIES[workspace]()).sort();
    const declared = await declaredNames(`${workspace}/src/testing.ts`);
    expect(declared.values).toEqual(values);
    expect({ values, types: declared.types }).toMatchSnapshot();
  });

  it.each(ENTRY_WORKSPACES)(
    'every name @toolrisk/%s/testing exports is imported by a test or benchmark',
    async (workspace) => {
      const { values, types } = await declaredNames(`${workspace}/src/testing.ts`);
      const unused = [...values, ...types].filter(
        (name) => importersOf(`@toolrisk/${workspace}/testing`, name, workspace).length === 0,
      );
      expect(unused).toEqual([]);
    },
  );
});

describe('importers', () => {
  it.each(ENTRY_WORKSPACES)(
    'every name imported from @toolrisk/%s or its ./testing entry is exported there',
    async (workspace) => {
      const main = await declaredNames(`${workspace}/src/index.ts`);
      const testing = await declaredNames(`${workspace}/src/testing.ts`);
      const exported = new Map([
        [`@toolrisk/${workspace}`, new Set([...main.values, ...main.types])],
        [`@toolrisk/${workspace}/testing`, new Set([...testing.values, ...testing.types])],
      ]);
      // Benchmarks are plain JavaScript, which no type-check reads: a name moved between entries shows here.
      const missing = imports
        .filter((found) => exported.has(found.entry) && !exported.get(found.entry)?.has(found.name))
        .map((found) => `${found.file}: ${found.name} from ${found.entry}`);
      expect(missing).toEqual([]);
    },
  );
});
