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
import type { ToolPolicy } from '@toolrisk/classifier/testing';
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

  it('the Cedar and CEL files agree with the model on 10,000 random calls, and balanced never runs a Critical tool unasked', () => {
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
      const answer = statefulIsAuthorized({
        principal: { type: 'Client', id: 'agent' },
        action: { type: 'Action', id: 'call_tool' },
        resource: { type: 'Tool', id: tool.name },
        context: {},
        preparsedPolicySetId: entry.id,
        entities: [],
      });
      if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
      const celAllows = entry.rules.some(
        (rule) => evaluateCel(rule, { mcp: { tool: { name: tool.name, target: 'server' } } }) === true,
      );
      expect(answer.response.decision === 'allow').toBe(runsUnasked(tool));
      expect(celAllows).toBe(runsUnasked(tool));
      if (entry.policy.profile === 'balanced' && tool.level === 'Critical') expect(celAllows).toBe(false);
    }
    expect(calls).toBe(10_000);
  });
});
