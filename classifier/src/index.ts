// @toolrisk/classifier: tool definition + server context → classification, and starter policies. Pure: no I/O.

// Classification
export { CLASSIFIER_VERSION, classifyTool, toFiveClass } from './classify.js';
export type { EffectiveAnnotations, EffectiveHint, HintName } from './classify/effective-annotations.js';
export { effectiveAnnotations } from './classify/effective-annotations.js';
export { serverContextOf } from './classify/server-context.js';
export type { ClassificationJson } from './report/classification-json.js';
export {
  ClassificationJsonSchema,
  ClassificationReportSchema,
  ClassifiedEntryJsonSchema,
  EffectiveAnnotationsJsonSchema,
  EffectiveHintJsonSchema,
  EvidenceJsonSchema,
  FactorDetailJsonSchema,
  OwaspReferenceJsonSchema,
  presentClassification,
  ServerSummaryJsonSchema,
  ToolErrorJsonSchema,
  toJsonReport,
} from './report/classification-json.js';
export type { ClassifiedDocument, ClassifiedTool } from './report/classify-document.js';
export { classifyDocument } from './report/classify-document.js';
export type { SarifSource } from './report/sarif.js';
export { toSarif } from './report/sarif.js';
export { topReasonOf } from './report/top-reason.js';
export { toTable } from './report/table.js';

// Plain language: what a tool lets an agent do, and what its starter policy does
export type { BlockEntry, ToolAnswers } from './explain/tool-answers.js';
export { answerToolQuestions } from './explain/tool-answers.js';
export { describeTool } from './explain/tool-sentence.js';

// The OWASP MCP Top 10, and which of its risks each factor relates to
export { owaspOfLockChange, owaspRisksOfFactorNames } from './owasp/mapping.js';

// Definition identity
export { canonicalJson, hashDefinition } from './definition-hash.js';

// Reading tools/list documents
export { parseJsonText } from './json-text.js';
export type { DocumentIssue, DocumentLimit, ToolsDocument } from './document.js';
export { allIssues, hasErrors, jsonLimitIssue, readToolsDocument, textLimitIssue } from './document.js';

// Input limits
export type { InputLimit } from './input-limits.js';
export { INPUT_LIMITS, isStorableText } from './input-limits.js';

// Errors
export { ToolriskClassifierError } from './errors.js';

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
  ToolDefinition,
} from './types.js';
export { RISK_FACTORS, RISK_LEVELS, riskRank } from './types.js';

// Starter policies
export type { PolicyFormat, PolicyInput, PolicyProfile, StarterPolicy } from './policy/model.js';
export { POLICY_FORMATS, POLICY_PROFILES } from './policy/model.js';
export { parseProfile, recommendPolicy } from './policy/recommend.js';
export type { PolicyMediaType } from './policy/render.js';
export type { PolicyNameNote } from './policy/export-names.js';
export { exportPolicy, POLICY_FORMAT_FILES, parseFormat, renderPolicy } from './policy/render.js';
export { buildGatewayPolicy } from './policy/render-json.js';
export { toInterceptYaml } from './policy/render-yaml.js';

// Second opinion (merge rules for a model's verdict; the model call itself lives in the crawler)
export type { MergedClassification } from './second-opinion/merge.js';
export { markSecondOpinionUnavailable, mergeSecondOpinion } from './second-opinion/merge.js';
export type { ModelOpinion } from './second-opinion/opinion.js';
export { ModelOpinionSchema, parseModelOpinion } from './second-opinion/opinion.js';

// Stacks: client configurations, toxic flows between servers, the stack policy and toolrisk.lock
export type { ResolvedServer, ResolvedTool, StackCheck } from './stack/check.js';
export { checkStack, resolveListedTools, serverKey } from './stack/check.js';
export { readClientConfig, refusedConfig } from './stack/client-config.js';
export { buildLock, compareLock, formatLock, parseLock } from './stack/lock.js';
export type { ClientConfigReading, ConfiguredServer, McpClient } from './stack/model.js';
export { MAX_CONFIG_BYTES, MCP_CLIENTS } from './stack/model.js';
export { exportStackPolicy } from './stack/policy-export.js';
export type { StackCheckJson } from './stack/report.js';
export { flowsAtOrAbove, presentStackCheck, toStackSarif, toStackTable } from './stack/report.js';
