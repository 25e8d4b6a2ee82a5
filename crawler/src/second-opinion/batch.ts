// Bulk second opinions through the Message Batches API (half price): create, poll with backoff, read the JSONL results.
import type { Anthropic } from '@anthropic-ai/sdk';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { failedAnswer, type OpinionAnswer, priceReply, readOpinionMessage } from './answer.js';
import { describeFailure, type SecondOpinionSettings } from './client.js';
import { buildOpinionParams, type OpinionRequest } from './prompt.js';

/** How the batch waits between polls; tests pass their own to avoid real sleeps. */
export interface BatchOptions {
  sleep?: (ms: number) => Promise<void>;
}

const BatchShape = Compile(Type.Object({ id: Type.String(), processing_status: Type.String() }));
const ResultLine = Compile(
  Type.Object({
    custom_id: Type.String(),
    result: Type.Object({
      type: Type.String(),
      message: Type.Optional(Type.Unknown()),
      error: Type.Optional(Type.Unknown()),
    }),
  }),
);
const ErrorBody = Compile(Type.Object({ error: Type.Object({ type: Type.String() }) }));

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function failAll(
  requests: readonly OpinionRequest[],
  reason: string,
  latencyMs: number,
  batchId: string | null,
) {
  return new Map(requests.map((request) => [request.key, failedAnswer(reason, latencyMs, batchId)]));
}

/** Why one batch line did not succeed, from its result type and error body. */
function lineFailure(result: { type: string; error?: unknown }): string {
  if (result.type === 'errored') {
    return ErrorBody.Check(result.error)
      ? `batch request errored (${result.error.error.type})`
      : 'batch request errored';
  }
  if (result.type === 'expired') return 'batch request expired before it was processed';
  if (result.type === 'canceled') return 'batch request was canceled';
  return `unknown batch result type "${result.type.slice(0, 40)}"`;
}

/**
 * Asks about every tool in one Message Batch and waits for it (polling with doubling waits up to the settings'
 * maximum); never throws. Each answer's latency is the batch's wall time, and its cost the batch price.
 */
export async function askInBatch(
  client: Anthropic,
  settings: SecondOpinionSettings,
  requests: readonly OpinionRequest[],
  options: BatchOptions = {},
): Promise<Map<string, OpinionAnswer>> {
  if (requests.length === 0) return new Map();
  const sleep = options.sleep ?? realSleep;
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  // custom_id allows 64 characters of [A-Za-z0-9_-]; positions keep it short and map back exactly.
  const byCustomId = new Map(requests.map((request, index) => [`r${index}`, request]));
  let batchId: string | null = null;
  try {
    let batch: unknown = await client.messages.batches.create({
      requests: [...byCustomId].map(([customId, request]) => ({
        custom_id: customId,
        params: buildOpinionParams(request, settings.model),
      })),
    });
    if (!BatchShape.Check(batch)) return failAll(requests, 'the batch reply is malformed', elapsed(), null);
    batchId = batch.id;
    let wait = settings.batchPollMs;
    let waited = 0;
    while (BatchShape.Check(batch) && batch.processing_status !== 'ended') {
      // The budget counts the waits themselves too, so an injected sleep keeps the same schedule.
      if (Math.max(elapsed(), waited) + wait > settings.batchMaxWaitMs) {
        await client.messages.batches.cancel(batchId).catch(() => undefined);
        return failAll(
          requests,
          `the batch did not end within ${settings.batchMaxWaitMs} ms`,
          elapsed(),
          batchId,
        );
      }
      await sleep(wait);
      waited += wait;
      wait = Math.min(wait * 2, settings.batchMaxPollMs);
      batch = await client.messages.batches.retrieve(batchId);
    }
    if (!BatchShape.Check(batch))
      return failAll(requests, 'the batch reply is malformed', elapsed(), batchId);
    return await readResults(client, settings, batchId, byCustomId, elapsed);
  } catch (error) {
    return failAll(requests, describeFailure(error, settings), elapsed(), batchId);
  }
}

async function readResults(
  client: Anthropic,
  settings: SecondOpinionSettings,
  batchId: string,
  byCustomId: ReadonlyMap<string, OpinionRequest>,
  elapsed: () => number,
): Promise<Map<string, OpinionAnswer>> {
  const answers = new Map<string, OpinionAnswer>();
  const lines = await client.messages.batches.results(batchId);
  const latencyMs = elapsed();
  for await (const line of lines) {
    const value: unknown = line;
    if (!ResultLine.Check(value)) continue;
    const request = byCustomId.get(value.custom_id);
    if (request === undefined) continue;
    const { result } = value;
    const answer =
      result.type === 'succeeded'
        ? priceReply(readOpinionMessage(result.message), settings.model, latencyMs, batchId)
        : failedAnswer(lineFailure(result), latencyMs, batchId);
    answers.set(request.key, answer);
  }
  for (const request of byCustomId.values()) {
    if (!answers.has(request.key))
      answers.set(request.key, failedAnswer('no result in the batch', latencyMs, batchId));
  }
  return answers;
}
