// @toolrisk/classifier: tool definition + server context → classification, and starter policies. Pure: no I/O.

// Classification
export { CLASSIFIER_VERSION, classifyTool, summarizeServer, toFiveClass } from './classify.js';
export type { ServerIdentity } from './classify/server-context.js';
export { serverContextOf } from './classify/server-context.js';
export type {
  ClassificationJson,
  ClassificationReport,
  ClassifiedEntryJson,
  EvidenceJson,
} from './report/classification-json.js';
export {
  ClassificationJsonSchema,
  ClassificationReportSchema,
  ClassifiedEntryJsonSchema,
  EvidenceJsonSchema,
  presentClassification,
  presentClassifiedTool,
  presentEvidence,
  ServerSummaryJsonSchema,
  ToolErrorJsonSchema,
  toJsonReport,
} from './report/classification-json.js';
export type {
  ClassifiedDocument,
  ClassifiedTool,
  RejectedTool,
  ToolError,
} from './report/classify-document.js';
export { classifyDocument } from './report/classify-document.js';
export type { TextRegion } from './report/json-positions.js';
export { locateJsonValues } from './report/json-positions.js';
export type { SarifSource } from './report/sarif.js';
export { toSarif } from './report/sarif.js';
export { topReasonOf } from './report/top-reason.js';
export { toTable } from './report/table.js';

// Definition identity
export { canonicalJson, hashDefinition } from './definition-hash.js';

// Reading tools/list documents
export type { JsonParse } from './json-text.js';
export { parseJsonText } from './json-text.js';
export type { DocumentIssue, DocumentLimit, DocumentServer, ToolEntry, ToolsDocument } from './document.js';
export {
  allIssues,
  hasErrors,
  jsonLimitIssue,
  MAX_DESCRIPTION_CHARS,
  readToolsDocument,
  textLimitIssue,
} from './document.js';

// Input limits
export type { InputLimit } from './input-limits.js';
export { INPUT_LIMITS, isDeeperThan, isStorableText } from './input-limits.js';

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
export { RISK_FACTORS, RISK_LEVELS, riskRank } from './types.js';

// Starter policies
export type { PolicyErrorCode } from './errors.js';
export { POLICY_ERROR_CODES } from './errors.js';
export {
  PATH_ROOT_PLACEHOLDER,
  READ_SQL_PATTERN,
  RECIPIENT_PLACEHOLDER,
  recommendArgumentRules,
  URL_HOST_PLACEHOLDER,
} from './policy/argument-rules.js';
export type { ParsedPolicy } from './policy/evaluate.js';
export {
  conditionHolds,
  counterKey,
  evaluateCall,
  evaluateParsedCall,
  parsePolicy,
} from './policy/evaluate.js';
export type {
  ArgumentRule,
  ArgumentRuleKind,
  Condition,
  ConditionOp,
  PolicyCall,
  PolicyCounters,
  PolicyDecision,
  PolicyFormat,
  PolicyInput,
  PolicyProfile,
  RateLimit,
  RateWindow,
  RecommendOptions,
  StarterPolicy,
  ToolAction,
  ToolPolicy,
} from './policy/model.js';
export { CONDITION_OPS, POLICY_FORMATS, POLICY_PROFILES, RATE_WINDOWS } from './policy/model.js';
export { parseProfile, recommendPolicy, recommendToolPolicy } from './policy/recommend.js';
export type { PolicyMediaType } from './policy/render.js';
export { POLICY_FORMAT_FILES, POLICY_MEDIA_TYPES, parseFormat, renderPolicy } from './policy/render.js';
export { buildGatewayPolicy, toGatewayJson } from './policy/render-json.js';
export { APPROVAL_TIMEOUT, buildInterceptPolicy, toInterceptYaml } from './policy/render-yaml.js';
export type { GatewayPolicy, InterceptPolicy } from './policy/schemas.js';
export {
  GatewayPolicySchema,
  InterceptPolicySchema,
  POLICY_SCHEMA_FILES,
  parseGatewayPolicy,
  parseInterceptPolicy,
} from './policy/schemas.js';

// Second opinion (merge rules for a model's verdict; the model call itself lives in the crawler)
export type {
  DeterministicBase,
  MergedClassification,
  SecondOpinionRecord,
  SecondOpinionStatus,
} from './second-opinion/merge.js';
export {
  AGREED_CONFIDENCE,
  CHANGED_CONFIDENCE,
  markSecondOpinionUnavailable,
  mergeSecondOpinion,
} from './second-opinion/merge.js';
export type { ModelOpinion, OpinionQuote } from './second-opinion/opinion.js';
export { ModelOpinionSchema, OPINION_CLAIMS, parseModelOpinion } from './second-opinion/opinion.js';
export type { QuoteMatch } from './second-opinion/quotes.js';
export { DefinitionText, MIN_QUOTE_CHARS } from './second-opinion/quotes.js';

// Stacks: client configurations, toxic flows between servers, the stack policy and toolrisk.lock
export type {
  CheckStackOptions,
  ResolvedServer,
  ResolvedTool,
  StackCheck,
  StackFlow,
  StackServer,
  StackTool,
} from './stack/check.js';
export { checkStack, resolveListedTools, serverKey } from './stack/check.js';
export type { ReadConfigOptions } from './stack/client-config.js';
export { clientOfPath, readClientConfig, refusedConfig } from './stack/client-config.js';
export type { FlowRole, RoleEvidence } from './stack/flow-roles.js';
export { FLOW_ROLES, flowRolesOf } from './stack/flow-roles.js';
export type { BreakingRule, ChainLink, FlowFinding, FlowKind, FlowTool } from './stack/flows.js';
export { findFlows } from './stack/flows.js';
export type { JsoncParse } from './stack/jsonc.js';
export { parseJsoncText } from './stack/jsonc.js';
export { identityOfCommand } from './stack/launch.js';
export type { LockChange, LockChangeCode, StackLock } from './stack/lock.js';
export {
  buildLock,
  compareLock,
  formatLock,
  LOCK_CHANGE_CODES,
  parseLock,
  StackLockSchema,
} from './stack/lock.js';
export type {
  ClientConfigReading,
  ConfiguredServer,
  LaunchIdentity,
  McpClient,
  SecretNotice,
  StackIssue,
  StackIssueCode,
} from './stack/model.js';
export { MAX_CONFIG_BYTES, MCP_CLIENTS, STACK_ISSUE_CODES } from './stack/model.js';
export { renderStackPolicy } from './stack/policy-export.js';
export { flowsAtOrAbove, presentStackCheck, toStackSarif, toStackTable } from './stack/report.js';
export { SECRET_PLACEHOLDER } from './stack/secrets.js';
