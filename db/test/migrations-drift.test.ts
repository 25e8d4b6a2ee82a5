// Guarantee: the committed migrations match the schema; generating from it leaves nothing new.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DB_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('committed migrations', () => {
  it('are up to date with src/schema', () => {
    // drizzle-kit wants a relative --out; a scratch copy inside the workspace keeps the real folder untouched.
    const scratch = mkdtempSync(`${DB_DIR}.drift-`);
    try {
      cpSync(`${DB_DIR}migrations`, scratch, { recursive: true });
      const before = readdirSync(scratch).sort();
      const out = scratch.slice(DB_DIR.length);
      execFileSync(
        'npx',
        [
          'drizzle-kit',
          'generate',
          '--dialect=postgresql',
          '--schema=./src/schema/index.ts',
          `--out=./${out}`,
          '--casing=snake_case',
        ],
        { cwd: DB_DIR, stdio: 'pipe' },
      );
      expect(readdirSync(scratch).sort()).toEqual(before);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    // drizzle-kit is a process of its own: about 3 s idle, past vitest's 5 s default on a loaded machine.
  }, 60_000);
});
