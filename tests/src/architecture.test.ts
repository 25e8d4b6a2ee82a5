// Guarantee: dependencies between workspaces point one way, as the README draws them; api never imports crawler.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramEdges, fencedBlockAfter } from './harness/diagram.js';
import { entryImports, isTestCode } from './harness/imports.js';
import { REPO_ROOT } from './harness/paths.js';

/** The workspaces with sources, by folder name (tests/ and bench/ may import any of them). */
const WORKSPACES = ['classifier', 'db', 'crawler', 'web', 'api', 'cli'];

/** What reads or writes the database directly; the catalogue in db/ is the one place that may. */
const DATABASE_PACKAGES = ['drizzle-orm', 'postgres', '@electric-sql/pglite', 'pg'];

/** The README's drawing of the layout (house-style's layout table draws the same). */
async function readmeDiagram(): Promise<string> {
  return fencedBlockAfter(await readFile(join(REPO_ROOT, 'README.md'), 'utf8'), '## Workspaces');
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith('.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

/** The workspaces a workspace's sources import, by folder name. */
async function importedWorkspaces(workspace: string): Promise<string[]> {
  const found = new Set<string>();
  for (const file of await sourceFiles(join(REPO_ROOT, workspace, 'src'))) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/from '@toolrisk\/([a-z]+)(?:\/[^']*)?'/g)) {
      if (match[1]) found.add(match[1]);
    }
  }
  return [...found].sort();
}

async function declaredWorkspaces(workspace: string): Promise<string[]> {
  const manifest: unknown = JSON.parse(await readFile(join(REPO_ROOT, workspace, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('dependencies' in manifest)) return [];
  const dependencies = manifest.dependencies;
  if (typeof dependencies !== 'object' || dependencies === null) return [];
  return Object.keys(dependencies)
    .filter((name) => name.startsWith('@toolrisk/'))
    .map((name) => name.slice('@toolrisk/'.length))
    .sort();
}

describe('the workspace layout', () => {
  it('the README draws exactly the imports between the workspaces', async () => {
    const imported: string[] = [];
    for (const workspace of WORKSPACES) {
      for (const target of await importedWorkspaces(workspace)) imported.push(`${workspace} → ${target}`);
    }
    expect(diagramEdges(await readmeDiagram())).toEqual(imported.sort());
  });

  it('api never imports crawler, and the classifier imports no workspace', async () => {
    expect(await importedWorkspaces('api')).not.toContain('crawler');
    expect(await importedWorkspaces('classifier')).toEqual([]);
  });

  it.each(WORKSPACES)('%s declares exactly the workspaces it imports', async (workspace) => {
    expect(await declaredWorkspaces(workspace)).toEqual(await importedWorkspaces(workspace));
  });

  it('no code outside tests and benchmarks imports a ./testing entry', async () => {
    const importers = (await entryImports())
      .filter((found) => found.entry.endsWith('/testing') && !isTestCode(found.file))
      .map((found) => `${found.file}: ${found.name} from ${found.entry}`);
    expect(importers).toEqual([]);
  });

  it('only db imports or declares a database driver or query builder: the others call the catalogue', async () => {
    const found: string[] = [];
    for (const workspace of WORKSPACES.filter((name) => name !== 'db')) {
      const manifest = await readFile(join(REPO_ROOT, workspace, 'package.json'), 'utf8');
      for (const name of DATABASE_PACKAGES)
        if (manifest.includes(`"${name}"`)) found.push(`${workspace}/package.json: ${name}`);
      for (const file of await sourceFiles(join(REPO_ROOT, workspace, 'src'))) {
        const text = await readFile(file, 'utf8');
        for (const name of DATABASE_PACKAGES)
          if (text.includes(`from '${name}'`) || text.includes(`from '${name}/`))
            found.push(`${file.slice(REPO_ROOT.length)}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the README says api never imports crawler', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('`api/` never imports `crawler/`');
  });
});
