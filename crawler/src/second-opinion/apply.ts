// Turning an answer into a stored classification: merge by the classifier's rules, or keep the rules' verdict and say why.
import {
  type Classification,
  type MergedClassification,
  markSecondOpinionUnavailable,
  mergeSecondOpinion,
  type ServerContext,
  type ToolDefinition,
} from '@toolrisk/classifier';
import { type Database, storeMergedClassification } from '@toolrisk/db';
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
  await storeMergedClassification(db, classificationId, merged);
}
