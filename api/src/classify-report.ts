// Classifying a submitted tools/list document: classifier's classifyDocument (as the CLI), entries in input order, a policy.
import {
  buildGatewayPolicy,
  type Classification,
  classifyDocument,
  type PolicyFormat,
  type PolicyInput,
  type PolicyProfile,
  readToolsDocument,
  recommendPolicy,
  type ToolsDocument,
  toInterceptYaml,
  toJsonReport,
} from '@toolrisk/classifier';
import type { Static } from 'typebox';
import { ApiError } from './errors.js';
import { MAX_CLASSIFY_TOOLS } from './schemas/requests.js';
import type { ClassifyReportSchema } from './schemas/responses.js';

/** The report POST /v1/classify answers. */
export type ClassifyReport = Static<typeof ClassifyReportSchema>;

/** Reads the body as a tools/list document; a document that is not one at all is a 400. */
export function readSubmittedDocument(body: unknown): ToolsDocument {
  const document = readToolsDocument(body, { maxTools: MAX_CLASSIFY_TOOLS });
  const fatal = document.issues.find((issue) => issue.severity === 'error');
  if (fatal) {
    throw new ApiError('DOCUMENT_INVALID', `${fatal.path}: ${fatal.message}`, {
      errors: [{ path: `/body${fatal.path.slice(1).replaceAll('.', '/')}`, message: fatal.message }],
    });
  }
  return document;
}

/**
 * Classifies every entry, summarises the server and recommends its policy; entries keep their input order.
 * The report is the classifier's `toJsonReport` (what `toolrisk classify --format json` prints) plus the policy.
 * `verdicts` are the same classifications by tool name, for storing what was answered.
 */
export function classifyReport(
  document: ToolsDocument,
  options: { profile: PolicyProfile; format: PolicyFormat; pin: boolean },
): { report: ClassifyReport; verdicts: Map<string, Classification> } {
  const classified = classifyDocument(document);
  const verdicts = new Map(classified.tools.map((tool) => [tool.name, tool.classification]));
  const entries = new Map(document.entries.map((entry) => [entry.index, entry]));
  const inputs: PolicyInput[] = classified.tools.map((tool) => ({
    name: tool.name,
    classification: tool.classification,
    definitionHash: tool.definitionHash,
    inputSchema: entries.get(tool.index)?.tool?.inputSchema,
  }));
  const policy = recommendPolicy(inputs, {
    profile: options.profile,
    pin: options.pin,
    ...(document.server?.name !== undefined ? { serverName: document.server.name } : {}),
  });
  const report: ClassifyReport = {
    ...toJsonReport(classified),
    policy: {
      profile: options.profile,
      format: options.format,
      content: options.format === 'json' ? { ...buildGatewayPolicy(policy) } : toInterceptYaml(policy),
    },
  };
  return { report, verdicts };
}
