// The part a tool can play in a data flow across a stack, derived from its classification (taxonomy.md, "Risk factors").
import type { Classification, Evidence, RiskFactor } from '../types.js';

/** The roles a tool plays in a flow: where private data or untrusted text enters the agent, and where it can leave or act. */
export const FLOW_ROLES = ['private_source', 'untrusted_source', 'external_sink', 'effect'] as const;
/** One flow role. */
export type FlowRole = (typeof FLOW_ROLES)[number];

/** One role of one tool, with the quoted evidence that gave it. */
export interface RoleEvidence {
  role: FlowRole;
  /** Why, in one sentence that names the factor or parameter. */
  reason: string;
  /** The classification's evidence behind the role (quotes from the definition). */
  evidence: Evidence[];
  /** For a sink reached through a caller-chosen URL, the parameter; such a sink can be broken by an argument constraint. */
  urlParameter?: string;
  /** For a sink, the recipient parameter (an allow-list on it breaks the flow). */
  recipientParameter?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quotesFor(classification: Classification, factor: RiskFactor): Evidence[] {
  const matching = classification.evidence.filter((item) => item.effect.includes(factor));
  return matching.length > 0 ? matching.slice(0, 3) : classification.evidence.slice(0, 1);
}

/** The string parameters of a schema whose names match a pattern, in schema order. */
function parametersNamed(inputSchema: unknown, pattern: RegExp): string[] {
  if (!isObject(inputSchema) || !isObject(inputSchema.properties)) return [];
  return Object.entries(inputSchema.properties).flatMap(([name, schema]) => {
    const type = isObject(schema) ? schema.type : undefined;
    const isString =
      type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'));
    return isString && pattern.test(name) ? [name] : [];
  });
}

const URL_PARAMETER = /(^|_)(url|uri|href|endpoint|webhook(_url)?)$/i;
const RECIPIENT_PARAMETER =
  /^(to|cc|bcc|recipients?|emails?|email_address|phone(_number)?|channel(_id)?|chat_?id|user_?id)$/i;

/**
 * The flow roles of one tool, by principle:
 * - `sensitive_read` or a `credentials` Read makes it a private-data source (it puts private data in the agent's context);
 * - `untrusted_content` makes it an untrusted-content source (text written by strangers: the injection carrier);
 * - `external_comm` makes it an external sink, and so does a request to a caller-chosen URL (taxonomy: "outbound HTTP with a
 *   caller-chosen URL/body"), since a GET carries data out in its URL;
 * - `code_execution` or `destructive` makes it an effect an injected instruction can trigger.
 */
export function flowRolesOf(classification: Classification, inputSchema: unknown): RoleEvidence[] {
  const roles: RoleEvidence[] = [];
  const factors = new Set(classification.factors);
  if (factors.has('sensitive_read') || (factors.has('credentials') && classification.category === 'Read')) {
    const factor: RiskFactor = factors.has('sensitive_read') ? 'sensitive_read' : 'credentials';
    roles.push({
      role: 'private_source',
      reason: `returns private data (${factor})`,
      evidence: quotesFor(classification, factor),
    });
  }
  if (factors.has('untrusted_content')) {
    roles.push({
      role: 'untrusted_source',
      reason: 'returns content written by third parties (untrusted_content): a prompt-injection carrier',
      evidence: quotesFor(classification, 'untrusted_content'),
    });
  }
  const urlParameter = parametersNamed(
    classification.category === 'Read' && !factors.has('untrusted_content') ? {} : inputSchema,
    URL_PARAMETER,
  )[0];
  if (factors.has('external_comm')) {
    const recipientParameter = parametersNamed(inputSchema, RECIPIENT_PARAMETER)[0];
    roles.push({
      role: 'external_sink',
      reason: "sends content outside the user's control (external_comm)",
      evidence: quotesFor(classification, 'external_comm'),
      ...(urlParameter !== undefined ? { urlParameter } : {}),
      ...(recipientParameter !== undefined ? { recipientParameter } : {}),
    });
  } else if (urlParameter !== undefined) {
    roles.push({
      role: 'external_sink',
      reason: `requests a caller-chosen URL ("${urlParameter}"): data put in the URL leaves with the request`,
      evidence: [
        {
          source: 'parameter',
          quote: urlParameter,
          effect: 'external sink: caller-chosen URL',
          path: `properties.${urlParameter}`,
        },
      ],
      urlParameter,
    });
  }
  if (factors.has('code_execution') || factors.has('destructive')) {
    const factor: RiskFactor = factors.has('code_execution') ? 'code_execution' : 'destructive';
    roles.push({
      role: 'effect',
      reason:
        factor === 'code_execution'
          ? 'runs code or commands (code_execution)'
          : 'deletes or overwrites data (destructive)',
      evidence: quotesFor(classification, factor),
    });
  }
  return roles;
}
