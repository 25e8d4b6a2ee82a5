// classify_tools: a tools/list document in, every tool's classification out, nothing stored (as POST /v1/classify).
import {
  classifyDocument,
  effectiveAnnotations,
  parseJsonText,
  readToolsDocument,
} from '@toolrisk/classifier';
import { ApiError } from '../errors.js';
import { checkDocumentLimits } from '../input/document-limits.js';
import { INPUT_LIMITS } from '../input/limits.js';
import type { McpAnswer } from './answer.js';
import { countByRisk } from './catalogue-answers.js';
import type { ClassifyToolsOutput, McpToolArguments } from './tools.js';

/** The largest document classify_tools reads, as POST /v1/classify's body limit. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The document as a JSON value: given as one, or as JSON text; DOCUMENT_INVALID or BODY_TOO_LARGE otherwise. */
function documentValue(document: McpToolArguments<'classify_tools'>['document']): unknown {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new ApiError(
      'BODY_TOO_LARGE',
      `/document: ${bytes} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed`,
      { limit: MAX_DOCUMENT_BYTES },
    );
  }
  if (typeof document !== 'string') return document;
  const parsed = parseJsonText(document);
  if (!parsed.ok) throw new ApiError('DOCUMENT_INVALID', `/document: ${parsed.message}`);
  return parsed.value;
}

/** The limits' messages name `/body/...` (the API's field); here the field is the `document` argument. */
function asDocumentError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.code, error.message.replace(/^\/body/, '/document'), error.details);
}

/** classify_tools: every usable entry classified with its siblings as context; unusable ones listed as errors. */
export function classifyTools(
  args: McpToolArguments<'classify_tools'>,
): McpAnswer<typeof ClassifyToolsOutput> {
  const value = documentValue(args.document);
  try {
    checkDocumentLimits(value);
  } catch (error) {
    throw asDocumentError(error);
  }
  const document = readToolsDocument(value, { maxTools: INPUT_LIMITS.toolCount.max });
  const fatal = document.issues.find((issue) => issue.severity === 'error');
  if (fatal) throw new ApiError('DOCUMENT_INVALID', `${fatal.path}: ${fatal.message}`);
  const classified = classifyDocument(document);
  const tools = classified.tools.map(({ index, name, classification, annotations }) => ({
    index,
    name,
    category: classification.category,
    risk: classification.risk,
    factors: classification.factors,
    confidence: classification.confidence,
    rationale: classification.rationale,
    evidence: classification.evidence,
    effectiveAnnotations: effectiveAnnotations(annotations, classification),
  }));
  const { summary } = classified;
  const riskiest = tools
    .filter((tool) => tool.risk === summary.highestRisk)
    .slice(0, 3)
    .map((tool) => tool.name)
    .join(', ');
  const rejected = classified.errors.length > 0 ? `; ${classified.errors.length} entries refused` : '';
  return {
    structured: {
      classifierVersion: classified.classifierVersion,
      summary: {
        toolCount: summary.toolCount,
        byRisk: countByRisk(tools.map((tool) => tool.risk)),
        highestRisk: summary.highestRisk,
        canModify: summary.canModify,
        canDestroy: summary.canDestroy,
      },
      tools,
      errors: classified.errors,
    },
    summary:
      tools.length === 0
        ? `No tool could be classified${rejected}.`
        : `${tools.length} tools classified, highest risk ${summary.highestRisk ?? 'none'} (${riskiest})${rejected}. Nothing was stored.`,
  };
}
