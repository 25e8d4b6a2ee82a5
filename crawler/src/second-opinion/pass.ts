// The second-opinion pass over stored classifications: select the hard cases, ask once per definition, merge, store.
import type { Anthropic } from '@anthropic-ai/sdk';
import type { Database } from '@toolrisk/db';
import { refreshHighestRisk } from '@toolrisk/db';
import type { OpinionAnswer } from './answer.js';
import { mergeAnswer, storeMerged } from './apply.js';
import { askInBatch, type BatchOptions } from './batch.js';
import { readCachedAnswers, storeAnswer } from './cache.js';
import { askInteractive, createAnthropicClient, type SecondOpinionSettings } from './client.js';
import { type OpinionRequest, PROMPT_VERSION } from './prompt.js';
import { findCandidates } from './select.js';

/** Interactive: the Messages API with a concurrency limit. Batch: the Message Batches API, for bulk crawls. */
export type SecondOpinionMode = 'batch' | 'interactive';

/** What one pass did and spent. */
export interface SecondOpinionReport {
  /** Stored classifications that needed an opinion. */
  candidates: number;
  /** Distinct definitions asked about this time (cache misses). */
  asked: number;
  cacheHits: number;
  agreed: number;
  /** Classifications the opinion changed (applied or partly applied). */
  changed: number;
  /** Opinions that disagreed without the quotes the merge rules require. */
  notApplied: number;
  /** Fell back to the deterministic verdict (failure or refusal). */
  fellBack: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Options of one pass; `client` and `batch.sleep` let tests drive it. */
export interface SecondOpinionPassOptions {
  mode: SecondOpinionMode;
  /** Only these servers (e.g. those a crawl just stored); all by default. */
  serverIds?: readonly string[];
  client?: Anthropic;
  batch?: BatchOptions;
}

/** Asks about what the cache does not hold, stores every fresh answer, and returns all answers by hash. */
export async function answersFor(
  db: Database,
  settings: SecondOpinionSettings,
  requests: readonly OpinionRequest[],
  options: { mode: SecondOpinionMode; client?: Anthropic; batch?: BatchOptions },
): Promise<{ answers: Map<string, OpinionAnswer>; asked: number; cacheHits: number }> {
  const unique = [...new Map(requests.map((request) => [request.key, request])).values()];
  const cached = await readCachedAnswers(
    db,
    unique.map((request) => request.key),
    settings.model,
    PROMPT_VERSION,
  );
  const misses = unique.filter((request) => !cached.has(request.key));
  const client = misses.length > 0 ? (options.client ?? createAnthropicClient(settings)) : undefined;
  const fresh =
    client === undefined
      ? new Map<string, OpinionAnswer>()
      : options.mode === 'batch'
        ? await askInBatch(client, settings, misses, options.batch)
        : await askInteractive(client, settings, misses);
  for (const [definitionHash, answer] of fresh) {
    await storeAnswer(db, { definitionHash, model: settings.model, promptVersion: PROMPT_VERSION }, answer);
  }
  return { answers: new Map([...cached, ...fresh]), asked: misses.length, cacheHits: cached.size };
}

/**
 * Runs the pass after a crawl or import: stored classifications with low confidence or conflicting evidence get
 * a second opinion (cached per definition, model and prompt version), merged under the classifier's rules.
 */
export async function secondOpinionPass(
  db: Database,
  settings: SecondOpinionSettings,
  options: SecondOpinionPassOptions,
): Promise<SecondOpinionReport> {
  const candidates = await findCandidates(db, {
    model: settings.model,
    confidenceThreshold: settings.confidenceThreshold,
    ...(options.serverIds !== undefined ? { serverIds: options.serverIds } : {}),
  });
  const requests = candidates.map((candidate) => ({
    key: candidate.definitionHash,
    tool: candidate.tool,
    context: candidate.context,
  }));
  const { answers, asked, cacheHits } = await answersFor(db, settings, requests, options);
  const report: SecondOpinionReport = {
    candidates: candidates.length,
    asked,
    cacheHits,
    agreed: 0,
    changed: 0,
    notApplied: 0,
    fellBack: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
  for (const answer of answers.values()) {
    report.inputTokens += answer.inputTokens;
    report.outputTokens += answer.outputTokens;
    report.costUsd += answer.costUsd;
  }
  const touched = new Set<string>();
  for (const candidate of candidates) {
    const answer = answers.get(candidate.definitionHash);
    if (answer === undefined) continue;
    const merged = mergeAnswer(candidate, answer, settings.model);
    await storeMerged(db, candidate.classificationId, merged);
    touched.add(candidate.serverId);
    const { status } = merged.record;
    if (status === 'agreed') report.agreed++;
    else if (status === 'applied' || status === 'partly_applied') report.changed++;
    else if (status === 'not_applied') report.notApplied++;
    else report.fellBack++;
  }
  await refreshHighestRisk(db, [...touched]);
  return report;
}
