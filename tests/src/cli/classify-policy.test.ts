// Guarantees of the offline commands developers run before they ship: classify (a CI gate) and policy (what a gateway loads).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runToolrisk } from '../harness/cli.js';
import { SEED_DIR } from '../harness/paths.js';

const FILESYSTEM = join(SEED_DIR, 'modelcontextprotocol-server-filesystem.json');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolrisk-offline-'));
  await writeFile(
    join(dir, 'readonly.json'),
    JSON.stringify({
      tools: [{ name: 'get_weather', description: 'Get the public weather forecast for a city.' }],
    }),
  );
  await writeFile(join(dir, 'broken.json'), '{"tools": [');
  await writeFile(
    join(dir, 'nameless.json'),
    JSON.stringify([{ name: 'get_a' }, { description: 'no name' }]),
  );
});

describe('toolrisk classify', () => {
  it('prints every entry in input order, each classification in the one JSON shape the API answers', async () => {
    const run = await runToolrisk(['classify', FILESYSTEM, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.classifierVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const names = report.tools.map((tool: { name: string }) => tool.name);
    expect(names[0]).toBe('read_file');
    const write = report.tools.find((tool: { name: string }) => tool.name === 'write_file');
    expect(Object.keys(write)).toEqual([
      'index',
      'name',
      'status',
      'definitionHash',
      'classification',
      'warnings',
      'errors',
    ]);
    expect(Object.keys(write.classification)).toEqual([
      'category',
      'risk',
      'factors',
      'confidence',
      'rationale',
      'evidence',
      'fiveClass',
      'classifierVersion',
      'definitionHash',
      'secondOpinion',
    ]);
    expect(write.classification).toMatchObject({
      category: 'Write',
      factors: expect.arrayContaining(['destructive']),
      definitionHash: write.definitionHash,
      secondOpinion: null,
    });
    expect(write.classification.evidence[0]).toMatchObject({ rule: expect.any(String) });
    expect(report.summary.toolCount).toBe(names.length);
  });

  it('gates CI: --fail-on high exits 1 for a server with a High tool and 0 for a read-only one', async () => {
    expect((await runToolrisk(['classify', FILESYSTEM, '--fail-on', 'high'])).code).toBe(1);
    expect((await runToolrisk(['classify', join(dir, 'readonly.json'), '--fail-on', 'high'])).code).toBe(0);
  });

  it('writes SARIF 2.1.0 that code-scanning UIs read', async () => {
    const run = await runToolrisk(['classify', FILESYSTEM, '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('reads standard input, reports a nameless tool as an error entry without dropping the others', async () => {
    const run = await runToolrisk(
      ['classify', '-', '--format', 'json'],
      {},
      JSON.stringify([{ name: 'get_a' }, { description: 'no name' }]),
    );
    const report = JSON.parse(run.stdout);
    expect(report.tools.map((tool: { name: string; status: string }) => [tool.name, tool.status])).toEqual([
      ['get_a', 'classified'],
      [null, 'error'],
    ]);
    expect(report.tools[1].errors.map((error: { code: string }) => error.code)).toEqual([
      'TOOL_NAME_MISSING',
    ]);
    expect(run.stderr).toContain('TOOL_NAME_MISSING');
  });

  it('names the file of malformed JSON and the valid values of a bad flag, exiting 2', async () => {
    const broken = await runToolrisk(['classify', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json');
    const badFlag = await runToolrisk(['classify', FILESYSTEM, '--format', 'xml']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('json, table, sarif');
  });
});

describe('toolrisk policy', () => {
  it('writes Intercept YAML that parses back, denies by default and pins definitions on request', async () => {
    const run = await runToolrisk(['policy', FILESYSTEM, '--format', 'yaml', '--profile', 'strict', '--pin']);
    expect(run.code).toBe(0);
    const policy = parseYaml(run.stdout);
    expect(policy.version).toBe('1');
    expect(Object.keys(policy.tools)).toContain('write_file');
    expect(run.stdout).toMatch(/[0-9a-f]{64}/);
  });

  it('writes gateway JSON by default', async () => {
    const run = await runToolrisk(['policy', FILESYSTEM]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: '1', default: 'deny' });
  });

  it('lists the valid profiles when given an unknown one', async () => {
    const run = await runToolrisk(['policy', FILESYSTEM, '--profile', 'paranoid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/strict.*balanced.*permissive/);
  });
});
