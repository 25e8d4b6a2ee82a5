// @toolrisk/classifier: tool definition + server context → classification, and starter policies. Pure: no I/O.

// Classification (owned by the classifier work)
export { CLASSIFIER_VERSION, classifyTool, summarizeServer, toFiveClass } from './classify.js';
// Definition identity
export { canonicalJson, hashDefinition } from './definition-hash.js';
// Reading tools/list documents
export type { DocumentIssue, DocumentServer, ToolEntry, ToolsDocument } from './document.js';
export { allIssues, hasErrors, MAX_DESCRIPTION_CHARS, readToolsDocument } from './document.js';
// Errors
export type { DocumentIssueCode } from './errors.js';
export { DOCUMENT_ISSUE_CODES, ToolriskClassifierError } from './errors.js';
// Vocabulary
export type {
  Category,
  Classification,
  Evidence,
  EvidenceSource,
  FiveClass,
  RiskFactor,
  RiskLevel,
  ServerContext,
  ServerSummary,
  ToolAnnotations,
  ToolDefinition,
} from './types.js';
export { RISK_FACTORS, RISK_LEVELS } from './types.js';

// Starter policies (owned by the policy work)
