// Reading a model's reply into an opinion (validated, never trusted) and pricing what it cost.
import { type ModelOpinion, parseModelOpinion } from '@toolrisk/classifier';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { OPINION_TOOL_NAME } from './prompt.js';

/** How one request ended: an opinion, a refusal, or a failure (transport, timeout, malformed output). */
export type OpinionOutcome = 'ok' | 'refused' | 'failed';

/** One request's result with what it cost; a failure carries its reason and falls back to the rules. */
export interface OpinionAnswer {
  outcome: OpinionOutcome;
  opinion: ModelOpinion | null;
  reason: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  /** The Message Batch id when asked in a batch. */
  viaBatch: string | null;
}

/** USD per million tokens (input, output) at standard prices; the batch API charges half. */
export const MODEL_PRICES: Readonly<Record<string, { input: number; output: number }>> = {
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
};
/** The price assumed for a model not in the table (Sonnet's). */
export const DEFAULT_PRICE = { input: 3, output: 15 } as const;

/** Estimated USD for a call; dated model ids (claude-sonnet-4-5-20250929) use their family's price. */
export function estimateCostUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  isBatch: boolean,
): number {
  const family = Object.keys(MODEL_PRICES)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  const price = (family !== undefined ? MODEL_PRICES[family] : undefined) ?? DEFAULT_PRICE;
  const usd = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return isBatch ? usd / 2 : usd;
}

// Only the fields read here are checked; the SDK's types describe the API, not what a server actually sent.
const MessageShape = Type.Object({
  stop_reason: Type.Union([Type.String(), Type.Null()]),
  content: Type.Array(
    Type.Object({
      type: Type.String(),
      name: Type.Optional(Type.String()),
      input: Type.Optional(Type.Unknown()),
    }),
  ),
  usage: Type.Object({ input_tokens: Type.Number(), output_tokens: Type.Number() }),
});
const messageShape = Compile(MessageShape);

/** What a reply said, before costs: the opinion, a refusal or a malformed answer, and the tokens it used. */
export interface ReadReply {
  outcome: OpinionOutcome;
  opinion: ModelOpinion | null;
  reason: string | null;
  inputTokens: number;
  outputTokens: number;
}

/** Reads an API message (unknown until checked) into an opinion, a refusal or a named failure. */
export function readOpinionMessage(message: unknown): ReadReply {
  if (!messageShape.Check(message)) {
    return {
      outcome: 'failed',
      opinion: null,
      reason: 'the reply is not a message',
      inputTokens: 0,
      outputTokens: 0,
    };
  }
  const tokens = { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
  if (message.stop_reason === 'refusal') {
    return {
      outcome: 'refused',
      opinion: null,
      reason: 'the model refused (stop_reason "refusal")',
      ...tokens,
    };
  }
  const call = message.content.find((block) => block.type === 'tool_use' && block.name === OPINION_TOOL_NAME);
  if (call === undefined) {
    const why = `no ${OPINION_TOOL_NAME} call (stop_reason ${String(message.stop_reason)})`;
    return { outcome: 'failed', opinion: null, reason: why, ...tokens };
  }
  const parsed = parseModelOpinion(call.input);
  if (!parsed.ok) {
    return {
      outcome: 'failed',
      opinion: null,
      reason: `malformed opinion: ${parsed.problems.join('; ')}`,
      ...tokens,
    };
  }
  return { outcome: 'ok', opinion: parsed.opinion, reason: null, ...tokens };
}

/** Completes a read reply with its cost, latency and batch id. */
export function priceReply(
  reply: ReadReply,
  model: string,
  latencyMs: number,
  viaBatch: string | null,
): OpinionAnswer {
  return {
    ...reply,
    costUsd: estimateCostUsd(model, reply.inputTokens, reply.outputTokens, viaBatch !== null),
    latencyMs: Math.round(latencyMs),
    viaBatch,
  };
}

/** A failure before any reply arrived: nothing was billed. */
export function failedAnswer(
  reason: string,
  latencyMs: number,
  viaBatch: string | null = null,
): OpinionAnswer {
  return {
    outcome: 'failed',
    opinion: null,
    reason,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencyMs: Math.round(latencyMs),
    viaBatch,
  };
}
