// A stack check as people and tools read it: the JSON answer, a terminal table, and SARIF 2.1.0.
import { type OwaspReference, owaspOfFlow, owaspOfStackIssue } from '../owasp/mapping.js';
import { OWASP_SUPPORTED_TAXONOMY, owaspRelationships, owaspTaxa, owaspTaxonomy } from '../owasp/sarif.js';
import type { RiskLevel } from '../types.js';
import { riskRank } from '../types.js';
import type { StackCheck, StackFlow } from './check.js';
import { FLOW_KINDS, type FlowKind } from './flows.js';
import type { SourceRegion, StackIssue } from './model.js';

/** A stack check as JSON: no policies or regions, and each flow and issue with its OWASP MCP Top 10 risks. */
export interface StackCheckJson extends Omit<StackCheck, 'policies' | 'flows' | 'issues'> {
  flows: (StackFlow & { owasp: OwaspReference[] })[];
  issues: (Omit<StackIssue, 'region'> & { owasp: OwaspReference[] })[];
}

/**
 * The JSON answer of a stack check (CLI `--format json`, `POST /v1/stacks/check`, the MCP tool): everything but the
 * policies and the text regions, each finding with the OWASP MCP Top 10 risks it relates to. A region counts lines of
 * the text read, which an MCP caller that sends an object never wrote; the SARIF log, made from a file on disk, is
 * where regions belong.
 */
export function presentStackCheck(check: StackCheck): StackCheckJson {
  const { policies: _policies, ...answer } = check;
  return {
    ...answer,
    servers: answer.servers.map(({ region: _region, ...server }) => server),
    flows: answer.flows.map((flow) => ({ ...flow, owasp: owaspOfFlow(flow.kind) })),
    issues: answer.issues.map(({ region: _region, ...issue }) => ({
      ...issue,
      owasp: owaspOfStackIssue(issue.code),
    })),
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A terminal table: the servers and how each was matched, every flow with its chain and rules, then the problems. */
export function toStackTable(check: StackCheck): string {
  const lines: string[] = [];
  lines.push(
    `${pad('SERVER', 24)} ${pad('CLIENT', 15)} ${pad('MATCH', 13)} ${pad('TOOLS', 6)} ${pad('HIGHEST', 9)} SECRETS`,
  );
  for (const server of check.servers) {
    const secrets = server.secrets
      .map((secret) => `${secret.where} ${secret.key}${secret.isPlainText ? ' (plain text)' : ''}`)
      .join(', ');
    const match = server.match.status === 'catalogue' ? `catalogue` : server.match.status;
    lines.push(
      `${pad(server.name, 24)} ${pad(server.client, 15)} ${pad(match, 13)} ${pad(String(server.toolCount), 6)} ${pad(server.highestRisk ?? '-', 9)} ${secrets || '-'}`,
    );
  }
  lines.push('');
  if (check.flows.length === 0)
    lines.push(
      'No toxic flows: no untrusted-content source reaches a private-data source and a sink, or a dangerous effect.',
    );
  for (const flow of check.flows) {
    lines.push(
      `${flow.severity.toUpperCase()} ${flow.kind} (${flow.id})${flow.isBrokenByPolicy ? ` [already broken by the ${check.profile} policy]` : ''}`,
    );
    lines.push(`  ${flow.summary}`);
    if (flow.source) lines.push(`  source  ${flow.source.server}/${flow.source.tool}: ${flow.source.reason}`);
    lines.push(`  carrier ${flow.carrier.server}/${flow.carrier.tool}: ${flow.carrier.reason}`);
    lines.push(`  sink    ${flow.sink.server}/${flow.sink.tool}: ${flow.sink.reason}`);
    const owasp = owaspOfFlow(flow.kind);
    if (owasp.length > 0)
      lines.push(`  owasp   ${owasp.map((risk) => `${risk.id} ${risk.title}`).join(', ')}`);
    for (const rule of flow.breakingRules)
      lines.push(
        `  rule    ${rule.server}/${rule.tool}: ${rule.rule}${rule.parameter ? ` on "${rule.parameter}"` : ''}`,
      );
  }
  if (check.issues.length > 0) {
    lines.push('');
    for (const issue of check.issues)
      lines.push(`${issue.severity === 'error' ? 'error' : 'warning'} ${issue.code}: ${issue.message}`);
  }
  const s = check.summary;
  lines.push('');
  lines.push(
    `${s.servers} servers (${s.matched} matched, ${s.unmatched} unmatched), ${s.tools} tools, ${check.flows.length} flows (${s.openFlows} open under ${check.profile})`,
  );
  return `${lines.join('\n')}\n`;
}

/** The flows at or above a level (for `--fail-on`). */
export function flowsAtOrAbove(check: StackCheck, level: RiskLevel): StackCheck['flows'] {
  return check.flows.filter((flow) => riskRank(flow.severity) >= riskRank(level));
}

const SARIF_LEVEL: Record<RiskLevel, 'note' | 'warning' | 'error'> = {
  Low: 'note',
  Medium: 'note',
  High: 'warning',
  Critical: 'error',
};

const FLOW_RULES: Record<FlowKind, string> = {
  exfiltration:
    'Private data, untrusted content and an external sink are reachable by one agent: a stranger can have the data sent out.',
  injected_execution:
    'Untrusted content and a code-execution tool are reachable by one agent: a stranger can have code run.',
  injected_destruction:
    'Untrusted content and a destructive tool are reachable by one agent: a stranger can have data destroyed.',
} as const;

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * A file as a SARIF artifactLocation (§3.4): an absolute path as a `file://` URI (POSIX, or a Windows drive path),
 * a relative one as a relative reference against `%SRCROOT%` (the checkout), as code scanning resolves it.
 */
function artifactLocationOf(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { uri: `file://${encodePath(slashed)}` };
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive) return { uri: `file:///${drive[1]}:${encodePath(slashed.slice(2))}` };
  return { uri: encodePath(slashed.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

// A result must have a region (SARIF2017): the entry's span when the reader knows it (JSON and JSONC files),
// else the first line (a TOML entry, a file that could not be read), as the classify SARIF does.
const FIRST_LINE: SourceRegion = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function physicalLocationOf(file: string, region: SourceRegion | undefined) {
  const { startLine, startColumn, endLine, endColumn } = region ?? FIRST_LINE;
  return {
    artifactLocation: artifactLocationOf(file),
    region: { startLine, startColumn, endLine, endColumn },
  };
}

function relationshipsOf(references: readonly OwaspReference[]) {
  return references.length > 0 ? { relationships: owaspRelationships(references) } : {};
}

function taxaOf(references: readonly OwaspReference[]) {
  return references.length > 0 ? { taxa: owaspTaxa(references.map((reference) => reference.id)) } : {};
}

/** SARIF 2.1.0: one result per flow (at the sink server's entry in its file) and per configuration problem. */
export function toStackSarif(check: StackCheck, toolVersion: string): string {
  const entryOf = new Map(check.servers.map((server) => [`${server.stack}\u0000${server.name}`, server]));
  const rules = [
    ...FLOW_KINDS.map((id) => ({
      id,
      name: `${id.replace(/(^|_)([a-z])/g, (_m, _s: string, l: string) => l.toUpperCase())}Flow`,
      shortDescription: { text: FLOW_RULES[id] },
      ...relationshipsOf(owaspOfFlow(id)),
    })),
    ...[...new Set(check.issues.map((issue) => issue.code))].map((code) => ({
      id: code,
      name: `${code.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s: string, l: string) => l.toUpperCase())}Issue`,
      shortDescription: { text: `Client configuration problem ${code}.` },
      ...relationshipsOf(owaspOfStackIssue(code)),
    })),
  ];
  const results = [
    ...check.flows.map((flow) => {
      const sink = entryOf.get(`${flow.stack}\u0000${flow.sink.server}`);
      return {
        ruleId: flow.kind,
        level: SARIF_LEVEL[flow.severity],
        ...taxaOf(owaspOfFlow(flow.kind)),
        message: {
          text: `${flow.summary}. Break it with: ${flow.breakingRules.map((rule) => `${rule.rule} on ${rule.server}/${rule.tool}`).join(', ') || `nothing more (the ${check.profile} policy already does)`}.`,
        },
        locations: sink
          ? [
              {
                physicalLocation: physicalLocationOf(sink.file, sink.region),
                logicalLocations: [{ fullyQualifiedName: sink.path, kind: 'object' }],
              },
            ]
          : [],
        partialFingerprints: { flow: flow.id },
        properties: {
          severity: flow.severity,
          source: flow.source,
          carrier: flow.carrier,
          sink: flow.sink,
          breakingRules: flow.breakingRules,
          isBrokenByPolicy: flow.isBrokenByPolicy,
        },
      };
    }),
    ...check.issues.map((issue) => ({
      ruleId: issue.code,
      level: issue.severity === 'error' ? ('error' as const) : ('warning' as const),
      ...taxaOf(owaspOfStackIssue(issue.code)),
      message: { text: issue.message },
      locations: [
        {
          physicalLocation: physicalLocationOf(issue.file, issue.region),
          logicalLocations: [{ fullyQualifiedName: issue.path || '/', kind: 'object' }],
        },
      ],
    })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'toolrisk',
            version: toolVersion,
            informationUri: 'https://github.com/toolrisk/toolrisk',
            rules,
            supportedTaxonomies: [OWASP_SUPPORTED_TAXONOMY],
          },
        },
        taxonomies: [owaspTaxonomy()],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
