// The rule sentence and the answers of a tool page: from the policy model under each profile, and each blocking entry as the format's own exporter writes it, hostile names included.
import { isAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { classifyTool } from '../classify.js';
import { POLICY_FORMATS, POLICY_PROFILES, type PolicyInput } from '../policy/model.js';
import { recommendToolPolicy } from '../policy/recommend.js';
import { claudeCodeToolRule } from '../policy/render-claude-code.js';
import { codexServerName } from '../policy/render-codex.js';
import type { Classification, ToolDefinition } from '../types.js';
import { answerToolQuestions, describeRule } from './tool-answers.js';

function inputOf(tool: ToolDefinition, classification?: Classification): PolicyInput {
  return {
    name: tool.name,
    classification: classification ?? classifyTool(tool),
    inputSchema: tool.inputSchema,
  };
}

function verdict(risk: Classification['risk'], category: Classification['category']): Classification {
  return {
    category,
    risk,
    factors: [],
    confidence: 0.9,
    rationale: '',
    evidence: [],
    fiveClass: category,
    classifierVersion: 'test',
  };
}

describe('describeRule', () => {
  it('says in one sentence what each rung of the policy table does, naming the profile', () => {
    const tool = { name: 'do_it' };
    const sentences = (['Low', 'Medium', 'High', 'Critical'] as const).map((risk) =>
      describeRule(recommendToolPolicy(inputOf(tool, verdict(risk, 'Write'))), 'balanced'),
    );
    expect(sentences).toEqual([
      'The balanced starter policy allows every call.',
      'The balanced starter policy allows every call, up to 30 calls a minute.',
      'The balanced starter policy asks you before each call.',
      'The balanced starter policy refuses every call until an operator opts in.',
    ]);
    const strict = recommendToolPolicy(inputOf(tool, verdict('Critical', 'Write')), { profile: 'strict' });
    expect(describeRule(strict, 'strict')).toBe(
      'The strict starter policy hides it from the agent and refuses every call.',
    );
  });

  it('says which argument rule lets a call through, and what happens to the others', () => {
    const query = {
      name: 'run_query',
      description: 'Run a SQL query against the database',
      inputSchema: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
    };
    const input = inputOf(query);
    const rules = POLICY_PROFILES.map((profile) =>
      describeRule(recommendToolPolicy(input, { profile }), profile),
    );
    expect(rules.some((rule) => rule.includes('the SQL in “sql” only reads'))).toBe(true);
    for (const rule of rules)
      expect(rule).toMatch(/^The (strict|balanced|permissive) starter policy [a-z].*\.$/);
  });
});

describe('answerToolQuestions', () => {
  const hostileServer = 'my "server".v2';
  const hostileTool = 'del\\ete "all" ünïcode';
  const tool = { name: hostileTool, description: 'Delete every record' };

  it('blocks the tool in every format with an entry that format reads back, its names escaped as its exporter writes them', () => {
    const answers = answerToolQuestions(inputOf(tool), { serverName: hostileServer, profile: 'balanced' });
    expect(answers.block.map((entry) => entry.format)).toEqual([...POLICY_FORMATS]);
    const entry = (format: string) =>
      answers.block.find((candidate) => candidate.format === format)?.entry ?? '';
    expect(JSON.parse(entry('json'))).toEqual({ hide: [hostileTool] });
    expect(parseYaml(entry('yaml'))).toEqual({ hide: [hostileTool] });
    expect(JSON.parse(entry('claude-code'))).toEqual({
      permissions: { deny: [claudeCodeToolRule(hostileServer, hostileTool)] },
    });
    expect(parseToml(entry('codex'))).toEqual({
      mcp_servers: { [codexServerName(hostileServer)]: { disabled_tools: [hostileTool] } },
    });
    expect(parseYaml(entry('agentgateway'))).toEqual({ mcpAuthorization: { rules: [] } });
    // Cedar's own engine refuses the call the forbid names.
    const cedar = isAuthorized({
      principal: { type: 'Client', id: 'agent' },
      action: { type: 'Action', id: 'call_tool' },
      resource: { type: 'Tool', id: hostileTool },
      context: {},
      policies: { staticPolicies: entry('cedar') },
      entities: [],
    });
    expect(cedar.type).toBe('success');
    if (cedar.type === 'success') {
      expect(cedar.response.decision).toBe('deny');
      // Refused by the forbid itself, not only by Cedar's default.
      expect(cedar.response.diagnostics.reason).toHaveLength(1);
    }
    // Cursor and VS Code cannot refuse a call: the answer says so, with the exporter's own note.
    const weak = answers.block.filter((candidate) => !candidate.isEnforced);
    expect(weak.map((candidate) => candidate.format)).toEqual(['cursor', 'vscode']);
    for (const candidate of weak) expect(candidate.notes.join(' ')).toMatch(/^NOT ENFORCED/);
  });

  it('says which profiles rate-limit the tool and which formats carry a limit, asked of the exporters', () => {
    const read = { name: 'read_notes', description: 'Read the user notes' };
    const classification = verdict('Medium', 'Read');
    const answers = answerToolQuestions(inputOf(read, classification), {
      serverName: 'notes',
      profile: 'balanced',
    });
    expect(answers.decision).toBe('allow');
    expect(answers.rateLimit.limit).toEqual({ max: 60, window: 'minute' });
    expect(answers.rateLimit.carriedBy).toEqual(['json', 'yaml']);
    expect(answers.rateLimit.fallbacks.map((entry) => entry.format)).toEqual([
      'claude-code',
      'codex',
      'cursor',
      'vscode',
      'cedar',
      'agentgateway',
    ]);
    for (const { note } of answers.rateLimit.fallbacks)
      expect(note).toContain('rate limit of 60 calls per minute');
    expect(JSON.parse(answers.rateLimit.snippet?.text ?? '{}')).toMatchObject({
      tools: { read_notes: { limits: [{ max: 60, window: 'minute' }] } },
    });
    // A Critical Write tool is limited by no profile: no limit, no snippet.
    const critical = answerToolQuestions(inputOf(read, verdict('Critical', 'Write')), {
      serverName: 'notes',
      profile: 'balanced',
    });
    expect(critical.rateLimit.limitedUnder).toEqual([]);
    expect(critical.rateLimit.snippet).toBeNull();
    expect(critical.rateLimit.carriedBy).toEqual(['json', 'yaml']);
  });
});
