// Guarantee: `npm install` warns about no engine on any Node line the root `engines` admits (no EBADENGINE).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness/paths.js';

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(await readFile(join(REPO_ROOT, path), 'utf8'));
  if (parsed === null || typeof parsed !== 'object') throw new Error(`${path} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

function nodeRange(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('node' in value)) return undefined;
  return typeof value.node === 'string' ? value.node : undefined;
}

/** The oldest release of each line the range admits: `^20.19.0 || >=22.12.0` gives 20.19.0, 22.12.0 and 24.0.0. */
function oldestOfEachLine(range: string): string[] {
  const oldest = range.split('||').map((part) => minVersion(part.trim())?.version ?? '');
  // An open-ended part (`>=22.12.0`) admits every later line too: the current LTS, 24, stands for them.
  if (satisfies('24.0.0', range)) oldest.push('24.0.0');
  return [...new Set(oldest.filter((version) => version !== ''))];
}

describe('engines', () => {
  it('the root admits Node 20.19, 22.12 and 24 (CI runs 20 and 24)', async () => {
    const root = await readJson('package.json');
    const range = nodeRange(root.engines);
    expect(range).toBeDefined();
    expect(oldestOfEachLine(range ?? '')).toEqual(['20.19.0', '22.12.0', '24.0.0']);
  });

  it('every package the lockfile installs runs on the oldest release of each admitted line', async () => {
    const root = await readJson('package.json');
    const lines = oldestOfEachLine(nodeRange(root.engines) ?? '');
    const lock = await readJson('package-lock.json');
    const packages = (lock.packages ?? {}) as Record<string, LockPackage>;
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(packages)) {
      const range = nodeRange(entry.engines);
      // Optional packages are platform builds (a wasm fallback) npm skips where they do not fit, without a warning.
      if (path === '' || range === undefined || entry.optional === true) continue;
      for (const line of lines) {
        if (!satisfies(line, range)) refused.push(`${path}@${entry.version}: node ${range} refuses ${line}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
