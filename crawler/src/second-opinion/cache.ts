// The opinion cache (`llm_opinions`): one answer per definition hash, model and prompt version, with its cost.
import { parseModelOpinion } from '@toolrisk/classifier';
import { cachedOpinionRows, type Database, storeOpinion } from '@toolrisk/db';
import type { OpinionAnswer } from './answer.js';

/** Outcomes that are final for a key: a failure (timeout, 5xx, malformed output) is asked again next time. */
const FINAL_OUTCOMES = new Set(['ok', 'refused']);

/** Cached final answers for these definition hashes, keyed by hash; a hit costs nothing this time. */
export async function readCachedAnswers(
  db: Database,
  hashes: readonly string[],
  model: string,
  promptVersion: string,
): Promise<Map<string, OpinionAnswer>> {
  const hits = new Map<string, OpinionAnswer>();
  for (const row of await cachedOpinionRows(db, hashes, model, promptVersion)) {
    if (!FINAL_OUTCOMES.has(row.outcome)) continue;
    // The stored opinion was validated when it arrived; it is checked again because the schema may have moved.
    const parsed = row.outcome === 'ok' ? parseModelOpinion(row.opinion?.opinion) : null;
    if (parsed !== null && !parsed.ok) continue;
    const reason = row.opinion?.reason;
    hits.set(row.definitionHash, {
      outcome: row.outcome === 'ok' ? 'ok' : 'refused',
      opinion: parsed?.ok ? parsed.opinion : null,
      reason: typeof reason === 'string' ? reason : null,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      latencyMs: 0,
      viaBatch: row.viaBatch,
    });
  }
  return hits;
}

/** Stores one fresh answer with its tokens, cost and latency; it replaces an earlier failure, whose spend is kept. */
export async function storeAnswer(
  db: Database,
  key: { definitionHash: string; model: string; promptVersion: string },
  answer: OpinionAnswer,
): Promise<void> {
  await storeOpinion(db, key, {
    outcome: answer.outcome,
    opinion: { opinion: answer.opinion, reason: answer.reason },
    inputTokens: answer.inputTokens,
    outputTokens: answer.outputTokens,
    costUsd: answer.costUsd,
    latencyMs: answer.latencyMs,
    viaBatch: answer.viaBatch,
  });
}
