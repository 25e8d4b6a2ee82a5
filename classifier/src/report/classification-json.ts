// The one JSON shape of a classification, of a classified entry and of a classified document (CLI, API, SARIF).
import { type Static, Type } from 'typebox';
import { effectiveAnnotations, HINT_NAMES } from '../classify/effective-annotations.js';
import { owaspOfFactor } from '../owasp/mapping.js';
import { OWASP_MCP_IDS } from '../owasp/top-ten.js';
import type { Classification, Evidence } from '../types.js';
import { RISK_FACTORS, RISK_LEVELS } from '../types.js';
import type { ClassifiedDocument, ClassifiedTool, ToolError } from './classify-document.js';

const CATEGORIES = ['Read', 'Write', 'Execute'] as const;
const FIVE_CLASSES = ['Read', 'Write', 'Execute', 'Destructive', 'Financial'] as const;

/** One quoted observation as JSON: where it was read, the quote, what it pushed, and the rule that made it. */
export const EvidenceJsonSchema = Type.Object({
  source: Type.String(),
  quote: Type.String(),
  effect: Type.String(),
  /** For parameters: the JSON path inside inputSchema. */
  path: Type.Optional(Type.String()),
  /** The classifier rule that made the observation. */
  rule: Type.Optional(Type.String()),
});

/** One MCP hint of a tool: what its author declared, what the verdict shows, and what a gateway should enforce. */
export const EffectiveHintJsonSchema = Type.Object({
  declared: Type.Union([Type.Boolean(), Type.Null()], {
    description: "The author's value in `annotations`; null when absent or not a boolean",
  }),
  declaration: Type.Union([Type.Literal('boolean'), Type.Literal('absent'), Type.Literal('invalid')], {
    description: '`invalid`: the key is there but not a boolean (ignored, as the classifier ignores it)',
  }),
  inferred: Type.Union([Type.Boolean(), Type.Null()], {
    description: "What the classifier's verdict shows; null when it cannot tell (only idempotentHint can be)",
  }),
  effective: Type.Boolean({
    description: "The value to enforce on: the inferred one, or when unknown the spec's cautious default",
  }),
  isMismatch: Type.Boolean({
    description:
      'Declared and inferred are both booleans and differ (absent, invalid or unknown never count)',
  }),
  isUnsafe: Type.Boolean({
    description: 'A mismatch that would make a gateway trusting the declared hint looser than the verdict',
  }),
  rule: Type.String({ description: 'The rule that inferred the value, e.g. `hint.destructive.factor`' }),
  reason: Type.String({
    description: 'Which category, factor or quoted evidence decided the inferred value',
  }),
});

/** The four MCP hints inferred from a classification beside the declared ones, with the mismatches. */
export const EffectiveAnnotationsJsonSchema = Type.Object(
  {
    readOnlyHint: EffectiveHintJsonSchema,
    destructiveHint: EffectiveHintJsonSchema,
    idempotentHint: EffectiveHintJsonSchema,
    openWorldHint: EffectiveHintJsonSchema,
    hasMismatch: Type.Boolean({ description: 'Some declared hint contradicts the verdict' }),
    hasUnsafeMismatch: Type.Boolean({
      description: 'Some mismatch is in the direction that loosens a gateway',
    }),
    mismatches: Type.Array(Type.Enum(HINT_NAMES), { description: 'The contradicted hints, in spec order' }),
  },
  {
    description:
      'Effective annotations: readOnlyHint, destructiveHint, idempotentHint and openWorldHint as the verdict shows the tool to be, next to the declared ones; what a gateway that keys on hints should use',
  },
);

/** A risk of the OWASP MCP Top 10 that a factor or finding relates to: its id, title, official page, and why. */
export const OwaspReferenceJsonSchema = Type.Object(
  {
    id: Type.Enum(OWASP_MCP_IDS, { description: "The risk's id in the OWASP MCP Top 10 (v0.1, 2025 list)" }),
    title: Type.String(),
    url: Type.String({ description: "The risk's page on owasp.org" }),
    reason: Type.String({ description: 'Why the factor or finding relates to this risk' }),
  },
  { additionalProperties: false },
);

/** One factor of a classification with the OWASP MCP Top 10 risks it relates to (none for some factors). */
export const FactorDetailJsonSchema = Type.Object(
  {
    factor: Type.Enum(RISK_FACTORS),
    owasp: Type.Array(OwaspReferenceJsonSchema),
  },
  { additionalProperties: false },
);

/** A classification as JSON, the same wherever it is shown: `classify --format json`, the API, SARIF properties. */
export const ClassificationJsonSchema = Type.Object({
  category: Type.Enum(CATEGORIES),
  risk: Type.Enum(RISK_LEVELS),
  factors: Type.Array(Type.Enum(RISK_FACTORS)),
  /** `factors` in the same order, each with its OWASP MCP Top 10 risks (`factors` stays a list of names). */
  factorDetails: Type.Array(FactorDetailJsonSchema, {
    description:
      'The factors in the order of `factors`, each with the OWASP MCP Top 10 risks it relates to; empty `owasp` when it relates to none',
  }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  rationale: Type.String(),
  evidence: Type.Array(EvidenceJsonSchema),
  fiveClass: Type.Enum(FIVE_CLASSES),
  classifierVersion: Type.String(),
  /** sha256 of the definition this classification was computed for. */
  definitionHash: Type.String(),
  /** The stored second opinion (catalogue only); null when none was asked. */
  secondOpinion: Type.Union([Type.Null(), Type.Object({}, { additionalProperties: true })]),
  effectiveAnnotations: EffectiveAnnotationsJsonSchema,
});

/** A classification as JSON. */
export type ClassificationJson = Static<typeof ClassificationJsonSchema>;
/** An OWASP MCP Top 10 reference as JSON. */
export type OwaspReferenceJson = Static<typeof OwaspReferenceJsonSchema>;
/** Evidence as JSON. */
export type EvidenceJson = Static<typeof EvidenceJsonSchema>;

/** Why an entry (or the whole document, index null) could not be classified. */
export const ToolErrorJsonSchema = Type.Object({
  index: Type.Union([Type.Integer(), Type.Null()]),
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});

/** One entry of a submitted document, in input order: classified, or an error saying why not. */
export const ClassifiedEntryJsonSchema = Type.Object({
  index: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('classified'), Type.Literal('error')]),
  definitionHash: Type.Optional(Type.String()),
  classification: Type.Optional(ClassificationJsonSchema),
  warnings: Type.Array(Type.String()),
  errors: Type.Array(ToolErrorJsonSchema),
});

/** A classified entry as JSON. */
export type ClassifiedEntryJson = Static<typeof ClassifiedEntryJsonSchema>;

const tally = (keys: readonly string[]) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer()])));

/** Counts and highlights over a server's classified tools. */
export const ServerSummaryJsonSchema = Type.Object({
  toolCount: Type.Integer(),
  byCategory: tally(CATEGORIES),
  byRisk: tally(RISK_LEVELS),
  highestRisk: Type.Union([Type.String(), Type.Null()]),
  canModify: Type.Array(Type.String()),
  canDestroy: Type.Array(Type.String()),
});

/** A classified document as JSON: what `classify --format json` prints and `POST /v1/classify` answers (plus its policy). */
export const ClassificationReportSchema = Type.Object({
  server: Type.Union([Type.Object({}, { additionalProperties: Type.String() }), Type.Null()]),
  classifierVersion: Type.String(),
  tools: Type.Array(ClassifiedEntryJsonSchema),
  /** Document-level errors; an entry's own errors are on the entry. */
  errors: Type.Array(ToolErrorJsonSchema),
  summary: ServerSummaryJsonSchema,
});

/** A classified document as JSON. */
export type ClassificationReport = Static<typeof ClassificationReportSchema>;

/** An evidence item as JSON: optional fields only when present, so every item has one key order. */
export function presentEvidence(item: Evidence): EvidenceJson {
  return {
    source: item.source,
    quote: item.quote,
    effect: item.effect,
    ...(item.path !== undefined ? { path: item.path } : {}),
    ...(item.rule !== undefined ? { rule: item.rule } : {}),
  };
}

/**
 * A classification as JSON, given the hash of the definition it judged, the definition's declared `annotations` (any
 * shape: the effective annotations compare them with the verdict) and any stored second opinion.
 */
export function presentClassification(
  classification: Classification,
  context: { definitionHash: string; annotations: unknown; secondOpinion?: Record<string, unknown> | null },
): ClassificationJson {
  return {
    category: classification.category,
    risk: classification.risk,
    factors: [...classification.factors],
    factorDetails: classification.factors.map((factor) => ({ factor, owasp: owaspOfFactor(factor) })),
    confidence: classification.confidence,
    rationale: classification.rationale,
    evidence: classification.evidence.map(presentEvidence),
    fiveClass: classification.fiveClass,
    classifierVersion: classification.classifierVersion,
    definitionHash: context.definitionHash,
    secondOpinion: context.secondOpinion ?? null,
    effectiveAnnotations: effectiveAnnotations(context.annotations, classification),
  };
}

/** A classified tool of a document as its JSON entry. */
export function presentClassifiedTool(tool: ClassifiedTool, errors: ToolError[] = []): ClassifiedEntryJson {
  return {
    index: tool.index,
    name: tool.name,
    status: 'classified',
    definitionHash: tool.definitionHash,
    classification: presentClassification(tool.classification, {
      definitionHash: tool.definitionHash,
      annotations: tool.annotations,
    }),
    warnings: [...tool.warnings],
    errors,
  };
}

/** The JSON report of a classified document: every entry in input order, classified or with its errors. */
export function toJsonReport(classified: ClassifiedDocument): ClassificationReport {
  const errorsOf = new Map<number, ToolError[]>();
  for (const error of classified.errors) {
    if (error.index === null) continue;
    errorsOf.set(error.index, [...(errorsOf.get(error.index) ?? []), error]);
  }
  const entries: ClassifiedEntryJson[] = [
    ...classified.tools.map((tool) => presentClassifiedTool(tool, errorsOf.get(tool.index))),
    ...classified.rejected.map(
      (entry): ClassifiedEntryJson => ({
        index: entry.index,
        name: entry.name,
        status: 'error',
        warnings: [],
        errors: errorsOf.get(entry.index) ?? [],
      }),
    ),
  ].sort((a, b) => a.index - b.index);
  return {
    server: classified.server ? { ...classified.server } : null,
    classifierVersion: classified.classifierVersion,
    tools: entries,
    errors: classified.errors.filter((error) => error.index === null),
    summary: classified.summary,
  };
}
