// Guarantees of the offline commands developers run before they ship: classify (a CI gate) and policy (what a gateway loads).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyDocument, readToolsDocument, topReasonOf } from '@toolrisk/classifier';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runToolrisk } from '../harness/cli.js';
import { SEED_DIR } from '../harness/paths.js';
import { type SarifValidator, sarifValidator } from '../harness/sarif.js';

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
      'factorDetails',
      'confidence',
      'rationale',
      'evidence',
      'fiveClass',
      'classifierVersion',
      'definitionHash',
      'secondOpinion',
      'effectiveAnnotations',
    ]);
    // The filesystem server declares write_file destructive and not read-only; the verdict agrees.
    expect(write.classification.effectiveAnnotations).toMatchObject({
      readOnlyHint: { declared: false, inferred: false, isMismatch: false },
      destructiveHint: { declared: true, inferred: true, rule: 'hint.destructive.factor' },
      hasUnsafeMismatch: false,
    });
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
    const readonly = await runToolrisk(['classify', join(dir, 'readonly.json'), '--fail-on', 'high']);
    expect(readonly.code).toBe(0);
    expect(readonly.stderr).toBe('');
  });

  it('--fail-on lists the tools at or above the level on stderr: name, risk, category and top reason', async () => {
    const document = JSON.parse(await readFile(FILESYSTEM, 'utf8'));
    const tripped = classifyDocument(readToolsDocument(document))
      .tools.filter((tool) => ['High', 'Critical'].includes(tool.classification.risk))
      .map((tool) => tool.name);
    expect(tripped).toContain('write_file');
    const run = await runToolrisk(['classify', FILESYSTEM, '--fail-on', 'high']);
    const [head, ...lines] = run.stderr.trimEnd().split('\n');
    const count = tripped.length === 1 ? '1 tool is' : `${tripped.length} tools are`;
    expect(head).toBe(`FAIL_ON_REACHED: ${count} at or above High (--fail-on high):`);
    expect(lines.map((line) => line.trim().split(/\s+/)[0])).toEqual(tripped);
    expect(lines.find((line) => line.includes('write_file'))).toMatch(
      /^ {2}write_file +High +Write +destructive \(High\): "write" replaces the target wholesale$/,
    );
  });

  it('--fail-on lists highest first and shows a hostile name on one line, control and bidi characters escaped', async () => {
    const tools = [
      { name: 'create_issue', description: 'Create an issue' },
      { name: 'evil\nname\u202e', description: 'Delete a file' },
      { name: 'get_weather', description: 'Get the public weather forecast' },
    ];
    const classified = classifyDocument(readToolsDocument({ tools }));
    const expected = (index: number, name: string) => {
      const tool = classified.tools[index];
      return [name, tool?.classification.risk, tool?.classification.category];
    };
    const run = await runToolrisk(['classify', '-', '--fail-on', 'medium'], {}, JSON.stringify({ tools }));
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('FAIL_ON_REACHED: 2 tools are at or above Medium (--fail-on medium):');
    expect(
      lines.slice(1).map((line) =>
        line
          .trim()
          .split(/\s{2,}/)
          .slice(0, 3),
      ),
    ).toEqual([expected(1, 'evil\\u000aname\\u202e'), expected(0, 'create_issue')]);
    const hostile = classified.tools[1]?.classification;
    expect(hostile && lines[1]?.endsWith(`  ${topReasonOf(hostile)}`)).toBe(true);
  });

  it('writes SARIF 2.1.0 that validates against the OASIS schema, every result with a region at its tool', async () => {
    const run = await runToolrisk(['classify', FILESYSTEM, '--format', 'sarif']);
    expect(run.code).toBe(0);
    const sarif = JSON.parse(run.stdout);
    expect(validateSarif(sarif)).toEqual([]);
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(
      results.every((result: { locations: { physicalLocation: { region?: unknown } }[] }) =>
        result.locations.every((location) => location.physicalLocation.region !== undefined),
      ),
    ).toBe(true);
    const text = await readFile(FILESYSTEM, 'utf8');
    const lines = text.split('\n');
    for (const result of results) {
      const { region, artifactLocation } = result.locations[0].physicalLocation;
      expect(artifactLocation.uri).toBe(pathToFileURL(FILESYSTEM).href);
      // The region opens at the tool's `{` and the entry's name is inside it.
      expect(lines[region.startLine - 1]?.[region.startColumn - 1]).toBe('{');
      expect(lines[region.endLine - 1]?.[region.endColumn - 2]).toBe('}');
      const entry = JSON.parse(text.slice(region.charOffset, region.charOffset + region.charLength));
      expect(entry.name).toBe(result.properties.name);
    }
    const report = JSON.parse((await runToolrisk(['classify', FILESYSTEM, '--format', 'json'])).stdout);
    const write = results.find(
      (result: { properties: { name: string } }) => result.properties.name === 'write_file',
    );
    const entry = report.tools.find((tool: { name: string }) => tool.name === 'write_file');
    expect(write.properties.classification).toEqual(entry.classification);
  });

  it('names a relative FILE in SARIF relative to %SRCROOT%, and standard input as stdin', async () => {
    const relativePath = relative(process.cwd(), FILESYSTEM);
    const fromFile = JSON.parse((await runToolrisk(['classify', relativePath, '--format', 'sarif'])).stdout);
    expect(fromFile.runs[0].artifacts[0].location).toEqual({ uri: relativePath, uriBaseId: '%SRCROOT%' });
    const text = JSON.stringify({ tools: [{ name: 'delete_file' }] }, null, 2);
    const fromStdin = JSON.parse(
      (await runToolrisk(['classify', '-', '--format', 'sarif'], {}, text)).stdout,
    );
    expect(validateSarif(fromStdin)).toEqual([]);
    expect(fromStdin.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'stdin', index: 0 },
      region: { startLine: 3, startColumn: 5, endLine: 5, endColumn: 6, charOffset: 19, charLength: 35 },
    });
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

let validateSarif: SarifValidator = () => ['the SARIF schema is compiled in beforeAll'];

beforeAll(async () => {
  validateSarif = await sarifValidator();
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

  it('says on stderr which names a format cannot hold apart or at all, and still writes the file (exit 0)', async () => {
    const file = join(dir, 'hostile-names.json');
    await writeFile(
      file,
      JSON.stringify({
        server: { name: 's' },
        tools: [
          { name: 'a.b', description: 'Get the public weather forecast for a city.' },
          { name: 'a_b', description: 'Delete every file in the given directory, permanently.' },
          { name: 'forecast*', description: 'Get the public weather forecast for a city.' },
        ],
      }),
    );
    const claude = await runToolrisk(['policy', file, '--format', 'claude-code']);
    expect(claude.code).toBe(0);
    const { permissions } = JSON.parse(claude.stdout) as { permissions: Record<string, string[]> };
    expect(permissions.allow).not.toContain('mcp__s__a_b');
    expect(claude.stderr).toMatch(
      /^warning: claude-code: "s" tool "a\.b", "s" tool "a_b" share one entry .*\(POLICY_NAME_MERGED\)$/m,
    );
    // `*` is Cursor's wildcard: an allow entry for forecast* would allow every tool whose name starts so.
    const cursor = await runToolrisk(['policy', file, '--format', 'cursor']);
    expect(cursor.code).toBe(0);
    expect(cursor.stdout).not.toContain('"s:forecast*"');
    expect(cursor.stderr).toMatch(
      /^warning: cursor: NOT WRITTEN: "s" tool "forecast\*" holds "\*".*\(POLICY_NAME_NOT_WRITTEN\)$/m,
    );
  });

  it('lists the valid profiles when given an unknown one', async () => {
    const run = await runToolrisk(['policy', FILESYSTEM, '--profile', 'paranoid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/strict.*balanced.*permissive/);
  });
});
