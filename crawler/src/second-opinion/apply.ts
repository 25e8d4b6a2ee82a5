// Turning an answer into a stored classification: merge by the classifier's rules, or keep the rules' verdict and say why.
import {
  CLASSIFIER_VERSION,
  type Classification,
  type MergedClassification,
  markSecondOpinionUnavailable,
  mergeSecondOpinion,
  RISK_LEVELS,
  type ServerContext,
  type ToolDefinition,
} from '@toolrisk/classifier';
import { classifications, type Database, servers, tools } from '@toolrisk/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { OpinionAnswer } from './answer.js';
import { PROMPT_VERSION } from './prompt.js';

/** Merges one answer into the deterministic verdict; a failure or refusal keeps the verdict and names the reason. */
export function mergeAnswer(
  input: { tool: ToolDefinition; deterministic: Classification; context?: ServerContext },
  answer: OpinionAnswer,
  model: string,
): MergedClassification {
  if (answer.outcome === 'ok' && answer.opinion !== null) {
    return mergeSecondOpinion({
      tool: input.tool,
      classification: input.deterministic,
      opinion: answer.opinion,
      model,
      promptVersion: PROMPT_VERSION,
    });
  }
  return markSecondOpinionUnavailable({
    classification: input.deterministic,
    status: answer.outcome === 'refused' ? 'refused' : 'failed',
    reason: answer.reason ?? 'no usable answer',
    model,
    promptVersion: PROMPT_VERSION,
  });
}

/** Writes a merged classification over its stored row, the opinion record beside it. */
export async function storeMerged(
  db: Database,
  classificationId: number,
  merged: MergedClassification,
): Promise<void> {
  const { classification, record } = merged;
  await db
    .update(classifications)
    .set({
      category: classification.category,
      risk: classification.risk,
      factors: classification.factors,
      confidence: classification.confidence,
      rationale: classification.rationale,
      evidence: classification.evidence,
      fiveClass: classification.fiveClass,
      secondOpinion: record,
    })
    .where(eq(classifications.id, classificationId));
}

/** Recomputes each server's highest risk from its current stored classifications (a raised level shows there). */
export async function refreshHighestRisk(db: Database, serverIds: readonly string[]): Promise<void> {
  if (serverIds.length === 0) return;
  const rows = await db
    .select({ serverId: tools.serverId, risk: classifications.risk })
    .from(classifications)
    .innerJoin(
      tools,
      and(eq(tools.id, classifications.toolId), eq(tools.definitionHash, classifications.definitionHash)),
    )
    .where(
      and(
        inArray(tools.serverId, [...serverIds]),
        isNull(tools.removedAt),
        eq(classifications.classifierVersion, CLASSIFIER_VERSION),
      ),
    );
  const highest = new Map<string, number>();
  for (const row of rows) {
    const rank = RISK_LEVELS.findIndex((level) => level === row.risk);
    highest.set(row.serverId, Math.max(highest.get(row.serverId) ?? -1, rank));
  }
  for (const [serverId, rank] of highest) {
    await db
      .update(servers)
      .set({ highestRisk: RISK_LEVELS[rank] ?? null })
      .where(eq(servers.id, serverId));
  }
}
