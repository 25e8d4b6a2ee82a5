// Second opinions in the catalogue: the current verdicts to consider, the answer cache, and merged verdicts.
import { CLASSIFIER_VERSION } from '@toolrisk/classifier';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { ClassificationRow, LlmOpinionRow, ServerRow, ToolRow } from '../rows.js';
import { classifications, llmOpinions, servers, tools } from '../schema/index.js';

// Large IN lists are split so no engine meets a parameter limit.
const CHUNK = 500;

/** A current classification (this classifier version, current definition) with its tool and server. */
export interface ClassificationWithTool {
  classification: ClassificationRow;
  tool: ToolRow;
  server: ServerRow;
}

/** Every current classification of current tools, of these servers when given. */
export async function currentClassificationRows(
  db: Database,
  serverIds?: readonly string[],
): Promise<ClassificationWithTool[]> {
  const conditions = [isNull(tools.removedAt), eq(classifications.classifierVersion, CLASSIFIER_VERSION)];
  if (serverIds !== undefined) conditions.push(inArray(tools.serverId, [...serverIds]));
  return db
    .select({ classification: classifications, tool: tools, server: servers })
    .from(classifications)
    .innerJoin(
      tools,
      and(eq(tools.id, classifications.toolId), eq(tools.definitionHash, classifications.definitionHash)),
    )
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .where(and(...conditions));
}

/** Writes a merged verdict over its stored row, with the opinion record beside it. */
export async function storeMergedClassification(
  db: Database,
  classificationId: number,
  merged: {
    classification: Pick<
      ClassificationRow,
      'category' | 'risk' | 'factors' | 'confidence' | 'rationale' | 'evidence' | 'fiveClass'
    >;
    record: ClassificationRow['secondOpinion'];
  },
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

/** Cached answers for these definition hashes from this model and prompt version. */
export async function cachedOpinionRows(
  db: Database,
  hashes: readonly string[],
  model: string,
  promptVersion: string,
): Promise<LlmOpinionRow[]> {
  const unique = [...new Set(hashes)];
  const rows: LlmOpinionRow[] = [];
  for (let start = 0; start < unique.length; start += CHUNK) {
    rows.push(
      ...(await db
        .select()
        .from(llmOpinions)
        .where(
          and(
            inArray(llmOpinions.definitionHash, unique.slice(start, start + CHUNK)),
            eq(llmOpinions.model, model),
            eq(llmOpinions.promptVersion, promptVersion),
          ),
        )),
    );
  }
  return rows;
}

/** What one answer cost and said, as the cache keeps it. */
export type OpinionValues = Pick<
  LlmOpinionRow,
  'outcome' | 'opinion' | 'inputTokens' | 'outputTokens' | 'costUsd' | 'latencyMs' | 'viaBatch'
>;

/** Stores one fresh answer; it replaces an earlier failure for the key, whose spend is added, not lost. */
export async function storeOpinion(
  db: Database,
  key: { definitionHash: string; model: string; promptVersion: string },
  answer: OpinionValues,
): Promise<void> {
  const values = { ...answer, createdAt: new Date() };
  await db
    .insert(llmOpinions)
    .values({ ...key, ...values })
    .onConflictDoUpdate({
      target: [llmOpinions.definitionHash, llmOpinions.model, llmOpinions.promptVersion],
      set: {
        ...values,
        inputTokens: sql`${llmOpinions.inputTokens} + ${answer.inputTokens}`,
        outputTokens: sql`${llmOpinions.outputTokens} + ${answer.outputTokens}`,
        costUsd: sql`${llmOpinions.costUsd} + ${answer.costUsd}`,
      },
    });
}
