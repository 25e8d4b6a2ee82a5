// Guarantee: `toolrisk import` imports good files, names each refused file and path, and exits non-zero if any was refused.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';

describe('toolrisk import', () => {
  it('imports a directory, reports the bad file with its JSON path, exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-cli-'));
    await writeFile(
      join(dir, 'good.json'),
      JSON.stringify({ server: { id: 'good' }, tools: [{ name: 'get_thing' }] }),
    );
    await writeFile(
      join(dir, 'nameless.json'),
      JSON.stringify({ tools: [{ name: 'ok' }, { title: 'no name' }] }),
    );
    const env = { TOOLRISK_DATA_DIR: join(dir, 'db'), TOOLRISK_SEED: 'false' };
    const first = await runToolrisk(['import', dir], env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('server good: 1 new');
    expect(first.stderr).toContain('nameless.json');
    expect(first.stderr).toContain('$.tools[1].name');
    const again = await runToolrisk(['import', join(dir, 'good.json')], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 new, 0 changed, 0 removed, 1 unchanged');
  });

  it('prints usage and exits 2 without paths, and names a bad setting', async () => {
    expect((await runToolrisk(['import'])).code).toBe(2);
    const badSetting = await runToolrisk(['import', 'x.json'], { PORT: 'eighty' });
    expect(badSetting.code).toBe(3);
    expect(badSetting.stderr).toMatch(/^CONFIG_INVALID: invalid configuration:\n {2}PORT="eighty"/);
  });
});
