// Which stored classifications go to the model: low confidence or conflicting evidence, and no current opinion yet.
import {
  CLASSIFIER_VERSION,
  type Classification,
  type Evidence,
  RISK_FACTORS,
  RISK_LEVELS,
  type ServerContext,
  type ToolDefinition,
  toFiveClass,
} from '@toolrisk/classifier';
import {
  classificationOfRow,
  currentClassificationRows,
  type Database,
  toolDefinitionOf,
} from '@toolrisk/db';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { PROMPT_VERSION } from './prompt.js';

/** Why a classification is sent, or null when the rules are sure enough (the model is no crutch). */
export function reasonToAsk(
  classification: Pick<Classification, 'confidence' | 'evidence'>,
  confidenceThreshold: number,
): string | null {
  // taxonomy.md "Confidence": evidence that disagrees (annotation vs name) is logged as contradicting.
  const conflict = classification.evidence.find((item) => /contradict/i.test(item.effect));
  if (conflict) return `conflicting evidence ("${conflict.quote}": ${conflict.effect})`;
  if (classification.confidence < confidenceThreshold) {
    return `confidence ${classification.confidence} below ${confidenceThreshold}`;
  }
  return null;
}

const EvidenceSchema = Type.Object({
  source: Type.Enum(['name', 'title', 'description', 'parameter', 'annotation', 'sibling', 'server']),
  quote: Type.String(),
  effect: Type.String(),
  path: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
});
const BaseSchema = Type.Object({
  category: Type.Enum(['Read', 'Write', 'Execute']),
  risk: Type.Enum(RISK_LEVELS),
  factors: Type.Array(Type.Enum(RISK_FACTORS)),
  confidence: Type.Number(),
  rationale: Type.String(),
  evidence: Type.Array(EvidenceSchema),
});
const StoredRecord = Compile(
  Type.Object({
    status: Type.String(),
    model: Type.String(),
    promptVersion: Type.String(),
    deterministic: BaseSchema,
  }),
);

/** A stored classification to ask about, with the deterministic verdict any opinion is merged into. */
export interface Candidate {
  classificationId: number;
  serverId: string;
  definitionHash: string;
  tool: ToolDefinition;
  context: ServerContext;
  deterministic: Classification;
  reason: string;
}

function classificationOf(value: Static<typeof BaseSchema>): Classification {
  const evidence: Evidence[] = value.evidence.map((item) => ({ ...item }));
  return {
    ...value,
    evidence,
    fiveClass: toFiveClass(value.category, value.factors),
    classifierVersion: CLASSIFIER_VERSION,
  };
}

/**
 * The current classifications (this classifier version, current definitions) that need an opinion from this
 * model and prompt: never asked, asked by another model or prompt, or last asked and failed.
 */
export async function findCandidates(
  db: Database,
  options: { model: string; confidenceThreshold: number; serverIds?: readonly string[] },
): Promise<Candidate[]> {
  const rows = await currentClassificationRows(db, options.serverIds);
  const siblings = new Map<string, ToolDefinition[]>();
  for (const row of rows) {
    const list = siblings.get(row.tool.serverId) ?? [];
    list.push({ name: row.tool.name });
    siblings.set(row.tool.serverId, list);
  }
  const candidates: Candidate[] = [];
  for (const { classification: row, tool, server } of rows) {
    const stored: unknown = row.secondOpinion;
    const record = StoredRecord.Check(stored) ? stored : null;
    const isCurrent =
      record !== null &&
      record.status !== 'failed' &&
      record.model === options.model &&
      record.promptVersion === PROMPT_VERSION;
    if (isCurrent) continue;
    // A row merged earlier is judged, and merged again, from the deterministic verdict it kept.
    const deterministic = record ? classificationOf(record.deterministic) : classificationOfRow(row);
    if (deterministic === null) continue;
    const reason = reasonToAsk(deterministic, options.confidenceThreshold);
    if (reason === null) continue;
    candidates.push({
      classificationId: row.id,
      serverId: tool.serverId,
      definitionHash: tool.definitionHash,
      tool: toolDefinitionOf(tool),
      context: {
        name: server.title ?? server.registryName ?? server.id,
        description: server.description ?? undefined,
        siblings: siblings.get(tool.serverId) ?? [],
      },
      deterministic,
      reason,
    });
  }
  return candidates;
}
