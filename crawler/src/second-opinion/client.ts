// The Anthropic client for second opinions: settings from config, and interactive calls with a concurrency limit.
import { Anthropic, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { failedAnswer, type OpinionAnswer, priceReply, readOpinionMessage } from './answer.js';
import { buildOpinionParams, type OpinionRequest } from './prompt.js';

/** Everything the pass needs to call the model; null settings mean the pass is off (no API key). */
export interface SecondOpinionSettings {
  apiKey: string;
  /** Another endpoint (a proxy, or a fake server in tests); undefined means Anthropic's. */
  baseUrl: string | undefined;
  model: string;
  /** Tools whose deterministic confidence is below this are sent. */
  confidenceThreshold: number;
  /** Interactive calls in flight at once. */
  concurrency: number;
  /** Per attempt; a call that hangs longer is retried, then falls back to the rules. */
  timeoutMs: number;
  /** Retries on 408/409/429/5xx/529 and timeouts, honouring `retry-after` (the SDK's policy). */
  maxRetries: number;
  /** First and longest wait between batch status polls (the wait doubles), and when to give up. */
  batchPollMs: number;
  batchMaxPollMs: number;
  batchMaxWaitMs: number;
}

/** The defaults for what config does not set. */
export const SECOND_OPINION_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 60_000,
  maxRetries: 3,
  batchPollMs: 5_000,
  batchMaxPollMs: 60_000,
  batchMaxWaitMs: 24 * 60 * 60 * 1000,
} as const;

/** The settings for config's `anthropic` block, or null when no API key is configured (the pass is off). */
export function secondOpinionSettings(
  anthropic: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    confidenceThreshold: number;
  },
  overrides: Partial<Omit<SecondOpinionSettings, 'apiKey'>> = {},
): SecondOpinionSettings | null {
  if (anthropic.apiKey === undefined || anthropic.apiKey === '') return null;
  return {
    ...SECOND_OPINION_DEFAULTS,
    apiKey: anthropic.apiKey,
    baseUrl: anthropic.baseUrl,
    model: anthropic.model,
    confidenceThreshold: anthropic.confidenceThreshold,
    ...overrides,
  };
}

/** A client with the settings' endpoint, timeout and retry policy; credentials come only from the settings. */
export function createAnthropicClient(settings: SecondOpinionSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseUrl !== undefined ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    logLevel: 'off',
  });
}

/** A short, stable reason for a failed call (no secrets, no bodies). */
export function describeFailure(error: unknown, settings: SecondOpinionSettings): string {
  if (error instanceof APIConnectionTimeoutError) {
    return `timed out after ${settings.timeoutMs} ms (${settings.maxRetries} retries)`;
  }
  if (error instanceof APIError) {
    const attempts = settings.maxRetries + 1;
    return error.status === undefined
      ? `connection failed after ${attempts} attempts`
      : `HTTP ${error.status} after ${attempts} attempts`;
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown failure';
}

/** Runs `work` over the items with at most `limit` in flight; results keep the items' order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Asks the Messages API about one tool; never throws: a failure is an answer that says why. */
export async function askOne(
  client: Anthropic,
  settings: SecondOpinionSettings,
  request: OpinionRequest,
): Promise<OpinionAnswer> {
  const started = performance.now();
  try {
    const message: unknown = await client.messages.create(buildOpinionParams(request, settings.model));
    return priceReply(readOpinionMessage(message), settings.model, performance.now() - started, null);
  } catch (error) {
    return failedAnswer(describeFailure(error, settings), performance.now() - started);
  }
}

/** Asks about each tool interactively, `settings.concurrency` at a time; answers are keyed by request key. */
export async function askInteractive(
  client: Anthropic,
  settings: SecondOpinionSettings,
  requests: readonly OpinionRequest[],
): Promise<Map<string, OpinionAnswer>> {
  const answers = await mapWithConcurrency(requests, settings.concurrency, (request) =>
    askOne(client, settings, request),
  );
  return new Map(
    requests.map((request, index) => [request.key, answers[index] ?? failedAnswer('not asked', 0)]),
  );
}
