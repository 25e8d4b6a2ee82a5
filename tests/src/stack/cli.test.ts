// Guarantee: `toolrisk scan` reports the stack's servers, secrets and flows from a real catalogue; `lock` pins it and
// `verify` fails naming each change; the usual places are found when no FILE is given.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StackLock } from '@toolrisk/classifier/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { CONFIGS_DIR, STACKS_DIR } from './reference-stack.js';

const DESKTOP = `${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolrisk-stack-'));
  env = { TOOLRISK_DATA_DIR: join(dir, 'db'), TOOLRISK_SEED: 'false', HOME: join(dir, 'empty-home') };
  const imported = await runToolrisk(['import', STACKS_DIR], env);
  expect(imported.code).toBe(0);
});

describe('toolrisk scan', () => {
  it('prints servers, tools and flows as JSON, every server matched by package, no secret value anywhere', async () => {
    const run = await runToolrisk(['scan', DESKTOP, '--format', 'json'], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      servers: { name: string; match: { status: string; serverId?: string; matchedBy?: string } }[];
      tools: { server: string; name: string; roles: string[] }[];
      flows: { id: string; severity: string; isBrokenByPolicy: boolean; breakingRules: { tool: string }[] }[];
    };
    expect(
      report.servers.map((server) => [server.name, server.match.status, server.match.matchedBy]),
    ).toEqual([
      ['filesystem', 'catalogue', 'package'],
      ['fetch', 'catalogue', 'package'],
      ['gmail', 'catalogue', 'package'],
      ['github', 'catalogue', 'package'],
    ]);
    expect(report.tools.find((tool) => tool.name === 'sendMessage')?.roles).toEqual(['external_sink']);
    const open = report.flows.filter((flow) => !flow.isBrokenByPolicy).map((flow) => flow.id);
    expect(open).toEqual(['claude-desktop:exfiltration:fetch']);
    expect(report.flows.map((flow) => flow.id)).toContain('claude-desktop:exfiltration:gmail');
    expect(run.stdout + run.stderr).not.toContain('ghp_R3alLook1ng');
    expect(run.stdout + run.stderr).not.toContain('abcd efgh');
    expect(run.stderr).toContain('warning: SECRET_IN_PLAIN_TEXT:');
  });

  it('--fail-on high exits 1 naming each flow; SARIF is one result per flow and issue', async () => {
    const gate = await runToolrisk(['scan', DESKTOP, '--fail-on', 'high'], env);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/FAIL_ON_REACHED: \d+ flows are at or above High/);
    expect(gate.stderr).toContain('claude-desktop:exfiltration:fetch');
    expect(gate.stdout).toContain('HIGH exfiltration (claude-desktop:exfiltration:fetch)');
    // The table names each flow's OWASP MCP Top 10 risks under its chain.
    const table = gate.stdout.split('\n');
    const head = table.findIndex((line) =>
      line.startsWith('HIGH exfiltration (claude-desktop:exfiltration:fetch)'),
    );
    expect(table.slice(head).find((line) => line.startsWith('  owasp '))).toBe(
      '  owasp   MCP06:2025 Prompt Injection via Contextual Payloads, MCP10:2025 Context Injection & Over-Sharing',
    );
    const sarif = await runToolrisk(['scan', DESKTOP, '--format', 'sarif'], env);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((result) => result.ruleId)).toContain('exfiltration');
    expect(log.runs[0]?.results.map((result) => result.ruleId)).toContain('SECRET_IN_PLAIN_TEXT');
  });

  it('SARIF names files by file:// URI or relative to %SRCROOT%, with the region of each entry in the file', async () => {
    type Location = {
      physicalLocation: {
        artifactLocation: { uri: string; uriBaseId?: string };
        region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
      };
      logicalLocations: { fullyQualifiedName: string }[];
    };
    type Result = { ruleId: string; locations: Location[]; properties?: { sink: { server: string } } };
    const resultsOf = (stdout: string) =>
      (JSON.parse(stdout) as { runs: { results: Result[] }[] }).runs[0]?.results ?? [];
    const lines = (await readFile(DESKTOP, 'utf8')).split('\n');
    /** Where a property's key starts and its value ends, when both are on one line. */
    const spanOf = (key: string) => {
      const line = lines.findIndex((text) => text.includes(`"${key}":`));
      const text = lines[line] ?? '';
      const end = text.replace(/,$/, '').length;
      return {
        startLine: line + 1,
        startColumn: text.indexOf(`"${key}":`) + 1,
        endLine: line + 1,
        endColumn: end + 1,
      };
    };

    const absolute = resultsOf((await runToolrisk(['scan', DESKTOP, '--format', 'sarif'], env)).stdout);
    expect(absolute.length).toBeGreaterThan(1);
    for (const result of absolute)
      expect(result.locations[0]?.physicalLocation.artifactLocation).toEqual({
        uri: pathToFileURL(DESKTOP).href,
      });
    const secret = absolute.find(
      (result) =>
        result.ruleId === 'SECRET_IN_PLAIN_TEXT' &&
        result.locations[0]?.logicalLocations[0]?.fullyQualifiedName.endsWith(
          '/GITHUB_PERSONAL_ACCESS_TOKEN',
        ),
    );
    expect(secret?.locations[0]?.physicalLocation.region).toEqual(spanOf('GITHUB_PERSONAL_ACCESS_TOKEN'));
    const flow = absolute.find((result) => result.ruleId === 'exfiltration');
    const sink = flow?.properties?.sink.server ?? '';
    // A server's entry spans from its name to its closing brace, lines below.
    const region = flow?.locations[0]?.physicalLocation.region;
    expect(region).toMatchObject({
      startLine: spanOf(sink).startLine,
      startColumn: spanOf(sink).startColumn,
    });
    expect(lines[(region?.endLine ?? 0) - 1]?.slice(0, (region?.endColumn ?? 0) - 1).trim()).toMatch(/}$/);

    const given = relative(process.cwd(), DESKTOP);
    const relativeRun = resultsOf((await runToolrisk(['scan', given, '--format', 'sarif'], env)).stdout);
    expect(relativeRun[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: given.split('/').map(encodeURIComponent).join('/'),
      uriBaseId: '%SRCROOT%',
    });

    // A syntax error is placed where the reader stopped.
    const broken = resultsOf(
      (await runToolrisk(['scan', `${CONFIGS_DIR}/bad/broken.json`, '--format', 'sarif'], env)).stdout,
    );
    const malformed = broken.find((result) => result.ruleId === 'CONFIG_MALFORMED');
    expect(malformed?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 5 });
  });

  it('--policy F prints the stack policy with the breaking rules; bad arguments exit 2', async () => {
    const policy = await runToolrisk(['scan', DESKTOP, '--policy', 'claude-code'], env);
    expect(policy.code).toBe(0);
    const settings = JSON.parse(policy.stdout) as {
      permissions: { allow: string[]; ask: string[]; deny: string[] };
    };
    expect(settings.permissions.ask).toContain('mcp__fetch__fetch_html');
    expect(settings.permissions.ask).toContain('mcp__gmail__sendMessage');
    expect(settings.permissions.allow).toContain('mcp__filesystem__list_allowed_directories');
    expect((await runToolrisk(['scan', '--format', 'xml'], env)).code).toBe(2);
    expect((await runToolrisk(['scan', '--policy', 'nope'], env)).stderr).toContain(
      '--policy must be one of',
    );
  });

  it('a broken file and a missing file are refused by name (exit 1) while the other file is still checked', async () => {
    const run = await runToolrisk(
      ['scan', `${CONFIGS_DIR}/bad/broken.json`, join(dir, 'missing.json'), DESKTOP],
      env,
    );
    expect(run.code).toBe(1);
    // The table lists the problems after the flows.
    expect(run.stdout).toContain('error CONFIG_MALFORMED:');
    expect(run.stdout).toMatch(/CONFIG_UNREADABLE: .*missing\.json: cannot be read: no such file/);
    expect(run.stdout).toContain('exfiltration');
  });

  it('finds the usual places when no FILE is given: ~/.codex/config.toml and ~/.cursor/mcp.json', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.codex'), { recursive: true });
    await mkdir(join(home, '.cursor'), { recursive: true });
    await cp(`${CONFIGS_DIR}/codex/config.toml`, join(home, '.codex', 'config.toml'));
    await cp(`${CONFIGS_DIR}/cursor/.cursor/mcp.json`, join(home, '.cursor', 'mcp.json'));
    const run = await runToolrisk(['scan', '--format', 'json'], { ...env, HOME: home });
    const report = JSON.parse(run.stdout) as { servers: { name: string; client: string }[] };
    expect(report.servers.map((server) => `${server.client}/${server.name}`).sort()).toEqual([
      'codex/code-runner',
      'codex/filesystem',
      'codex/github',
      'cursor/desktop-commander',
      'cursor/notion',
      'cursor/playwright',
    ]);
  });
});

describe('toolrisk lock and verify', () => {
  it('lock writes every server and tool; verify passes, then fails naming a changed definition, a new tool and a raised level', async () => {
    const lockFile = join(dir, 'toolrisk.lock');
    const locked = await runToolrisk(['lock', DESKTOP, '--output', lockFile], env);
    expect(locked.code).toBe(0);
    expect(locked.stderr).toContain('4 servers, 47 tools');
    const lock = JSON.parse(await readFile(lockFile, 'utf8')) as StackLock;
    expect(lock.servers.map((server) => server.identity)).toContain(
      'npm:@modelcontextprotocol/server-filesystem',
    );
    expect((await runToolrisk(['verify', DESKTOP, '--lock', lockFile], env)).code).toBe(0);
    const fetch = lock.servers.find((server) => server.name === 'fetch');
    const gmail = lock.servers.find((server) => server.name === 'gmail');
    if (!fetch || !gmail) throw new Error('lock lacks fetch or gmail');
    const html = fetch.tools.fetch_html;
    if (!html) throw new Error('lock lacks fetch_html');
    html.definitionHash = 'sha256:0000';
    delete fetch.tools.fetch_json;
    const send = gmail.tools.sendMessage;
    if (!send) throw new Error('lock lacks sendMessage');
    send.risk = 'Low';
    await writeFile(lockFile, JSON.stringify(lock));
    const verify = await runToolrisk(['verify', DESKTOP, '--lock', lockFile], env);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain(
      'TOOL_DEFINITION_CHANGED: claude-desktop/fetch: fetch_html changed its definition',
    );
    expect(verify.stderr).toContain('TOOL_ADDED: claude-desktop/fetch: new tool fetch_json');
    expect(verify.stderr).toContain('RISK_RAISED: claude-desktop/gmail: sendMessage rose from Low to High');
    expect(verify.stdout).toContain('3 changes since the lock');
    // Each change names its OWASP MCP Top 10 risks: a changed definition is tool poisoning (a rug pull).
    const lines = verify.stderr.split('\n');
    expect(lines.find((line) => line.startsWith('TOOL_DEFINITION_CHANGED:'))).toMatch(
      /\(OWASP MCP03:2025\)$/,
    );
    expect(lines.find((line) => line.startsWith('TOOL_ADDED:'))).toMatch(/\(OWASP MCP03:2025, MCP02:2025\)$/);
    expect(lines.find((line) => line.startsWith('RISK_RAISED:'))).toMatch(
      /\(OWASP MCP02:2025, MCP03:2025\)$/,
    );
  });

  it('a missing or invalid lock is exit 2 with its code', async () => {
    const missing = await runToolrisk(['verify', DESKTOP, '--lock', join(dir, 'none.lock')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^LOCK_UNREADABLE: /);
    await writeFile(join(dir, 'bad.lock'), '{"lockfileVersion": 9}');
    const bad = await runToolrisk(['verify', DESKTOP, '--lock', join(dir, 'bad.lock')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^LOCK_INVALID: .*bad\.lock: not a toolrisk\.lock/);
  });
});
