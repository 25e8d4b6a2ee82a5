// Guarantees of the policy exports on the shipped catalogue: for every server and profile each file parses with its format's own parser or engine; the Cedar and CEL files decide random calls as the decision model does, and the Codex files switch tools on and off and ask as it does.
import { readdirSync, readFileSync } from 'node:fs';
import { preparsePolicySet, statefulIsAuthorized, validate } from '@cedar-policy/cedar-wasm/nodejs';
import { evaluate as evaluateCel, parse as parseCel } from '@marcbachmann/cel-js';
import {
  classifyTool,
  hashDefinition,
  POLICY_PROFILES,
  readToolsDocument,
  recommendPolicy,
  renderPolicy,
  type StarterPolicy,
  serverContextOf,
} from '@toolrisk/classifier';
import { evaluateCall, type ToolPolicy, toolhiveContext } from '@toolrisk/classifier/testing';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const CATALOGUE = new URL('../../../crawler/seed/catalogue/', import.meta.url);
const CEDAR_SCHEMA =
  'entity Client; entity Tool; action call_tool appliesTo { principal: [Client], resource: [Tool], context: {} };';

function cataloguePolicies(): StarterPolicy[] {
  const policies: StarterPolicy[] = [];
  for (const file of readdirSync(CATALOGUE).filter((name) => name.endsWith('.json'))) {
    const document = readToolsDocument(JSON.parse(readFileSync(new URL(file, CATALOGUE), 'utf8')));
    const tools = document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
    const server = { name: document.server?.name ?? file.replace(/\.json$/, '') };
    const context = serverContextOf(server, tools);
    const inputs = tools.map((tool) => ({
      name: tool.name,
      classification: classifyTool(tool, context),
      definitionHash: hashDefinition(tool),
      inputSchema: tool.inputSchema,
    }));
    for (const profile of POLICY_PROFILES) {
      policies.push(recommendPolicy(inputs, { profile, serverName: server.name }));
    }
  }
  return policies;
}

/** JSONC as toolrisk writes it: comments are whole lines, so dropping them leaves JSON. */
function parseJsonc(text: string): unknown {
  return JSON.parse(
    text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .join('\n'),
  );
}

/** Argument values a call may carry: under, at and over every cap, allow-listed and other recipients, lists, wrong types. */
const ARGUMENT_VALUES: readonly unknown[] = [
  0,
  5,
  10,
  10.5,
  100,
  100.01,
  1000,
  5000,
  -1,
  '5',
  true,
  null,
  'REPLACE_WITH_ALLOWED_RECIPIENT',
  'x@evil.test',
  ['REPLACE_WITH_ALLOWED_RECIPIENT'],
  ['x@evil.test'],
  [],
  'SELECT 1',
  'DROP TABLE t',
  'https://REPLACE_WITH_ALLOWED_HOST/x',
  '/REPLACE_WITH_ALLOWED_ROOT/a',
  '/etc/passwd',
];

/**
 * What Cedar must decide, from the rules: Cedar has no ask and no counters, so only a call the model allows
 * outright is permitted, and only when every argument rule of the tool is a comparison or allow-list Cedar can test
 * (no regex); a list under an allow-list rule reaches Cedar only as present, so it is refused.
 */
function cedarAllows(policy: StarterPolicy, tool: ToolPolicy, args: Record<string, unknown>): boolean {
  const model = evaluateCall(policy, { tool: tool.name, args }, {}, new Date(0)).decision;
  const isCarried =
    tool.action === 'allow' &&
    tool.rateLimit === undefined &&
    tool.argumentRules.every((rule) =>
      rule.conditions.every((condition) => ['lt', 'lte', 'gt', 'gte', 'in'].includes(condition.op)),
    );
  const listUnderAllowList = tool.argumentRules.some(
    (rule) =>
      rule.conditions.some((condition) => condition.op === 'in') && Array.isArray(args[rule.parameter]),
  );
  return model === 'allow' && isCarried && !listUnderAllowList;
}

/** What the model lets run with no person asked: allowed, and nothing (limit, argument rule) the formats cannot carry. */
function runsUnasked(tool: ToolPolicy): boolean {
  return tool.action === 'allow' && tool.rateLimit === undefined && tool.argumentRules.length === 0;
}

describe('policy exports of the shipped catalogue', () => {
  const policies = cataloguePolicies();

  it('covers the 37 servers under every profile', () => {
    expect(policies.length).toBe(37 * POLICY_PROFILES.length);
  });

  it('every file parses with its format own parser or engine', () => {
    for (const policy of policies) {
      expect(JSON.parse(renderPolicy(policy, 'json'))).toHaveProperty('tools');
      expect(parseYaml(renderPolicy(policy, 'yaml'))).toHaveProperty('tools');
      expect(JSON.parse(renderPolicy(policy, 'claude-code'))).toHaveProperty('permissions');
      expect(parseToml(renderPolicy(policy, 'codex'))).toHaveProperty('mcp_servers');
      expect(parseJsonc(renderPolicy(policy, 'cursor'))).toHaveProperty('mcpAllowlist');
      expect(parseJsonc(renderPolicy(policy, 'vscode'))).toHaveProperty([
        'chat.tools.eligibleForAutoApproval',
      ]);
      const cedar = renderPolicy(policy, 'cedar');
      const validation = validate({ schema: CEDAR_SCHEMA, policies: { staticPolicies: cedar } });
      expect(validation.type === 'success' ? validation.validationErrors : validation.errors).toEqual([]);
      const rules = (
        parseYaml(renderPolicy(policy, 'agentgateway')) as { mcpAuthorization: { rules: string[] } }
      ).mcpAuthorization.rules;
      for (const rule of rules) expect(() => parseCel(rule)).not.toThrow();
    }
  });

  it('every Codex file switches on exactly the tools the model lets run, with approval_mode approve only for those that run unasked', () => {
    for (const policy of policies) {
      const parsed = parseToml(renderPolicy(policy, 'codex')) as {
        mcp_servers: Record<
          string,
          {
            enabled_tools: string[];
            disabled_tools: string[];
            tools?: Record<string, { approval_mode: string }>;
          }
        >;
      };
      const [table, ...others] = Object.values(parsed.mcp_servers);
      expect(others).toEqual([]);
      for (const tool of policy.tools) {
        const runs = tool.action === 'allow' || tool.action === 'require_approval';
        expect(table?.enabled_tools.includes(tool.name), `${policy.serverName} ${tool.name}`).toBe(runs);
        expect(table?.disabled_tools.includes(tool.name)).toBe(!runs);
        const mode = table?.tools?.[tool.name]?.approval_mode;
        expect(mode).toBe(runs ? (runsUnasked(tool) ? 'approve' : 'prompt') : undefined);
        if (policy.profile === 'balanced' && tool.level === 'Critical') expect(mode).not.toBe('approve');
      }
    }
  });

  it('balanced never lets a Critical tool run unasked in Claude Code, Cursor or VS Code either', () => {
    for (const policy of policies.filter((candidate) => candidate.profile === 'balanced')) {
      const server = policy.serverName ?? 'server';
      const claude = JSON.parse(renderPolicy(policy, 'claude-code')) as { permissions: { allow: string[] } };
      const cursor = parseJsonc(renderPolicy(policy, 'cursor')) as { mcpAllowlist: string[] };
      const vscode = parseJsonc(renderPolicy(policy, 'vscode')) as Record<string, Record<string, boolean>>;
      for (const tool of policy.tools.filter((candidate) => candidate.level === 'Critical')) {
        const part = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
        expect(claude.permissions.allow).not.toContain(`mcp__${part(server)}__${part(tool.name)}`);
        expect(cursor.mcpAllowlist).not.toContain(`${server}:${tool.name}`);
        expect(vscode['chat.tools.eligibleForAutoApproval']?.[`${server}/${tool.name}`]).toBe(false);
      }
    }
  });

  it('the Cedar and CEL files agree with the model on 10,000 random calls with random arguments, and balanced never runs a Critical tool unasked', () => {
    let seed = 20_261_201;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * max);
    };
    const rendered = policies.map((policy, index) => {
      const id = `catalogue-${index}`;
      expect(preparsePolicySet(id, { staticPolicies: renderPolicy(policy, 'cedar') }).type).toBe('success');
      const rules = (
        parseYaml(renderPolicy(policy, 'agentgateway')) as { mcpAuthorization: { rules: string[] } }
      ).mcpAuthorization.rules;
      return { policy, id, rules };
    });
    let calls = 0;
    while (calls < 10_000) {
      const entry = rendered[next(rendered.length)];
      if (entry === undefined || entry.policy.tools.length === 0) continue;
      const tool = entry.policy.tools[next(entry.policy.tools.length)];
      if (tool === undefined) continue;
      calls += 1;
      const args: Record<string, unknown> = {};
      for (const rule of tool.argumentRules)
        if (next(5) > 0) args[rule.parameter] = ARGUMENT_VALUES[next(ARGUMENT_VALUES.length)];
      const answer = statefulIsAuthorized({
        principal: { type: 'Client', id: 'agent' },
        action: { type: 'Action', id: 'call_tool' },
        resource: { type: 'Tool', id: tool.name },
        context: toolhiveContext(args),
        preparsedPolicySetId: entry.id,
        entities: [],
      });
      if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
      const celAllows = entry.rules.some(
        (rule) => evaluateCel(rule, { mcp: { tool: { name: tool.name, target: 'server' } } }) === true,
      );
      expect(
        answer.response.decision === 'allow',
        `${entry.policy.serverName} ${tool.name} ${JSON.stringify(args)}`,
      ).toBe(cedarAllows(entry.policy, tool, args));
      // agentgateway's request-time CEL never sees arguments: a tool with an argument rule is denied.
      expect(celAllows).toBe(runsUnasked(tool));
      if (entry.policy.profile === 'balanced' && tool.level === 'Critical') expect(celAllows).toBe(false);
    }
    expect(calls).toBe(10_000);
  });
});
