// Guarantees of `toolrisk second-opinion` and its eval: off without a key, cached across runs with one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { type FakeAnthropic, startFakeAnthropic } from '../harness/fake-anthropic.js';
import { PURGE_OPINION } from './opinions.js';

const LABELLED = {
  server: { id: 'fixture-server', name: 'fixture' },
  tools: [
    {
      name: 'zap',
      inputSchema: {
        type: 'object',
        properties: { target: { type: 'string', description: 'the mailbox to purge' } },
      },
      label: { category: 'Write', risk: 'High', factors: ['destructive'] },
    },
    {
      name: 'delete_repo',
      description: 'Deletes a repository permanently.',
      annotations: { readOnlyHint: true },
      label: { category: 'Write', risk: 'Critical', factors: ['destructive'] },
    },
    {
      name: 'get_weather',
      description: 'Returns the current weather forecast for a city.',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
      label: { category: 'Read', risk: 'Low', factors: [] },
    },
  ],
};

let fake: FakeAnthropic;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  fake.respond = (tool) =>
    tool === 'zap'
      ? { kind: 'opinion', input: PURGE_OPINION }
      : { kind: 'opinion', input: { ...PURGE_OPINION, risk: 'Critical', quotes: [], rationale: 'Agrees.' } };
  dir = await mkdtemp(join(tmpdir(), 'toolrisk-so-'));
  await writeFile(join(dir, 'fixture.json'), JSON.stringify(LABELLED));
  env = {
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
    TOOLRISK_DATA_DIR: join(dir, 'pglite'),
    TOOLRISK_SEED: 'false',
  };
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('toolrisk second-opinion', () => {
  it('says the pass is off and exits 0 without an API key, making no request', async () => {
    const pass = await runToolrisk(['second-opinion'], { TOOLRISK_DATA_DIR: join(dir, 'pglite') });
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('second opinion: off (ANTHROPIC_API_KEY is not set)');
    const evaluation = await runToolrisk(['second-opinion', '--eval', '--dir', dir], {});
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toContain('the pass is off');
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects unknown arguments with usage', async () => {
    const run = await runToolrisk(['second-opinion', '--bogus'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: toolrisk second-opinion');
  });

  it('evaluates with and without the pass, reports the share sent and tokens, and a rerun hits the cache', async () => {
    const first = await runToolrisk(['second-opinion', '--eval', '--dir', dir], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('on 3 labelled tools');
    expect(first.stdout).toMatch(/category accuracy\s+66\.7%\s+100\.0%/);
    expect(first.stdout).toContain('sent to the model:       2/3 (66.7%)');
    expect(first.stdout).toContain('asked now / cached:      2 / 0');
    expect(first.stdout).toContain('tokens used (this run):  2400 in, 300 out');
    expect(fake.calls).toHaveLength(2);
    const second = await runToolrisk(['second-opinion', '--eval', '--dir', dir], env);
    expect(second.stdout).toContain('asked now / cached:      0 / 2');
    expect(second.stdout).toMatch(/category accuracy\s+66\.7%\s+100\.0%/);
    expect(fake.calls).toHaveLength(2);
  });

  it('asks about the hard cases right after an import, and only once', async () => {
    const imported = await runToolrisk(['import', join(dir, 'fixture.json')], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 classifications needed one; asked 2, cached 0; 1 agreed, 1 changed');
    const again = await runToolrisk(['second-opinion'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 classifications needed one; asked 0');
    expect(fake.calls.filter((call) => call.route === 'batch-create')).toHaveLength(0);
  });

  it('runs the pass later over a catalogue imported without a key', async () => {
    const { ANTHROPIC_API_KEY: _key, ...withoutKey } = env;
    const imported = await runToolrisk(['import', join(dir, 'fixture.json')], withoutKey);
    expect(imported.code).toBe(0);
    expect(fake.calls).toHaveLength(0);
    // Batch mode is driven (with its polling schedule) in pass.test.ts; the CLI runs the same pass.
    const pass = await runToolrisk(['second-opinion'], env);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('2 classifications needed one; asked 2, cached 0; 1 agreed, 1 changed');
  });
});
