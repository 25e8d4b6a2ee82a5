// Checking a stack: the servers of one or more client configurations, their tools' verdicts, the flows between them, and the policy breaking them.

import { serverContextOf } from '../classify/server-context.js';
import { CLASSIFIER_VERSION, classifyTool } from '../classify.js';
import { hashDefinition } from '../definition-hash.js';
import { readToolsDocument } from '../document.js';
import { RECIPIENT_PLACEHOLDER, URL_HOST_PLACEHOLDER } from '../policy/argument-rules.js';
import type { PolicyProfile, StarterPolicy, ToolPolicy } from '../policy/model.js';
import { parseProfile, recommendPolicy } from '../policy/recommend.js';
import type { Classification, RiskLevel, ToolDefinition } from '../types.js';
import { RISK_LEVELS, riskRank } from '../types.js';
import type { FlowRole } from './flow-roles.js';
import { flowRolesOf } from './flow-roles.js';
import type { BreakingRule, FlowFinding, FlowTool } from './flows.js';
import { findFlows } from './flows.js';
import type { ClientConfigReading, ConfiguredServer, McpClient, StackIssue } from './model.js';

/** One classified tool of a resolved server. */
export interface ResolvedTool {
  definition: ToolDefinition;
  classification: Classification;
  definitionHash: string;
}

/** What was found for one configured server: a catalogue entry, a live introspection, or nothing. */
export interface ResolvedServer {
  status: 'catalogue' | 'introspected' | 'unmatched';
  serverId?: string;
  /** What matched it: the package, the URL, the command, or the registry name. */
  matchedBy?: 'package' | 'url' | 'command';
  /** The version the catalogue holds, when the configuration pins another. */
  catalogueVersion?: string | null;
  tools: ResolvedTool[];
  /** Why it is unmatched or what introspection said. */
  note?: string;
}

/** The key of a configured server in the resolution map: its file and path. */
export function serverKey(server: Pick<ConfiguredServer, 'file' | 'path'>): string {
  return `${server.file}#${server.path}`;
}

/** A server of the checked stack. */
export interface StackServer extends ConfiguredServer {
  /** The client group it is checked in (one agent sees one client's servers). */
  stack: string;
  match: Omit<ResolvedServer, 'tools' | 'status'> & { status: ResolvedServer['status'] | 'disabled' };
  toolCount: number;
  highestRisk: RiskLevel | null;
}

/** A tool of the checked stack, with its verdict, flow roles and the action the stack policy gives it. */
export interface StackTool {
  stack: string;
  server: string;
  name: string;
  category: Classification['category'];
  risk: RiskLevel;
  factors: Classification['factors'];
  confidence: number;
  roles: FlowRole[];
  /** The profile's starter-policy action. */
  action: ToolPolicy['action'];
  /** The action once the stack's breaking rules are applied. */
  stackAction: ToolPolicy['action'];
  definitionHash: string;
}

/** A finding, with the stack (client group) it was found in. */
export interface StackFlow extends FlowFinding {
  stack: string;
}

/** The answer of a stack check: servers, tools, flows, the rules breaking every open flow, and the configuration's problems. */
export interface StackCheck {
  classifierVersion: string;
  profile: PolicyProfile;
  servers: StackServer[];
  tools: StackTool[];
  flows: StackFlow[];
  rules: BreakingRule[];
  issues: StackIssue[];
  summary: {
    servers: number;
    matched: number;
    unmatched: number;
    tools: number;
    flows: Record<RiskLevel, number>;
    highestSeverity: RiskLevel | null;
    openFlows: number;
  };
  /** Each server's starter policy with the breaking rules applied, for the policy exports. */
  policies: StarterPolicy[];
}

/** Options of checkStack. */
export interface CheckStackOptions {
  profile?: string;
}

function groupOf(client: McpClient | null): string {
  return client ?? 'unknown';
}

/** The policy of one tool after a breaking rule: gated by approval, refused, or constrained on its destination. */
function applyRule(tool: ToolPolicy, rule: BreakingRule, profile: PolicyProfile): ToolPolicy {
  const reason = `${tool.reason}; ${rule.reason}`;
  if (rule.rule === 'deny') return { ...tool, action: 'deny', reason, argumentRules: [] };
  if (rule.rule === 'require_approval')
    return tool.action === 'allow' ? { ...tool, action: 'require_approval', reason } : tool;
  const parameter = rule.parameter ?? '';
  if (tool.argumentRules.some((existing) => existing.parameter === parameter && existing.onFail === 'deny'))
    return { ...tool, reason };
  const isUrl = rule.rule === 'url_allow_list';
  return {
    ...tool,
    reason,
    argumentRules: [
      ...tool.argumentRules.filter((existing) => existing.parameter !== parameter),
      {
        name: `${rule.rule}:${parameter}`,
        kind: rule.rule,
        parameter,
        conditions: isUrl
          ? [{ path: `args.${parameter}`, op: 'regex', value: `^https://${URL_HOST_PLACEHOLDER}([/?#]|$)` }]
          : [{ path: `args.${parameter}`, op: 'in', value: [RECIPIENT_PLACEHOLDER] }],
        onFail: 'deny',
        isPlaceholder: true,
        reason: `${rule.reason} (${profile}); replace ${isUrl ? URL_HOST_PLACEHOLDER : RECIPIENT_PLACEHOLDER}`,
      },
    ],
  };
}

/** Dedupes configured servers per client group: a client runs one server per name, so a repeated name is reported. */
function uniqueServers(readings: readonly ClientConfigReading[], issues: StackIssue[]): ConfiguredServer[] {
  const seen = new Map<string, ConfiguredServer>();
  for (const reading of readings)
    for (const server of reading.servers) {
      const id = `${groupOf(server.client)}\u0000${server.name}`;
      const first = seen.get(id);
      if (first) {
        issues.push({
          code: 'SERVER_NAME_DUPLICATE',
          severity: 'warning',
          file: server.file,
          path: server.path,
          message: `${server.file}: ${server.path}: server "${server.name}" is also configured at ${first.file}: ${first.path}; only that one is checked`,
        });
        continue;
      }
      seen.set(id, server);
    }
  return [...seen.values()];
}

/** Checks a stack: every configured server with what was resolved for it, the flows per client group, and the stack policy. */
export function checkStack(
  readings: readonly ClientConfigReading[],
  resolved: ReadonlyMap<string, ResolvedServer>,
  options: CheckStackOptions = {},
): StackCheck {
  const profile = parseProfile(options.profile);
  const issues: StackIssue[] = readings.flatMap((reading) => reading.issues);
  const configured = uniqueServers(readings, issues);
  const servers: StackServer[] = [];
  const policies = new Map<StarterPolicy, string>();
  const flowTools = new Map<string, FlowTool[]>();
  const toolsOut: StackTool[] = [];
  const gated = new Set<string>();
  for (const server of configured) {
    const stack = groupOf(server.client);
    const found = resolved.get(serverKey(server)) ?? {
      status: 'unmatched' as const,
      tools: [],
      note: 'not looked up',
    };
    const { tools, ...match } = found;
    const active = server.isEnabled ? tools : [];
    const highest = active.reduce<RiskLevel | null>(
      (top, tool) => (riskRank(tool.classification.risk) > riskRank(top) ? tool.classification.risk : top),
      null,
    );
    servers.push({
      ...server,
      stack,
      match: server.isEnabled ? match : { ...match, status: 'disabled' },
      toolCount: active.length,
      highestRisk: highest,
    });
    if (active.length === 0) continue;
    const policy = recommendPolicy(
      active.map((tool) => ({
        name: tool.definition.name,
        classification: tool.classification,
        inputSchema: tool.definition.inputSchema,
        definitionHash: tool.definitionHash,
      })),
      { profile, serverName: server.name },
    );
    policies.set(policy, stack);
    const actions = new Map(policy.tools.map((tool) => [tool.name, tool.action]));
    const group = flowTools.get(stack) ?? [];
    flowTools.set(stack, group);
    for (const tool of active) {
      const roles = flowRolesOf(tool.classification, tool.definition.inputSchema);
      const action = actions.get(tool.definition.name) ?? 'deny';
      if (action !== 'allow') gated.add(`${stack}\u0000${server.name}\u0000${tool.definition.name}`);
      group.push({
        server: server.name,
        name: tool.definition.name,
        risk: tool.classification.risk,
        factors: tool.classification.factors,
        roles,
      });
      toolsOut.push({
        stack,
        server: server.name,
        name: tool.definition.name,
        category: tool.classification.category,
        risk: tool.classification.risk,
        factors: tool.classification.factors,
        confidence: tool.classification.confidence,
        roles: roles.map((role) => role.role),
        action,
        stackAction: action,
        definitionHash: tool.definitionHash,
      });
    }
  }
  const flows: StackFlow[] = [];
  for (const [stack, tools] of flowTools)
    for (const finding of findFlows(
      tools,
      (server, tool) => gated.has(`${stack}\u0000${server}\u0000${tool}`),
      `${stack}:`,
    ))
      flows.push({ ...finding, stack });
  flows.sort((a, b) => riskRank(b.severity) - riskRank(a.severity) || a.id.localeCompare(b.id));
  const rules = uniqueRules(flows);
  const tightened = [...policies].map(([policy, stack]) =>
    tightenPolicy(
      policy,
      rules.filter((rule) => flows.some((flow) => flow.stack === stack && flow.breakingRules.includes(rule))),
      profile,
    ),
  );
  const stackActions = new Map<string, ToolPolicy['action']>();
  for (const [index, policy] of tightened.entries()) {
    const stack = [...policies.values()][index] ?? '';
    for (const tool of policy.tools)
      stackActions.set(`${stack}\u0000${policy.serverName}\u0000${tool.name}`, tool.action);
  }
  for (const tool of toolsOut)
    tool.stackAction = stackActions.get(`${tool.stack}\u0000${tool.server}\u0000${tool.name}`) ?? tool.action;
  const counts: Record<RiskLevel, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  for (const flow of flows) counts[flow.severity] += 1;
  const matched = servers.filter(
    (server) => server.match.status === 'catalogue' || server.match.status === 'introspected',
  ).length;
  return {
    classifierVersion: CLASSIFIER_VERSION,
    profile,
    servers,
    tools: toolsOut,
    flows,
    rules,
    issues,
    summary: {
      servers: servers.length,
      matched,
      unmatched: servers.filter((server) => server.match.status === 'unmatched').length,
      tools: toolsOut.length,
      flows: counts,
      highestSeverity: [...RISK_LEVELS].reverse().find((level) => counts[level] > 0) ?? null,
      openFlows: flows.filter((flow) => !flow.isBrokenByPolicy).length,
    },
    policies: tightened,
  };
}

/** Every finding's breaking rules once (a carrier gated for one finding is gated for all). */
function uniqueRules(flows: readonly StackFlow[]): BreakingRule[] {
  const byKey = new Map<string, BreakingRule>();
  for (const flow of flows)
    for (const rule of flow.breakingRules) {
      const id = `${flow.stack}\u0000${rule.server}\u0000${rule.tool}\u0000${rule.rule}`;
      if (!byKey.has(id)) byKey.set(id, rule);
    }
  return [...byKey.values()];
}

function tightenPolicy(
  policy: StarterPolicy,
  rules: readonly BreakingRule[],
  profile: PolicyProfile,
): StarterPolicy {
  const mine = rules.filter((rule) => rule.server === policy.serverName);
  if (mine.length === 0) return policy;
  return {
    ...policy,
    tools: policy.tools.map((tool) =>
      mine
        .filter((rule) => rule.tool === tool.name)
        .reduce((current, rule) => applyRule(current, rule, profile), tool),
    ),
  };
}

/** The tools of a live `tools/list` answer, classified with their server as context, as a stack check takes them. */
export function resolveListedTools(tools: unknown, serverName: string): ResolvedTool[] {
  const document = readToolsDocument({ tools });
  const definitions = document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
  const context = serverContextOf({ name: serverName }, definitions);
  return definitions.map((definition) => ({
    definition,
    classification: classifyTool(definition, context),
    definitionHash: hashDefinition(definition),
  }));
}
