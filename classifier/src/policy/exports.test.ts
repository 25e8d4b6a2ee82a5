import { isAuthorized, validate } from '@cedar-policy/cedar-wasm/nodejs';
import { evaluate as evaluateCel, parse as parseCel } from '@marcbachmann/cel-js';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLASSIFIER_VERSION } from '../classify.js';
import { ToolriskClassifierError } from '../errors.js';
import type { Category, Classification, RiskFactor, RiskLevel } from '../types.js';
import { RISK_LEVELS } from '../types.js';
import { decideTool, exportDecision, isAtLeastAsStrict } from './decisions.js';
import type { PolicyInput, PolicyProfile, StarterPolicy, ToolPolicy } from './model.js';
import { POLICY_PROFILES } from './model.js';
import { recommendPolicy } from './recommend.js';
import { renderPolicy } from './render.js';
import { CEDAR_ABILITIES } from './render-cedar.js';
import { claudeCodeToolRule } from './render-claude-code.js';

function classification(category: Category, risk: RiskLevel, factors: RiskFactor[] = []): Classification {
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

/** A server with one tool per level, and names no format can hold as they are. */
const FIXTURE: PolicyInput[] = [
  { name: 'read_notes', classification: classification('Read', 'Low') },
  { name: 'write_note', classification: classification('Write', 'Medium') },
  { name: 'run_shell', classification: classification('Execute', 'High', ['code_execution']) },
  { name: 'delete_everything', classification: classification('Write', 'Critical', ['destructive']) },
  { name: 'say "hi" \\ now', classification: classification('Read', 'Low') },
  { name: 'caf\u00e9.lookup', classification: classification('Read', 'Critical', ['destructive']) },
  { name: 'line\nbreak */ # //', classification: classification('Read', 'Low') },
];

function fixturePolicy(profile: PolicyProfile = 'balanced'): StarterPolicy {
  return recommendPolicy(FIXTURE, { profile, serverName: 'io.example/notes server' });
}

const CEDAR_SCHEMA =
  'entity Client; entity Tool; action call_tool appliesTo { principal: [Client], resource: [Tool], context: {} };';

function cedarDecision(policies: string, tool: string): 'allow' | 'deny' {
  const answer = isAuthorized({
    principal: { type: 'Client', id: 'alice' },
    action: { type: 'Action', id: 'call_tool' },
    resource: { type: 'Tool', id: tool },
    context: {},
    policies: { staticPolicies: policies },
    entities: [],
  });
  if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
  return answer.response.decision;
}

function celAllows(document: string, tool: string): boolean {
  const parsed: unknown = parseYaml(document);
  const rules = (parsed as { mcpAuthorization: { rules: string[] } }).mcpAuthorization.rules;
  return rules.some((rule) => evaluateCel(rule, { mcp: { tool: { name: tool, target: 'notes' } } }) === true);
}

/** Strips JSONC line comments outside strings, so JSON.parse reads the rest. */
function stripJsonc(text: string): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      out += char;
      if (char === '\\') {
        out += text[index + 1] ?? '';
        index += 1;
      } else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index += 1;
      out += '\n';
    } else out += char;
  }
  return out;
}

/** A Codex `[mcp_servers.NAME]` table as smol-toml reads it. */
interface CodexServer {
  enabled_tools?: string[];
  disabled_tools?: string[];
  tools?: Record<string, { approval_mode?: string }>;
}

/** The `[mcp_servers.*]` tables of a Codex file. */
function codexTables(text: string): Record<string, CodexServer> {
  const servers: unknown = parseToml(text).mcp_servers;
  if (servers === null || typeof servers !== 'object') throw new Error('no [mcp_servers] table');
  return servers as Record<string, CodexServer>;
}

/** What a client or gateway does with a call of `tool`, read from the exported file the way that client reads it. */
type Enforced = 'allow' | 'ask' | 'deny' | 'off';

function enforcedBy(format: string, text: string, server: string, tool: string): Enforced {
  switch (format) {
    case 'claude-code': {
      // Claude Code: deny rules win over ask, ask over allow; an MCP tool no rule names asks.
      const { permissions } = JSON.parse(text) as { permissions: Record<string, string[]> };
      const rule = claudeCodeToolRule(server, tool);
      if (permissions.deny?.includes(rule)) return 'deny';
      if (permissions.ask?.includes(rule)) return 'ask';
      return permissions.allow?.includes(rule) ? 'allow' : 'ask';
    }
    case 'codex': {
      // Codex registers only enabled_tools, minus disabled_tools; approval_mode "approve" never asks, "prompt" always does.
      const parsed = { mcp_servers: codexTables(text) };
      const table = Object.values(parsed.mcp_servers)[0] ?? {};
      if (!table.enabled_tools?.includes(tool) || table.disabled_tools?.includes(tool)) return 'off';
      const mode = table.tools?.[tool]?.approval_mode;
      if (mode === 'approve') return 'allow';
      if (mode === 'prompt') return 'ask';
      throw new Error(`codex tool ${tool} has approval_mode ${String(mode)}: its annotations would decide`);
    }
    case 'cursor': {
      const { mcpAllowlist } = JSON.parse(stripJsonc(text)) as { mcpAllowlist: string[] };
      return mcpAllowlist.includes(`${server}:${tool}`) ? 'allow' : 'ask';
    }
    case 'vscode': {
      const parsed = JSON.parse(stripJsonc(text)) as Record<string, Record<string, boolean>>;
      return parsed['chat.tools.eligibleForAutoApproval']?.[`${server}/${tool}`] === true ? 'allow' : 'ask';
    }
    case 'cedar':
      return cedarDecision(text, tool) === 'allow' ? 'allow' : 'deny';
    case 'agentgateway':
      return celAllows(text, tool) ? 'allow' : 'deny';
    default:
      throw new Error(`no reader for ${format}`);
  }
}

/**
 * The model's decision in a format's vocabulary, written from the issue's rules and not from exportDecision: a tool
 * the model allows under a rate limit or argument rule asks (no client format carries them), then each format's
 * nearest stricter decision (Claude Code denies a hidden tool, Codex switches denied and hidden tools off, Cedar and
 * agentgateway refuse what does not run unasked; Cursor and VS Code can only ask).
 */
function modelIn(format: string, tool: ToolPolicy): Enforced {
  const base = decideTool(tool);
  const constrained = tool.rateLimit !== undefined || tool.argumentRules.length > 0;
  const wanted = base === 'allow' && constrained ? 'ask' : base;
  if (wanted === 'allow') return 'allow';
  switch (format) {
    case 'claude-code':
      return wanted === 'ask' ? 'ask' : 'deny';
    case 'codex':
      return wanted === 'ask' ? 'ask' : 'off';
    case 'cursor':
    case 'vscode':
      return 'ask';
    default:
      return 'deny';
  }
}

const CLIENT_FORMATS = ['claude-code', 'codex', 'cursor', 'vscode', 'cedar', 'agentgateway'] as const;

describe('one decision model', () => {
  it('maps each balanced level to allow, ask, ask and deny (the Medium tool asks: its rate limit has no home)', () => {
    const policy = fixturePolicy();
    const decisions = policy.tools.slice(0, 4).map((tool) => exportDecision(tool, 'x', CEDAR_ABILITIES));
    expect(policy.tools.slice(0, 4).map(decideTool)).toEqual(['allow', 'allow', 'ask', 'deny']);
    expect(decisions.map((d) => d.decision)).toEqual(['allow', 'deny', 'deny', 'deny']);
    expect(decisions[1]?.fallbacks.join(' ')).toContain('rate limit of 30 calls per minute');
  });

  it('never exports anything looser than the model where the format has something at least as strict', () => {
    for (const profile of POLICY_PROFILES) {
      for (const tool of fixturePolicy(profile).tools) {
        for (const abilities of [
          { ask: true, deny: true, hide: false },
          { ask: false, deny: true, hide: true },
        ]) {
          const exported = exportDecision(tool, 'x', abilities);
          expect(exported.isWeaker).toBe(false);
          const model = decideTool(tool);
          // Without hide, deny is the nearest rule for a hidden tool (refused either way).
          const floor = model === 'hide' && !abilities.hide ? 'deny' : model;
          expect(isAtLeastAsStrict(exported.decision, floor)).toBe(true);
        }
      }
    }
  });
});

describe('each export parses with its own parser and decides the fixture as the model does', () => {
  it('claude-code: exact mcp__server__tool rules, Critical denied, High asks, Low allowed', () => {
    const parsed: unknown = JSON.parse(renderPolicy(fixturePolicy(), 'claude-code'));
    const rule = (tool: string) => claudeCodeToolRule('io.example/notes server', tool);
    expect(rule('read_notes')).toBe('mcp__io_example_notes_server__read_notes');
    expect(parsed).toEqual({
      permissions: {
        allow: [rule('read_notes'), rule('say "hi" \\ now'), rule('line\nbreak */ # //')],
        ask: [rule('write_note'), rule('run_shell')],
        deny: [rule('delete_everything'), rule('caf\u00e9.lookup')],
      },
    });
    for (const entry of Object.values(
      (parsed as { permissions: Record<string, string[]> }).permissions,
    ).flat()) {
      expect(entry).toMatch(/^mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/);
    }
  });

  it('codex: TOML with enabled_tools, disabled_tools and per-tool approval_mode, read back by smol-toml', () => {
    const text = renderPolicy(fixturePolicy(), 'codex');
    const parsed = { mcp_servers: codexTables(text) };
    expect(Object.keys(parsed.mcp_servers)).toEqual(['io_example_notes_server']);
    const server = parsed.mcp_servers.io_example_notes_server;
    expect(server?.enabled_tools).toEqual([
      'read_notes',
      'write_note',
      'run_shell',
      'say "hi" \\ now',
      'line\nbreak */ # //',
    ]);
    expect(server?.disabled_tools).toEqual(['delete_everything', 'caf\u00e9.lookup']);
    expect(server?.tools).toEqual({
      read_notes: { approval_mode: 'approve' },
      write_note: { approval_mode: 'prompt' },
      run_shell: { approval_mode: 'prompt' },
      'say "hi" \\ now': { approval_mode: 'approve' },
      'line\nbreak */ # //': { approval_mode: 'approve' },
    });
    expect(text).toContain(`classifier ${CLASSIFIER_VERSION}`);
    expect(text).toContain('profile balanced');
    expect(text).toContain('codex cannot express the rate limit of 30 calls per minute: asks instead');
    expect(text).not.toContain('"auto"');
  });

  it("yaml: the Intercept file says which toolrisk and profile wrote it and each tool's rule in comments, and still reads back", () => {
    const text = renderPolicy(fixturePolicy('strict'), 'yaml');
    expect(text).toContain(
      `# toolrisk starter policy (classifier ${CLASSIFIER_VERSION}), format yaml, profile strict`,
    );
    expect(text).toMatch(
      /^ {2}# allow; toolrisk's rule: allowed with a rate limit: Low Read \(no risk factors\) under the strict profile\n {2}"read_notes":/m,
    );
    expect(text).toMatch(/^ {2}# hide; toolrisk's rule: hidden from the agent: Critical Write/m);
    const parsed = parseYaml(text) as { tools: Record<string, unknown>; hide: string[] };
    expect(Object.keys(parsed.tools)).toContain('line\nbreak */ # //');
    expect(parsed.hide).toContain('delete_everything');
  });

  it('cursor: JSONC whose mcpAllowlist holds only the allowed tools; denied tools are flagged NOT ENFORCED', () => {
    const text = renderPolicy(fixturePolicy(), 'cursor');
    const parsed = JSON.parse(stripJsonc(text)) as { mcpAllowlist: string[] };
    // `*` is Cursor's wildcard: the allowed tool whose name holds one is left out (it asks) and said so.
    expect(parsed.mcpAllowlist).toEqual([
      'io.example/notes server:read_notes',
      'io.example/notes server:say "hi" \\ now',
    ]);
    expect(text).toContain('NOT WRITTEN: "io.example/notes server" tool "line\\nbreak */ # //" holds "*"');
    expect(text).toMatch(/delete_everything: ask; .*\n\/\/ +NOT ENFORCED/);
  });

  it('vscode: JSONC chat.tools.eligibleForAutoApproval, true only for the allowed tools', () => {
    const text = renderPolicy(fixturePolicy(), 'vscode');
    const parsed = JSON.parse(stripJsonc(text)) as Record<string, Record<string, boolean>>;
    const settings = parsed['chat.tools.eligibleForAutoApproval'] ?? {};
    expect(settings['io.example/notes server/read_notes']).toBe(true);
    expect(settings['io.example/notes server/run_shell']).toBe(false);
    expect(settings['io.example/notes server/delete_everything']).toBe(false);
    expect(Object.keys(settings)).toHaveLength(FIXTURE.length);
  });

  it('cedar: validates against a ToolHive-shaped schema and the Cedar engine permits Low, forbids High and Critical', () => {
    const text = renderPolicy(fixturePolicy(), 'cedar');
    const validation = validate({ schema: CEDAR_SCHEMA, policies: { staticPolicies: text } });
    expect(validation.type === 'success' ? validation.validationErrors : validation.errors).toEqual([]);
    expect(cedarDecision(text, 'read_notes')).toBe('allow');
    expect(cedarDecision(text, 'say "hi" \\ now')).toBe('allow');
    expect(cedarDecision(text, 'line\nbreak */ # //')).toBe('allow');
    expect(cedarDecision(text, 'write_note')).toBe('deny');
    expect(cedarDecision(text, 'run_shell')).toBe('deny');
    expect(cedarDecision(text, 'delete_everything')).toBe('deny');
    expect(cedarDecision(text, 'caf\u00e9.lookup')).toBe('deny');
    expect(cedarDecision(text, 'a_tool_added_later')).toBe('deny');
  });

  it('agentgateway: YAML whose CEL rules compile and allow exactly the allowed tools', () => {
    const text = renderPolicy(fixturePolicy(), 'agentgateway');
    const rules = (parseYaml(text) as { mcpAuthorization: { rules: string[] } }).mcpAuthorization.rules;
    for (const rule of rules) expect(() => parseCel(rule)).not.toThrow();
    expect(celAllows(text, 'read_notes')).toBe(true);
    expect(celAllows(text, 'say "hi" \\ now')).toBe(true);
    expect(celAllows(text, 'line\nbreak */ # //')).toBe(true);
    expect(celAllows(text, 'run_shell')).toBe(false);
    expect(celAllows(text, 'delete_everything')).toBe(false);
    expect(celAllows(text, 'a_tool_added_later')).toBe(false);
  });

  it('a balanced export never lets a Critical tool run unasked, in any format, and every profile renders', () => {
    for (const profile of POLICY_PROFILES) {
      const policy = fixturePolicy(profile);
      for (const format of ['claude-code', 'codex', 'cursor', 'vscode', 'cedar', 'agentgateway']) {
        const text = renderPolicy(policy, format);
        expect(text.length).toBeGreaterThan(0);
        if (profile !== 'balanced') continue;
        const critical = 'delete_everything';
        if (format === 'cedar') expect(cedarDecision(text, critical)).toBe('deny');
        if (format === 'agentgateway') expect(celAllows(text, critical)).toBe(false);
        if (format === 'codex') expect(text).not.toMatch(/enabled_tools = \[[^\]]*"delete_everything"/);
        if (format === 'claude-code') expect(text).not.toMatch(/"allow": \[[^\]]*delete_everything/);
        if (format === 'cursor') expect(text).not.toContain(`"io.example/notes server:${critical}"`);
        if (format === 'vscode') expect(text).toContain(`"io.example/notes server/${critical}": false`);
      }
    }
  });

  it('every client and gateway file decides random tool sets as the model does, read as its client reads it', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const categories: Category[] = ['Read', 'Write', 'Execute'];
    const parameters = { sql: { type: 'string' }, amount: { type: 'number' }, path: { type: 'string' } };
    for (let round = 0; round < 30; round += 1) {
      const tools: PolicyInput[] = Array.from({ length: 6 }, (_, index) => ({
        name: `t${index}_${String.fromCodePoint(33 + Math.floor(next() * 200))}`,
        classification: classification(
          categories[Math.floor(next() * 3)] ?? 'Read',
          RISK_LEVELS[Math.floor(next() * 4)] ?? 'Low',
          [
            ...(next() < 0.1 ? (['suspicious_description'] as const) : []),
            ...(next() < 0.3 ? (['financial'] as const) : []),
          ],
        ),
        inputSchema: {
          type: 'object',
          properties: Object.fromEntries(Object.entries(parameters).filter(() => next() < 0.3)),
        },
      }));
      const profile = POLICY_PROFILES[round % 3] ?? 'balanced';
      const policy = recommendPolicy(tools, { profile, serverName: 's' });
      for (const format of CLIENT_FORMATS) {
        const text = renderPolicy(policy, format);
        for (const tool of policy.tools) {
          expect(enforcedBy(format, text, 's', tool.name), `${format} ${profile} ${tool.name}`).toBe(
            modelIn(format, tool),
          );
        }
      }
    }
  });
});

describe('bad input', () => {
  it('an unknown format is FORMAT_UNKNOWN naming the valid ones', () => {
    const error = (() => {
      try {
        renderPolicy(fixturePolicy(), 'opa');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ToolriskClassifierError);
    expect((error as ToolriskClassifierError).code).toBe('FORMAT_UNKNOWN');
    expect((error as ToolriskClassifierError).message).toContain('claude-code');
  });

  it('a tool name TOML cannot hold (a lone surrogate) is reported in the Codex file and left off, never dropped silently', () => {
    const policy = recommendPolicy(
      [
        { name: 'bad\ud800name', classification: classification('Read', 'Low') },
        { name: 'fine', classification: classification('Read', 'Low') },
      ],
      { serverName: 's' },
    );
    const text = renderPolicy(policy, 'codex');
    const server = codexTables(text).s;
    expect(server?.enabled_tools).toEqual(['fine']);
    expect(server?.disabled_tools).toEqual([]);
    expect(Object.keys(server?.tools ?? {})).toEqual(['fine']);
    expect(text).toMatch(/^# NAMES: NOT WRITTEN: "s" tool "bad\\ud800name" holds a lone surrogate/m);
  });

  it('agentgateway says why an argument rule falls back to deny: its request-time CEL never sees arguments', () => {
    const policy = recommendPolicy(
      [
        {
          name: 'pay',
          classification: classification('Write', 'Low', ['financial']),
          inputSchema: { type: 'object', properties: { amount: { type: 'number' } } },
        },
      ],
      { serverName: 's', profile: 'permissive' },
    );
    expect(policy.tools[0]?.argumentRules.map((rule) => rule.kind)).toEqual(['amount_cap']);
    const text = renderPolicy(policy, 'agentgateway');
    expect(celAllows(text, 'pay')).toBe(false);
    expect(text).toContain('cannot express the argument rule amount_cap:amount');
    expect(text).toContain('mcp.tool.arguments is filled after the call');
  });

  it('two tools Claude Code names alike share the strictest rule, and the collision is not dropped', () => {
    const policy = recommendPolicy(
      [
        { name: 'a.b', classification: classification('Read', 'Low') },
        { name: 'a_b', classification: classification('Write', 'Critical') },
      ],
      { serverName: 's' },
    );
    const parsed = JSON.parse(renderPolicy(policy, 'claude-code')) as {
      permissions: Record<string, string[]>;
    };
    expect(parsed.permissions).toEqual({ allow: [], ask: [], deny: ['mcp__s__a_b'] });
  });
});
