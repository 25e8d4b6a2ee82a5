// Hostile server and tool names in every format: each file parses with its own parser or engine, each name is decided as the model decides it, and every name a format cannot hold apart or at all is in the export's report.
import { isAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import { evaluate as evaluateCel } from '@marcbachmann/cel-js';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exportStackPolicy } from '../stack/policy-export.js';
import type { Category, Classification, RiskFactor, RiskLevel } from '../types.js';
import { decideTool, type ToolDecision } from './decisions.js';
import { evaluateCall } from './evaluate.js';
import { type PolicyExport, type PolicyNameNote, wellFormed } from './export-names.js';
import { commentSafe } from './export-notes.js';
import type { PolicyFormat, StarterPolicy, ToolPolicy } from './model.js';
import { POLICY_FORMATS, POLICY_PROFILES } from './model.js';
import { recommendPolicy } from './recommend.js';
import { exportPolicy } from './render.js';
import { claudeCodeToolRule } from './render-claude-code.js';
import { codexServerName } from './render-codex.js';

/** Names no format holds as they are: the bad-input cases of issue 16, one per row (and the empty server name below). */
const HOSTILE_NAMES: readonly string[] = [
  'plain_name',
  'with space',
  'a.b',
  'a_b',
  'say "hi"',
  "it's",
  'back\\slash',
  'caf\u00e9',
  'emoji \u{1F600}',
  '\u6f22\u5b57',
  'ctl\u0001\u0009\u007f\u0085\u2028end',
  'lone\ud800',
  'lone\ufffd',
  'star*',
  'a:b',
  'a/b',
  '__proto__',
  'line\nbreak */ # //',
];

const LEVELS: readonly [Category, RiskLevel, RiskFactor[]][] = [
  ['Read', 'Low', []],
  ['Write', 'Medium', []],
  ['Execute', 'High', ['code_execution']],
  ['Write', 'Critical', ['destructive']],
  ['Read', 'Low', ['suspicious_description']],
];

function classification(index: number, offset: number): Classification {
  const [category, risk, factors] = LEVELS[(index + offset) % LEVELS.length] ?? ['Read', 'Low', []];
  return {
    category,
    risk,
    factors,
    confidence: 0.9,
    rationale: 'test',
    evidence: [],
    fiveClass: category,
    classifierVersion: 'test',
  };
}

function policyOf(
  server: string,
  tools: readonly string[],
  offset: number,
  profile = 'balanced',
): StarterPolicy {
  return recommendPolicy(
    tools.map((name, index) => ({ name, classification: classification(index, offset) })),
    { profile, serverName: server },
  );
}

/** What a client or gateway does with a call, in one vocabulary: runs, asks, refuses, or never registers the tool. */
type Enforced = 'allow' | 'ask' | 'deny' | 'off';
const RANK: Record<Enforced, number> = { allow: 0, ask: 1, deny: 2, off: 3 };

/** A decision in a format's own terms (Claude Code denies a hidden tool, Codex switches denied tools off, Cedar and CEL refuse). */
function inFormat(format: PolicyFormat, decision: ToolDecision): Enforced {
  if (decision === 'allow') return 'allow';
  switch (format) {
    case 'json':
    case 'yaml':
      return decision === 'hide' ? 'off' : decision;
    case 'codex':
      return decision === 'ask' ? 'ask' : 'off';
    case 'cedar':
    case 'agentgateway':
      return 'deny';
    case 'cursor':
    case 'vscode':
      return 'ask';
    default:
      return decision === 'ask' ? 'ask' : 'deny';
  }
}

/** The model's decision of a tool in a format, written from the rules (a rate limit no client carries asks). */
function modelIn(format: PolicyFormat, tool: ToolPolicy): Enforced {
  const base = decideTool(tool);
  // JSON and YAML carry rate limits and argument rules; a hidden tool is off.
  if (format === 'json' || format === 'yaml') return base === 'hide' ? 'off' : base;
  const constrained = tool.rateLimit !== undefined || tool.argumentRules.length > 0;
  return inFormat(format, base === 'allow' && constrained ? 'ask' : base);
}

function jsoncOf(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
  expect(errors).toEqual([]);
  return value;
}

/** A Cursor allow-list entry as Cursor matches it: `*` stands for any run of characters. */
function cursorMatches(entry: string, name: string): boolean {
  const pattern = entry
    .split('*')
    .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(name);
}

type Reader = (server: string, tool: string) => Enforced;

/** The server a section of a stack file belongs to: its `server: "<JSON string>"` comment. */
function labelOf(section: string, marker: string): string {
  const line = section.split('\n').find((candidate) => candidate.startsWith(`${marker} server: `));
  if (line === undefined) throw new Error(`no server label in ${section.slice(0, 200)}`);
  return JSON.parse(line.slice(`${marker} server: `.length)) as string;
}

/** Parses a file with its format's own parser or engine and returns how its client or gateway decides a call. */
function readerOf(format: PolicyFormat, text: string, policies: readonly StarterPolicy[]): Reader {
  switch (format) {
    case 'json':
    case 'yaml': {
      const parsed: unknown = format === 'json' ? JSON.parse(text) : undefined;
      const documents =
        policies.length === 1
          ? new Map([[policies[0]?.serverName ?? '', parsed ?? parseYaml(text)]])
          : format === 'json'
            ? new Map(Object.entries((parsed as { servers: Record<string, unknown> }).servers))
            : new Map(
                text
                  .split(/^---\n/m)
                  .slice(1)
                  .map((document) => [labelOf(document, '#'), parseYaml(document)] as const),
              );
      return (server, tool) => {
        const document = documents.get(server);
        // A gateway decoding UTF-8 reads a lone surrogate as U+FFFD.
        const decision = evaluateCall(
          document,
          { tool: wellFormed(tool), args: {} },
          {},
          new Date(0),
        ).decision;
        return decision === 'hidden' ? 'off' : decision === 'require_approval' ? 'ask' : decision;
      };
    }
    case 'claude-code': {
      const { permissions } = JSON.parse(text) as { permissions: Record<string, string[]> };
      return (server, tool) => {
        const rule = claudeCodeToolRule(server, tool);
        if (permissions.deny?.includes(rule)) return 'deny';
        if (permissions.ask?.includes(rule)) return 'ask';
        return permissions.allow?.includes(rule) ? 'allow' : 'ask';
      };
    }
    case 'codex': {
      const servers = parseToml(text).mcp_servers as Record<
        string,
        {
          enabled_tools: string[];
          disabled_tools: string[];
          tools?: Record<string, { approval_mode: string }>;
        }
      >;
      return (server, tool) => {
        const table = servers[codexServerName(server)];
        if (table === undefined) throw new Error(`no Codex table for ${JSON.stringify(server)}`);
        if (!table.enabled_tools.includes(tool) || table.disabled_tools.includes(tool)) return 'off';
        const mode = table.tools?.[tool]?.approval_mode;
        if (mode === 'approve') return 'allow';
        if (mode === 'prompt') return 'ask';
        throw new Error(`approval_mode ${String(mode)} for ${tool}`);
      };
    }
    case 'cursor': {
      const { mcpAllowlist } = jsoncOf(text) as { mcpAllowlist: string[] };
      return (server, tool) =>
        mcpAllowlist.some((entry) => cursorMatches(entry, `${server}:${tool}`)) ? 'allow' : 'ask';
    }
    case 'vscode': {
      const settings = (jsoncOf(text) as Record<string, Record<string, boolean>>)[
        'chat.tools.eligibleForAutoApproval'
      ];
      return (server, tool) => (settings?.[`${server}/${tool}`] === true ? 'allow' : 'ask');
    }
    case 'cedar': {
      // ToolHive authorizes each server with its own policy set: a stack file's section under its server's label.
      const sections =
        policies.length === 1
          ? new Map([[policies[0]?.serverName ?? '', text]])
          : new Map(
              text
                .split(/^(?=\/\/ server: )/m)
                .slice(1)
                .map((section) => [labelOf(section, '//'), section] as const),
            );
      return (server, tool) => {
        const answer = isAuthorized({
          principal: { type: 'Client', id: 'agent' },
          action: { type: 'Action', id: 'call_tool' },
          // ToolHive reads the call with Go's encoding/json, which turns a lone surrogate into U+FFFD (cedar-wasm
          // refuses one outright).
          resource: { type: 'Tool', id: wellFormed(tool) },
          context: {},
          policies: { staticPolicies: sections.get(server) ?? '' },
          entities: [],
        });
        if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
        return answer.response.decision === 'allow' ? 'allow' : 'deny';
      };
    }
    case 'agentgateway': {
      const documents = text.split(/^---\n/m).filter((document) => /mcpAuthorization/.test(document));
      const rulesOf = new Map(
        documents.map((document) => {
          const server = policies.length === 1 ? (policies[0]?.serverName ?? '') : labelOf(document, '#');
          const parsed = parseYaml(document) as { mcpAuthorization: { rules: string[] } };
          return [server, parsed.mcpAuthorization.rules] as const;
        }),
      );
      return (server, tool) => {
        const rules = rulesOf.get(server) ?? [];
        // agentgateway reads the call as UTF-8: a lone surrogate arrives as U+FFFD.
        const name = wellFormed(tool);
        return rules.some((rule) => evaluateCel(rule, { mcp: { tool: { name, target: 't' } } }) === true)
          ? 'allow'
          : 'deny';
      };
    }
  }
}

function hasName(note: PolicyNameNote, server: string, tool?: string): boolean {
  return note.names.some((name) => name.server === server && name.tool === tool);
}

/**
 * What the file must decide for one name: the model's decision, or, when the report names it, the decision the
 * report gives (the strictest of the names sharing an entry, or the client's default for a name left out).
 */
function expectedOf(
  format: PolicyFormat,
  exported: PolicyExport,
  policies: readonly StarterPolicy[],
  server: string,
  tool: ToolPolicy,
): { enforced: Enforced; isNoted: boolean } {
  const serverNote = exported.notes.find((note) => note.kind === 'merged' && hasName(note, server));
  const servers = serverNote === undefined ? [server] : serverNote.names.map((name) => name.server);
  const toolNote = exported.notes.find((note) => servers.some((name) => hasName(note, name, tool.name)));
  if (toolNote?.decision != null) return { enforced: inFormat(format, toolNote.decision), isNoted: true };
  if (serverNote === undefined) return { enforced: modelIn(format, tool), isNoted: false };
  const twins = policies
    .filter((policy) => servers.includes(policy.serverName ?? ''))
    .flatMap((policy) => policy.tools.filter((other) => other.name === tool.name));
  const strictest = twins
    .map((twin) => modelIn(format, twin))
    .reduce((a, b) => (RANK[a] >= RANK[b] ? a : b), modelIn(format, tool));
  return { enforced: strictest, isNoted: true };
}

function checkExport(format: PolicyFormat, policies: readonly StarterPolicy[], exported: PolicyExport): void {
  const read = readerOf(format, exported.text, policies);
  for (const policy of policies) {
    const server = policy.serverName ?? '';
    if (exported.notes.some((note) => note.kind === 'not_written' && hasName(note, server))) continue;
    for (const tool of policy.tools) {
      const label = `${format} ${JSON.stringify(server)} ${JSON.stringify(tool.name)}`;
      const expected = expectedOf(format, exported, policies, server, tool);
      const enforced = read(server, tool.name);
      expect(enforced, label).toBe(expected.enforced);
      // A name the report does not list is decided exactly as the model decides it; one it lists is never looser,
      // unless the report says NOT ENFORCED.
      if (RANK[enforced] < RANK[modelIn(format, tool)]) {
        const note = exported.notes.find((candidate) => hasName(candidate, server, tool.name));
        expect(note?.message, label).toContain('NOT ENFORCED');
      }
      expect(expected.isNoted || enforced === modelIn(format, tool), label).toBe(true);
    }
  }
  // Every note is written into the file too, where the format has comments.
  if (format !== 'json' && format !== 'claude-code')
    for (const note of exported.notes) expect(exported.text).toContain(commentSafe(`NAMES: ${note.message}`));
}

describe('hostile names in every format', () => {
  for (const format of POLICY_FORMATS) {
    it(`${format}: one server whose tools have every hostile name parses, and decides each name as the model or as its report says`, () => {
      for (const profile of POLICY_PROFILES)
        for (const offset of [0, 1, 2, 3, 4]) {
          const policy = policyOf('io.example/notes server', HOSTILE_NAMES, offset, profile);
          checkExport(format, [policy], exportPolicy(policy, format));
        }
    });

    it(`${format}: a stack of servers with every hostile name parses, and decides each server's tools as the model or as its report says`, () => {
      for (const offset of [0, 1, 2, 3, 4]) {
        const policies = [...HOSTILE_NAMES, ''].map((server, index) =>
          policyOf(server, ['plain_name', 'a.b', 'a_b', 'lone\ud800', 'star*'], offset + index),
        );
        checkExport(format, policies, exportStackPolicy(policies, format));
      }
    });
  }

  it('the report lists every name a format cannot hold: lone surrogates in TOML, Cedar and CEL, an allowed "*" in Cursor, an empty server in Claude Code and Codex', () => {
    const low = classification(0, 0);
    const tools = ['lone\ud800', 'star*', 'fine'].map((name) => ({ name, classification: low }));
    const unwritten = (format: PolicyFormat, server = 's') =>
      exportPolicy(recommendPolicy(tools, { serverName: server }), format)
        .notes.filter((note) => note.kind === 'not_written')
        .flatMap((note) => note.names.map((name) => name.tool ?? `server ${name.server}`));
    expect(unwritten('codex')).toEqual(['lone\ud800']);
    expect(unwritten('cedar')).toEqual(['lone\ud800']);
    expect(unwritten('agentgateway')).toEqual(['lone\ud800']);
    expect(unwritten('cursor')).toEqual(['star*']);
    expect(unwritten('claude-code')).toEqual([]);
    expect(unwritten('claude-code', '')).toEqual(['lone\ud800', 'star*', 'fine']);
    expect(unwritten('codex', '')).toEqual(['server ']);
    // A gateway reading UTF-8 would read it as U+FFFD.
    expect(unwritten('json')).toEqual(['lone\ud800']);
    expect(unwritten('yaml')).toEqual(['lone\ud800']);
  });

  it('an empty tool name is refused as TOOL_NAME_MISSING: no format can name it, and readToolsDocument refuses it too', () => {
    expect(() => policyOf('s', ['fine', ''], 0)).toThrow(
      expect.objectContaining({ code: 'TOOL_NAME_MISSING' }),
    );
  });

  it('Cedar and CEL never let a lone surrogate name the tool U+FFFD names: both share one entry, with the stricter decision', () => {
    const policy = recommendPolicy(
      [
        { name: 'x\ud800', classification: classification(3, 0) },
        { name: 'x\ufffd', classification: classification(0, 0) },
      ],
      { serverName: 's' },
    );
    for (const format of ['cedar', 'agentgateway'] as const) {
      const exported = exportPolicy(policy, format);
      const read = readerOf(format, exported.text, [policy]);
      expect(read('s', 'x\ufffd'), format).toBe('deny');
      expect(read('s', 'x\ud800'), format).toBe('deny');
      expect(exported.notes.map((note) => note.kind)).toEqual(['merged']);
      expect(exported.notes[0]?.message).toContain('"x\\ud800" holds a lone surrogate');
    }
  });

  it('a Codex stack with servers a.b and a_b is one valid table, reported, and a tool on both gets the stricter decision', () => {
    const policies = [
      recommendPolicy([{ name: 't', classification: classification(0, 0) }], { serverName: 'a.b' }),
      recommendPolicy([{ name: 't', classification: classification(3, 0) }], { serverName: 'a_b' }),
    ];
    const exported = exportStackPolicy(policies, 'codex');
    const servers = parseToml(exported.text).mcp_servers as Record<string, { disabled_tools: string[] }>;
    expect(Object.keys(servers)).toEqual(['a_b']);
    expect(servers.a_b?.disabled_tools).toEqual(['t']);
    expect(exported.notes).toMatchObject([
      { kind: 'merged', format: 'codex', key: 'a_b', names: [{ server: 'a.b' }, { server: 'a_b' }] },
    ]);
    expect(exported.text).toContain('# NAMES: server "a.b", server "a_b" are one server in codex');
  });

  it('Claude Code: server a__b tool c and server a tool b__c are one rule there, denied if either is', () => {
    const policies = [
      recommendPolicy([{ name: 'c', classification: classification(0, 0) }], { serverName: 'a__b' }),
      recommendPolicy([{ name: 'b__c', classification: classification(3, 0) }], { serverName: 'a' }),
    ];
    const exported = exportStackPolicy(policies, 'claude-code');
    expect(JSON.parse(exported.text)).toEqual({
      permissions: { allow: [], ask: [], deny: ['mcp__a__b__c'] },
    });
    expect(exported.notes).toMatchObject([{ kind: 'merged', key: 'mcp__a__b__c', decision: 'deny' }]);
  });

  it('servers of one name in a stack (two clients) are one JSON key: the stricter policy, reported, nothing dropped', () => {
    const policies = [
      recommendPolicy(
        [
          { name: 't', classification: classification(0, 0) },
          { name: 'only_first', classification: classification(0, 0) },
        ],
        { serverName: 'github' },
      ),
      recommendPolicy([{ name: 't', classification: classification(3, 0) }], { serverName: 'github' }),
    ];
    const exported = exportStackPolicy(policies, 'json');
    const parsed = JSON.parse(exported.text) as {
      servers: Record<string, { tools: Record<string, unknown> }>;
    };
    expect(Object.keys(parsed.servers.github?.tools ?? {}).sort()).toEqual(['only_first', 't']);
    expect(evaluateCall(parsed.servers.github, { tool: 't', args: {} }, {}, new Date(0)).decision).toBe(
      'deny',
    );
    expect(exported.notes).toMatchObject([{ kind: 'merged', format: 'json', key: 'github' }]);
  });
});
