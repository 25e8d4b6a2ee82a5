// Guarantee: each workspace's public entry is a reviewed list: src/index.ts names every export (no `export *`), and
// what the built entry exports is snapshotted, so a name added or dropped shows in review as a snapshot change.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/paths.js';

const WORKSPACES = ['classifier', 'db', 'crawler', 'web', 'api', 'cli'] as const;

const ENTRIES: Record<(typeof WORKSPACES)[number], () => Promise<Record<string, unknown>>> = {
  classifier: () => import('@toolrisk/classifier'),
  db: () => import('@toolrisk/db'),
  crawler: () => import('@toolrisk/crawler'),
  web: () => import('@toolrisk/web'),
  api: () => import('@toolrisk/api'),
  cli: () => import('@toolrisk/cli'),
};

describe('public entries', () => {
  it.each(WORKSPACES)('%s/src/index.ts names its exports (no export *)', async (workspace) => {
    const text = await readFile(join(REPO_ROOT, workspace, 'src', 'index.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*export\s+\*/m);
    expect(text).toMatch(/^export /m);
  });

  it.each(WORKSPACES)('@toolrisk/%s exports the reviewed list of names', async (workspace) => {
    const entry = await ENTRIES[workspace]();
    const names = Object.keys(entry).sort();
    expect(names.length).toBeGreaterThan(0);
    expect(names).toMatchSnapshot();
  });
});

describe('test-only entries', () => {
  it('@toolrisk/db/testing names its exports and exports the reviewed list of names', async () => {
    const text = await readFile(join(REPO_ROOT, 'db', 'src', 'testing.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*export\s+\*/m);
    const names = Object.keys(await import('@toolrisk/db/testing')).sort();
    expect(names).toMatchSnapshot();
  });
});
