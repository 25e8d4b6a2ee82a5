// Toxic flows across a stack: private data, untrusted content and an external sink (or a dangerous effect) reachable by one agent.
import type { Evidence, RiskFactor, RiskLevel } from '../types.js';
import { riskRank } from '../types.js';
import type { FlowRole, RoleEvidence } from './flow-roles.js';

/** One tool of the stack as flows see it: its server, name, level and roles. */
export interface FlowTool {
  server: string;
  name: string;
  risk: RiskLevel;
  factors: readonly RiskFactor[];
  roles: RoleEvidence[];
}

/** The kinds of finding: data carried out, or an effect triggered, on a stranger's instructions. */
export const FLOW_KINDS = ['exfiltration', 'injected_execution', 'injected_destruction'] as const;
/** One kind of toxic-flow finding. */
export type FlowKind = (typeof FLOW_KINDS)[number];

/** One tool in a chain, with why it plays its part. */
export interface ChainLink {
  server: string;
  tool: string;
  role: FlowRole;
  reason: string;
  evidence: Evidence[];
}

/** A gateway rule on one tool that, with the others of its set, breaks a flow. */
export interface BreakingRule {
  server: string;
  tool: string;
  /** Approval before each call, a refusal, or an argument constraint (the URL or recipient must be allow-listed). */
  rule: 'require_approval' | 'deny' | 'url_allow_list' | 'recipient_allow_list';
  parameter?: string;
  reason: string;
}

/** One finding: a concrete chain (source, carrier, sink), every tool that could play each part, and the rules breaking it. */
export interface FlowFinding {
  id: string;
  kind: FlowKind;
  severity: RiskLevel;
  summary: string;
  /** The private-data source of an exfiltration; absent for an injected effect. */
  source?: ChainLink;
  /** The tool that brings a stranger's text into the agent's context. */
  carrier: ChainLink;
  /** The external sink, or the tool with the effect. */
  sink: ChainLink;
  /** Every tool of the stack that could play each part (`server/tool`). */
  alternatives: { sources: string[]; carriers: string[]; sinks: string[] };
  /** True when the chain's tools sit on more than one server (what a per-server scan cannot see). */
  crossesServers: boolean;
  /** The smallest set of rules that breaks every chain of this finding (all of one leg); empty when the policy already does. */
  breakingRules: BreakingRule[];
  /** True when the starter policy under the checked profile already gates one whole leg. */
  isBrokenByPolicy: boolean;
}

/** How a tool stands under the checked profile: gated tools (approval, deny, hide) already break a chain through them. */
export type GateOf = (server: string, tool: string) => boolean;

interface RoleHolder {
  tool: FlowTool;
  role: RoleEvidence;
}

function holders(tools: readonly FlowTool[], role: FlowRole): RoleHolder[] {
  const found: RoleHolder[] = [];
  for (const tool of tools) {
    const evidence = tool.roles.find((item) => item.role === role);
    if (evidence) found.push({ tool, role: evidence });
  }
  // Riskiest first, then by server and name, so the chosen chain is stable.
  return found.sort(
    (a, b) =>
      riskRank(b.tool.risk) - riskRank(a.tool.risk) ||
      a.tool.server.localeCompare(b.tool.server) ||
      a.tool.name.localeCompare(b.tool.name),
  );
}

function linkOf(holder: RoleHolder): ChainLink {
  return {
    server: holder.tool.server,
    tool: holder.tool.name,
    role: holder.role.role,
    reason: holder.role.reason,
    evidence: holder.role.evidence,
  };
}

/** The first holder on a server not in `avoid`, else the first (a chain across servers is the one to show). */
function preferOther(list: readonly RoleHolder[], avoid: ReadonlySet<string>): RoleHolder | undefined {
  return list.find((holder) => !avoid.has(holder.tool.server)) ?? list[0];
}

const key = (holder: RoleHolder) => `${holder.tool.server}/${holder.tool.name}`;

/** The rule that gates one leg's tool: a constraint where the sink's destination is a parameter, else approval (carriers: deny). */
function ruleFor(holder: RoleHolder, leg: 'source' | 'carrier' | 'sink', findingId: string): BreakingRule {
  const base = { server: holder.tool.server, tool: holder.tool.name };
  if (leg === 'sink' && holder.role.urlParameter !== undefined)
    return {
      ...base,
      rule: 'url_allow_list',
      parameter: holder.role.urlParameter,
      reason: `breaks ${findingId}: "${holder.role.urlParameter}" may only name allow-listed hosts`,
    };
  if (leg === 'sink' && holder.role.recipientParameter !== undefined)
    return {
      ...base,
      rule: 'recipient_allow_list',
      parameter: holder.role.recipientParameter,
      reason: `breaks ${findingId}: "${holder.role.recipientParameter}" may only name allow-listed recipients`,
    };
  if (leg === 'carrier')
    return {
      ...base,
      rule: 'require_approval',
      reason: `breaks ${findingId}: a person approves each read of untrusted content`,
    };
  return { ...base, rule: 'require_approval', reason: `breaks ${findingId}: a person approves each call` };
}

/** The smallest leg still open under the policy (sink first on a tie: gating the way out costs the user least). */
function breakingSet(
  legs: { leg: 'source' | 'carrier' | 'sink'; holders: RoleHolder[] }[],
  isGated: GateOf,
  findingId: string,
): { rules: BreakingRule[]; isBrokenByPolicy: boolean } {
  const open = legs.map(({ leg, holders: list }) => ({
    leg,
    ungated: list.filter((holder) => !isGated(holder.tool.server, holder.tool.name)),
  }));
  if (open.some((item) => item.ungated.length === 0)) return { rules: [], isBrokenByPolicy: true };
  const order = { sink: 0, carrier: 1, source: 2 };
  const best = [...open].sort(
    (a, b) => a.ungated.length - b.ungated.length || order[a.leg] - order[b.leg],
  )[0];
  return {
    rules: (best?.ungated ?? []).map((holder) => ruleFor(holder, best?.leg ?? 'sink', findingId)),
    isBrokenByPolicy: false,
  };
}

/**
 * Every toxic flow of a stack, one finding per sink server and kind: exfiltration needs a private-data source, an
 * untrusted-content carrier and an external sink reachable by the same agent; an injected effect needs a carrier and a
 * tool that runs code (Critical) or destroys data (High). Removing any leg from the stack removes the finding.
 */
export function findFlows(
  tools: readonly FlowTool[],
  isGated: GateOf = () => false,
  idPrefix = '',
): FlowFinding[] {
  const sources = holders(tools, 'private_source');
  const carriers = holders(tools, 'untrusted_source');
  if (carriers.length === 0) return [];
  const findings: FlowFinding[] = [];
  const servers = [...new Set(tools.map((tool) => tool.server))];
  for (const server of servers) {
    const sinks = holders(tools, 'external_sink').filter((holder) => holder.tool.server === server);
    const sink = sinks[0];
    if (sink && sources.length > 0) {
      const carrier = preferOther(carriers, new Set([server])) ?? sink;
      const source = preferOther(sources, new Set([server, carrier.tool.server])) ?? sink;
      const stealsSecrets = sources.some((holder) => holder.tool.factors.includes('credentials'));
      const id = `${idPrefix}exfiltration:${server}`;
      const broken = breakingSet(
        [
          { leg: 'sink', holders: sinks },
          { leg: 'carrier', holders: carriers },
          { leg: 'source', holders: sources },
        ],
        isGated,
        id,
      );
      findings.push({
        id,
        kind: 'exfiltration',
        severity: stealsSecrets ? 'Critical' : 'High',
        summary: `Text from ${key(carrier)} can instruct the agent to read private data with ${key(source)} and send it out with ${key(sink)}`,
        source: linkOf(source),
        carrier: linkOf(carrier),
        sink: linkOf(sink),
        alternatives: { sources: sources.map(key), carriers: carriers.map(key), sinks: sinks.map(key) },
        crossesServers: new Set([source.tool.server, carrier.tool.server, sink.tool.server]).size > 1,
        breakingRules: broken.rules,
        isBrokenByPolicy: broken.isBrokenByPolicy,
      });
    }
    const effects = holders(tools, 'effect').filter((holder) => holder.tool.server === server);
    for (const kind of ['injected_execution', 'injected_destruction'] as const) {
      const matching = effects.filter((holder) =>
        kind === 'injected_execution'
          ? holder.tool.factors.includes('code_execution')
          : !holder.tool.factors.includes('code_execution'),
      );
      const effect = matching[0];
      if (!effect) continue;
      const carrier = preferOther(carriers, new Set([server])) ?? effect;
      const id = `${idPrefix}${kind}:${server}`;
      const broken = breakingSet(
        [
          { leg: 'sink', holders: matching },
          { leg: 'carrier', holders: carriers },
        ],
        isGated,
        id,
      );
      findings.push({
        id,
        kind,
        severity: kind === 'injected_execution' ? 'Critical' : 'High',
        summary: `Text from ${key(carrier)} can instruct the agent to ${kind === 'injected_execution' ? 'run code' : 'destroy data'} with ${key(effect)}`,
        carrier: linkOf(carrier),
        sink: linkOf(effect),
        alternatives: { sources: [], carriers: carriers.map(key), sinks: matching.map(key) },
        crossesServers: carrier.tool.server !== effect.tool.server,
        breakingRules: broken.rules,
        isBrokenByPolicy: broken.isBrokenByPolicy,
      });
    }
  }
  return findings.sort((a, b) => riskRank(b.severity) - riskRank(a.severity) || a.id.localeCompare(b.id));
}
