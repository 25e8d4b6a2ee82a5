// Which OWASP MCP Top 10 risks each risk factor and each finding relates to, with the reason: one table.
//
// A mapping is written only where the relationship is real: a factor that names a capability the list does not treat
// as a risk of its own (`destructive`, `financial`, `infrastructure`, `bulk`) maps to none, and so do the findings
// that are problems of a configuration file rather than of a server (a file that does not parse).
import type { FlowKind } from '../stack/flows.js';
import type { LockChangeCode } from '../stack/lock.js';
import type { StackIssueCode } from '../stack/model.js';
import { RISK_FACTORS, type RiskFactor } from '../types.js';
import { type OwaspMcpId, type OwaspMcpRisk, owaspRiskOf } from './top-ten.js';

/** One relationship of a factor or finding to a risk of the list, and why it holds. */
export interface OwaspMapping {
  id: OwaspMcpId;
  /** One line: what of the factor or finding the risk is about. */
  reason: string;
}

/** The relationships of one factor or finding (empty: it relates to none of the ten). */
type Mappings = readonly OwaspMapping[];

const NONE: Mappings = [];

/** The risks each factor (taxonomy.md, "Risk factors") and each finding kind relates to. */
export const OWASP_MAPPINGS: {
  factor: Record<RiskFactor, Mappings>;
  flow: Record<FlowKind, Mappings>;
  stackIssue: Record<StackIssueCode, Mappings>;
  lockChange: Record<LockChangeCode, Mappings>;
} = {
  factor: {
    destructive: NONE,
    financial: NONE,
    credentials: [
      {
        id: 'MCP01:2025',
        reason: 'the tool reads or writes secrets, which then pass through the agent’s context',
      },
    ],
    privilege: [
      {
        id: 'MCP02:2025',
        reason: 'the tool changes who can access what, so an agent can widen its own or others’ scope',
      },
      { id: 'MCP07:2025', reason: 'the tool edits the access controls that authorization depends on' },
    ],
    external_comm: [
      {
        id: 'MCP10:2025',
        reason:
          'the tool sends content out of the user’s control: where over-shared context leaves the stack',
      },
    ],
    sensitive_read: [
      {
        id: 'MCP10:2025',
        reason: 'the tool puts private data into the agent’s context, where it can be over-shared',
      },
    ],
    untrusted_content: [
      {
        id: 'MCP06:2025',
        reason: 'the tool returns text written by third parties: the carrier of a prompt injection',
      },
      { id: 'MCP10:2025', reason: 'a stranger’s text enters the agent’s context: context injection' },
    ],
    code_execution: [
      {
        id: 'MCP05:2025',
        reason: 'the tool runs code or commands whose text the agent writes from its context',
      },
    ],
    infrastructure: NONE,
    bulk: NONE,
    suspicious_description: [
      {
        id: 'MCP03:2025',
        reason: 'the definition itself carries hidden instructions or exfiltration bait: a poisoned tool',
      },
    ],
  },
  flow: {
    exfiltration: [
      {
        id: 'MCP06:2025',
        reason: 'a stranger’s text in the context can instruct the agent to send the data out',
      },
      { id: 'MCP10:2025', reason: 'private data read into the context can leave through an external sink' },
    ],
    injected_execution: [
      { id: 'MCP06:2025', reason: 'a stranger’s text in the context can instruct the agent' },
      { id: 'MCP05:2025', reason: 'what it instructs is code or a command the stack can run' },
    ],
    injected_destruction: [
      {
        id: 'MCP06:2025',
        reason: 'a stranger’s text in the context can instruct the agent to destroy data',
      },
    ],
  },
  stackIssue: {
    CONFIG_TOO_LARGE: NONE,
    CONFIG_UNREADABLE: NONE,
    CONFIG_MALFORMED: NONE,
    CONFIG_NOT_OBJECT: NONE,
    CONFIG_NO_SERVERS: NONE,
    CONFIG_KEY_UNKNOWN: NONE,
    CONFIG_FIELD_INVALID: NONE,
    SERVER_NOT_OBJECT: NONE,
    SERVER_NO_TRANSPORT: NONE,
    SERVER_URL_INVALID: NONE,
    SERVER_NAME_DUPLICATE: NONE,
    INPUT_UNDEFINED: NONE,
    SECRET_IN_PLAIN_TEXT: [
      { id: 'MCP01:2025', reason: 'a credential is written out in a configuration file' },
    ],
  },
  lockChange: {
    TOOL_DEFINITION_CHANGED: [
      {
        id: 'MCP03:2025',
        reason: 'a pinned tool’s definition changed under the same name: a possible rug pull',
      },
    ],
    TOOL_ADDED: [
      {
        id: 'MCP03:2025',
        reason: 'a tool the lock did not know appeared on a pinned server: a possible shadowing tool',
      },
      { id: 'MCP02:2025', reason: 'the server’s capabilities grew since they were reviewed' },
    ],
    RISK_RAISED: [
      { id: 'MCP02:2025', reason: 'a pinned tool can now do more harm than when it was reviewed' },
      { id: 'MCP03:2025', reason: 'a pinned tool’s definition now says it does something riskier' },
    ],
    SERVER_ADDED: [{ id: 'MCP09:2025', reason: 'a server runs that the reviewed lock does not name' }],
    SERVER_IDENTITY_CHANGED: [
      {
        id: 'MCP04:2025',
        reason: 'the package, version or address a server runs from changed since it was pinned',
      },
    ],
    SERVER_UNVERIFIED: [
      {
        id: 'MCP09:2025',
        reason: 'a configured server’s tools cannot be read, so what it exposes is unreviewed',
      },
    ],
    TOOL_REMOVED: NONE,
    RISK_LOWERED: NONE,
    SERVER_REMOVED: NONE,
  },
};

/** A risk of the list as reports show it: id, title and page, with the reason it applies. */
export interface OwaspReference extends OwaspMcpRisk {
  reason: string;
}

function referencesOf(mappings: Mappings): OwaspReference[] {
  return mappings.map(({ id, reason }) => ({ ...owaspRiskOf(id), reason }));
}

/** The risks a factor relates to (none for some: see the table). */
export function owaspOfFactor(factor: RiskFactor): OwaspReference[] {
  return referencesOf(OWASP_MAPPINGS.factor[factor]);
}

/** The risks a toxic-flow finding relates to. */
export function owaspOfFlow(kind: FlowKind): OwaspReference[] {
  return referencesOf(OWASP_MAPPINGS.flow[kind]);
}

/** The risks a stack-configuration problem relates to. */
export function owaspOfStackIssue(code: StackIssueCode): OwaspReference[] {
  return referencesOf(OWASP_MAPPINGS.stackIssue[code]);
}

/** The risks a lock change relates to. */
export function owaspOfLockChange(code: LockChangeCode): OwaspReference[] {
  return referencesOf(OWASP_MAPPINGS.lockChange[code]);
}

/** The distinct risks of several factors, in the list's order. */
export function owaspOfFactors(factors: readonly RiskFactor[]): OwaspMcpId[] {
  const ids = new Set(
    factors.flatMap((factor) => OWASP_MAPPINGS.factor[factor].map((mapping) => mapping.id)),
  );
  return [...ids].sort();
}

/** The distinct risks of factor names as stored (text), in the list's order; a name that is no factor adds none. */
export function owaspRisksOfFactorNames(names: readonly string[]): OwaspMcpRisk[] {
  const factors = RISK_FACTORS.filter((factor) => names.includes(factor));
  return owaspOfFactors(factors).map(owaspRiskOf);
}
