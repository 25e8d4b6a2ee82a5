import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ToolriskClassifierError } from '../errors.js';
import type { Category, Classification, Evidence, RiskFactor, RiskLevel } from '../types.js';
import { READ_SQL_PATTERN } from './argument-rules.js';
import { evaluateCall } from './evaluate.js';
import type { PolicyInput, ToolPolicy } from './model.js';
import { recommendPolicy, recommendToolPolicy } from './recommend.js';
import { parseFormat, renderPolicy } from './render.js';
import { buildGatewayPolicy, toGatewayJson } from './render-json.js';
import { toInterceptYaml } from './render-yaml.js';
import { POLICY_SCHEMA_FILES } from './schemas.js';

function classification(
  category: Category,
  risk: RiskLevel,
  factors: RiskFactor[] = [],
  evidence: Evidence[] = [],
): Classification {
  return {
    category,
    risk,
    factors,
    confidence: 0.9,
    rationale: 'test',
    evidence,
    fiveClass: category,
    classifierVersion: 'test',
  };
}

function tool(name: string, c: Classification, inputSchema?: unknown): PolicyInput {
  return inputSchema === undefined ? { name, classification: c } : { name, classification: c, inputSchema };
}

function rowOf(policy: ToolPolicy): string {
  const limit = policy.rateLimit ? ` ${policy.rateLimit.max}/${policy.rateLimit.window}` : '';
  return `${policy.action}${limit}`;
}

const NOW = new Date('2026-01-01T12:00:30Z');

describe('the taxonomy table, per profile', () => {
  const table: [Category, RiskLevel, string, string, string][] = [
    ['Read', 'Low', 'allow 60/minute', 'allow', 'allow'],
    ['Read', 'Medium', 'require_approval', 'allow 60/minute', 'allow'],
    ['Write', 'Medium', 'require_approval', 'allow 30/minute', 'allow'],
    ['Write', 'High', 'deny', 'require_approval', 'allow 30/minute'],
    ['Execute', 'High', 'deny', 'require_approval 10/minute', 'allow 10/minute'],
    ['Write', 'Critical', 'hide', 'deny', 'require_approval'],
    ['Execute', 'Critical', 'hide', 'deny', 'require_approval 10/minute'],
  ];
  it.each(table)(
    '%s %s: strict %s, balanced %s, permissive %s',
    (category, risk, strict, balanced, permissive) => {
      const input = tool('t', classification(category, risk));
      expect(rowOf(recommendToolPolicy(input, { profile: 'strict' }))).toBe(strict);
      expect(rowOf(recommendToolPolicy(input, { profile: 'balanced' }))).toBe(balanced);
      expect(rowOf(recommendToolPolicy(input, { profile: 'permissive' }))).toBe(permissive);
    },
  );

  it('defaults to the balanced profile', () => {
    expect(recommendPolicy([]).profile).toBe('balanced');
  });

  it('hides a tool with a suspicious description under every profile', () => {
    for (const profile of ['strict', 'balanced', 'permissive']) {
      const policy = recommendToolPolicy(
        tool('t', classification('Read', 'Critical', ['suspicious_description'])),
        { profile },
      );
      expect(policy.action).toBe('hide');
    }
  });

  it('cites the level, category, factors and profile in every reason', () => {
    const policy = recommendPolicy([
      tool('pay', classification('Write', 'Critical', ['financial', 'destructive'])),
    ]);
    const json = toGatewayJson(policy);
    expect(json).toContain('Critical Write (financial, destructive) under the balanced profile');
    expect(toInterceptYaml(policy)).toContain(
      'on_deny: "denied until an operator opts in: Critical Write (financial, destructive)',
    );
  });
});

describe('argument rules', () => {
  const sqlTool = tool('run_query', classification('Execute', 'High'), {
    type: 'object',
    properties: { sql: { type: 'string' }, limit: { type: 'integer' } },
  });

  it('lets read statements through and sends anything else for approval', () => {
    const policy = recommendPolicy([sqlTool]);
    for (const document of [JSON.parse(toGatewayJson(policy)), parse(toInterceptYaml(policy))]) {
      const decide = (sql: string) =>
        evaluateCall(document, { tool: 'run_query', args: { sql } }, {}, NOW).decision;
      for (const read of [
        'SELECT 1',
        '  with x as (select 1) select * from x;',
        'explain select 1',
        'SHOW tables',
      ]) {
        expect(decide(read)).toBe('allow');
      }
      for (const write of [
        'DROP TABLE users',
        'select 1; drop table users',
        'UPDATE t SET a=1',
        'selection',
      ]) {
        expect(decide(write)).toBe('require_approval');
      }
    }
  });

  it('keeps the read pattern free of flags and lookarounds so RE2 gateways accept it', () => {
    expect(READ_SQL_PATTERN).not.toMatch(/\(\?[=!<i]/);
  });

  it('finds a free-form SQL parameter from parameter evidence when the schema is silent', () => {
    const evidence: Evidence[] = [
      { source: 'parameter', quote: 'query', effect: 'Execute: free-form SQL', path: 'properties.query' },
    ];
    const policy = recommendToolPolicy(tool('q', classification('Execute', 'High', [], evidence)));
    expect(policy.argumentRules.map((rule) => rule.kind)).toEqual(['sql_read_only']);
  });

  it('caps money amounts, tighter under stricter profiles', () => {
    const pay = (profile: string) =>
      recommendToolPolicy(
        tool('create_payment', classification('Write', 'Critical', ['financial']), {
          properties: { amount: { type: 'number' }, currency: { type: 'string' } },
        }),
        { profile },
      ).argumentRules;
    const [rule] = pay('permissive');
    expect(rule?.conditions).toEqual([{ path: 'args.amount', op: 'lte', value: 1000 }]);
    expect(pay('balanced')[0]?.conditions[0]?.value).toBe(100);
    const policy = recommendPolicy(
      [
        tool('refund', classification('Write', 'High', ['financial']), {
          properties: { amount: { type: 'integer' } },
        }),
      ],
      { profile: 'permissive' },
    );
    const decide = (amount: unknown) =>
      evaluateCall(policy, { tool: 'refund', args: { amount } }, {}, NOW).decision;
    expect(decide(1000)).toBe('allow');
    expect(decide(1001)).toBe('deny');
    expect(decide('5')).toBe('deny');
  });

  it('keeps file paths inside the placeholder root, refusing dot-dot segments', () => {
    const policy = recommendPolicy([
      tool('write_file', classification('Write', 'Medium'), {
        properties: { path: { type: 'string' }, content: { type: 'string' } },
      }),
    ]);
    const decide = (path: string) =>
      evaluateCall(policy, { tool: 'write_file', args: { path } }, {}, NOW).decision;
    expect(decide('/REPLACE_WITH_ALLOWED_ROOT/notes/a.txt')).toBe('allow');
    expect(decide('/REPLACE_WITH_ALLOWED_ROOT/.config')).toBe('allow');
    expect(decide('/REPLACE_WITH_ALLOWED_ROOT/../etc/passwd')).toBe('deny');
    expect(decide('/etc/passwd')).toBe('deny');
    expect(policy.tools[0]?.argumentRules[0]?.isPlaceholder).toBe(true);
  });

  it('allow-lists recipients and outbound URLs of tools that send', () => {
    const policy = recommendPolicy(
      [
        tool('send_email', classification('Write', 'High', ['external_comm']), {
          properties: { to: { type: 'array' } },
        }),
        tool('post_webhook', classification('Write', 'High', ['external_comm']), {
          properties: { webhook_url: { type: 'string' } },
        }),
      ],
      { profile: 'permissive' },
    );
    const decide = (name: string, args: Record<string, unknown>) =>
      evaluateCall(policy, { tool: name, args }, {}, NOW).decision;
    expect(decide('send_email', { to: ['REPLACE_WITH_ALLOWED_RECIPIENT'] })).toBe('allow');
    expect(decide('send_email', { to: ['REPLACE_WITH_ALLOWED_RECIPIENT', 'attacker@evil.test'] })).toBe(
      'deny',
    );
    expect(decide('post_webhook', { webhook_url: 'https://REPLACE_WITH_ALLOWED_HOST/hook' })).toBe('allow');
    expect(decide('post_webhook', { webhook_url: 'https://REPLACE_WITH_ALLOWED_HOST.evil.test/' })).toBe(
      'deny',
    );
  });

  it('adds no argument rules to a public read', () => {
    const policy = recommendToolPolicy(
      tool('fetch', classification('Read', 'Low', ['untrusted_content']), {
        properties: { url: { type: 'string' } },
      }),
    );
    expect(policy.argumentRules).toEqual([]);
  });

  it('survives hostile input schemas', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic, 'a.b': { type: 'string' }, sql: 'not a schema' };
    for (const inputSchema of [null, 42, 'x', [], { properties: [] }, cyclic]) {
      expect(() =>
        recommendPolicy([tool('t', classification('Execute', 'High'), inputSchema)]),
      ).not.toThrow();
    }
  });
});

describe('definition pins', () => {
  const hash = 'a'.repeat(64);
  const other = 'b'.repeat(64);

  it('writes the pin in both formats and refuses a call whose definition changed', () => {
    const policy = recommendPolicy(
      [{ name: 'get', classification: classification('Read', 'Low'), definitionHash: hash }],
      { pin: true },
    );
    expect(JSON.parse(toGatewayJson(policy)).tools.get.pin).toEqual({ definition_sha256: hash });
    const yaml = parse(toInterceptYaml(policy));
    expect(yaml.tools.get.pin).toEqual({ definition_sha256: hash });
    for (const document of [policy, yaml]) {
      expect(evaluateCall(document, { tool: 'get', args: {}, definitionHash: hash }, {}, NOW).decision).toBe(
        'allow',
      );
      const changed = evaluateCall(document, { tool: 'get', args: {}, definitionHash: other }, {}, NOW);
      expect(changed).toMatchObject({ decision: 'deny', rule: 'pin' });
      expect(evaluateCall(document, { tool: 'get', args: {} }, {}, NOW).decision).toBe('deny');
    }
  });

  it('leaves pins out unless asked', () => {
    const policy = recommendPolicy([
      { name: 'get', classification: classification('Read', 'Low'), definitionHash: hash },
    ]);
    expect(policy.tools[0]?.definitionSha256).toBeUndefined();
  });

  it('refuses to pin without a sha256', () => {
    const attempt = () =>
      recommendPolicy([{ name: 'get', classification: classification('Read', 'Low') }], { pin: true });
    expect(attempt).toThrow(expect.objectContaining({ code: 'POLICY_INVALID' }));
  });
});

describe('bad input', () => {
  it('names the valid profiles', () => {
    const attempt = () => recommendPolicy([], { profile: 'yolo' });
    expect(attempt).toThrow(ToolriskClassifierError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'PROFILE_UNKNOWN',
        message: expect.stringContaining('strict, balanced, permissive'),
      }),
    );
  });

  it('names the valid formats', () => {
    expect(() => parseFormat('toml')).toThrow(
      expect.objectContaining({ code: 'FORMAT_UNKNOWN', message: expect.stringContaining('json, yaml') }),
    );
    expect(() => renderPolicy(recommendPolicy([]), 'xml')).toThrow(
      expect.objectContaining({ code: 'FORMAT_UNKNOWN' }),
    );
  });

  it('refuses two tools of one name', () => {
    const twice = [tool('a', classification('Read', 'Low')), tool('a', classification('Read', 'Low'))];
    expect(() => recommendPolicy(twice)).toThrow(expect.objectContaining({ code: 'POLICY_TOOL_DUPLICATE' }));
  });
});

describe('rendering', () => {
  const hostileNames = [
    'yes',
    'No',
    'on',
    'null',
    '~',
    '<<',
    '0o7',
    '1_000',
    '12e3',
    '.inf',
    'a: b',
    '- item',
    '#comment',
    '&anchor',
    '*alias',
    '!tag',
    '%directive',
    'it\'s "quoted"',
    'back\\slash',
    'multi\nline',
    'tab\there',
    ' leading and trailing ',
    '漢字のツール',
    'emoji 😀',
    'rtl \u202e override',
    'zero\u200bwidth',
    '\ufeffbom',
    'line\u2028separator',
    'nul\u0000byte',
    '__proto__',
    'constructor',
    '*',
  ];

  it('round-trips hostile tool names exactly through YAML and JSON', () => {
    const tools = hostileNames.map((name, index) =>
      tool(name, classification(index % 2 === 0 ? 'Write' : 'Read', index % 3 === 0 ? 'High' : 'Medium')),
    );
    const policy = recommendPolicy(tools);
    for (const [text, read] of [
      [toInterceptYaml(policy), (t: string) => parse(t, { version: '1.2' })],
      [toInterceptYaml(policy), (t: string) => parse(t, { version: '1.1' })],
      [toGatewayJson(policy), (t: string) => JSON.parse(t)],
    ] as const) {
      const names = Object.keys(read(text).tools);
      expect(names).toEqual(hostileNames);
    }
  });

  it('puts hidden tools in hide, not in tools', () => {
    const policy = recommendPolicy([tool('x', classification('Read', 'Low', ['suspicious_description']))]);
    expect(buildGatewayPolicy(policy)).toEqual({ version: '1', default: 'deny', hide: ['x'], tools: {} });
  });

  it('ships schema files equal to the TypeBox schemas', () => {
    for (const [file, schema] of Object.entries(POLICY_SCHEMA_FILES)) {
      const shipped: unknown = JSON.parse(
        readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'),
      );
      expect(shipped).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});
