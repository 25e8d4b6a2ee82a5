// Classifying a submitted tools/list document: classifier's classifyDocument (as the CLI), entries in input order, a policy.
import {
  buildGatewayPolicy,
  type Classification,
  classifyDocument,
  hashDefinition,
  type PolicyFormat,
  type PolicyInput,
  type PolicyProfile,
  readToolsDocument,
  recommendPolicy,
  type ToolsDocument,
  toInterceptYaml,
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
 * `verdicts` are the same classifications by tool name, for storing what was answered.
 */
export function classifyReport(
  document: ToolsDocument,
  options: { profile: PolicyProfile; format: PolicyFormat; pin: boolean },
): { report: ClassifyReport; verdicts: Map<string, Classification> } {
  const classified = classifyDocument(document);
  const verdicts = new Map(classified.tools.map((tool) => [tool.name, tool.classification]));
  const byIndex = new Map(classified.tools.map((tool) => [tool.index, tool]));
  const inputs: PolicyInput[] = [];
  const tools = document.entries.map((entry) => {
    const done = byIndex.get(entry.index);
    const errors = classified.errors.filter((error) => error.index === entry.index);
    if (done && entry.tool) {
      const definitionHash = hashDefinition(entry.tool);
      inputs.push({
        name: done.name,
        classification: done.classification,
        definitionHash,
        inputSchema: entry.tool.inputSchema,
      });
      return {
        index: entry.index,
        name: done.name,
        status: 'classified' as const,
        definitionHash,
        classification: done.classification,
        warnings: done.warnings,
        errors,
      };
    }
    const name = entry.raw && typeof entry.raw.name === 'string' ? entry.raw.name : null;
    return { index: entry.index, name, status: 'error' as const, warnings: [], errors };
  });
  const policy = recommendPolicy(inputs, {
    profile: options.profile,
    pin: options.pin,
    ...(document.server?.name !== undefined ? { serverName: document.server.name } : {}),
  });
  const report: ClassifyReport = {
    server: document.server ? { ...document.server } : null,
    classifierVersion: classified.classifierVersion,
    tools,
    errors: classified.errors.filter((error) => error.index === null),
    summary: classified.summary,
    policy: {
      profile: options.profile,
      format: options.format,
      content: options.format === 'json' ? { ...buildGatewayPolicy(policy) } : toInterceptYaml(policy),
    },
  };
  return { report, verdicts };
}
