// Guarantees of the model calls, driven through the real SDK against a local fake: every failure becomes a named fallback.
import { type SecondOpinionSettings, secondOpinionSettings } from '@toolrisk/crawler';
import {
  askInBatch,
  askInteractive,
  askOne,
  createAnthropicClient,
  estimateCostUsd,
  type OpinionRequest,
  PROMPT_VERSION,
} from '@toolrisk/crawler/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_USAGE, type FakeAnthropic, startFakeAnthropic } from '../harness/fake-anthropic.js';

const GOOD = {
  category: 'Execute',
  risk: 'Critical',
  factors: ['code_execution'],
  quotes: [{ quote: 'shell command', supports: 'category' }],
  rationale: 'It runs a shell command.',
};

function request(name: string): OpinionRequest {
  return { key: `hash-${name}`, tool: { name, description: `The ${name} tool runs a shell command.` } };
}

let fake: FakeAnthropic;
let settings: SecondOpinionSettings;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  const base = secondOpinionSettings(
    { apiKey: 'test-key', baseUrl: fake.url, model: 'claude-sonnet-4-6', confidenceThreshold: 0.6 },
    { maxRetries: 2, timeoutMs: 5_000, concurrency: 2, batchPollMs: 100, batchMaxPollMs: 400 },
  );
  if (base === null) throw new Error('settings expected');
  settings = base;
});
afterEach(async () => {
  await fake.close();
});

describe('second opinion settings', () => {
  it('are off without an API key', () => {
    expect(
      secondOpinionSettings({ apiKey: undefined, baseUrl: undefined, model: 'm', confidenceThreshold: 0.6 }),
    ).toBeNull();
  });
  it('price the batch API at half and unknown models at the default', () => {
    expect(estimateCostUsd('claude-sonnet-4-5-20250929', 1_000_000, 0, false)).toBe(3);
    expect(estimateCostUsd('claude-haiku-4-5', 1_000_000, 1_000_000, true)).toBe(3);
    expect(estimateCostUsd('some-future-model', 0, 1_000_000, false)).toBe(15);
  });
});

describe('interactive calls', () => {
  it('send the forced record_opinion tool and read a good answer with tokens, cost and latency', async () => {
    fake.respond = () => ({ kind: 'opinion', input: GOOD });
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer.outcome).toBe('ok');
    expect(answer.opinion?.risk).toBe('Critical');
    expect(answer.inputTokens).toBe(FAKE_USAGE.input_tokens);
    expect(answer.outputTokens).toBe(FAKE_USAGE.output_tokens);
    expect(answer.costUsd).toBeCloseTo((1200 * 3 + 150 * 15) / 1_000_000, 10);
    expect(answer.latencyMs).toBeGreaterThan(0);
    expect(fake.calls[0]?.apiKey).toBe('test-key');
    const body = JSON.stringify(fake.messageBodies[0]);
    expect(body).toContain('"tool_choice":{"type":"tool","name":"record_opinion"}');
    expect(body).toContain('Annotations are the author');
    expect(PROMPT_VERSION.length).toBeGreaterThan(0);
  });

  it('turn malformed tool output into a named failure', async () => {
    fake.respond = () => ({ kind: 'opinion', input: { category: 'Delete', risk: 'Low' } });
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer.outcome).toBe('failed');
    expect(answer.opinion).toBeNull();
    expect(answer.reason).toMatch(/^malformed opinion: /);
    expect(answer.inputTokens).toBe(FAKE_USAGE.input_tokens);
  });

  it('turn a reply without the tool call into a named failure', async () => {
    fake.respond = () => ({ kind: 'text', text: 'I think it is Read.' });
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer).toMatchObject({
      outcome: 'failed',
      reason: 'no record_opinion call (stop_reason end_turn)',
    });
  });

  it('record a refusal (stop_reason "refusal") as refused, not as an opinion', async () => {
    fake.respond = () => ({ kind: 'refusal' });
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer.outcome).toBe('refused');
    expect(answer.reason).toContain('refusal');
  });

  it('retry a 429 after the retry-after it names', async () => {
    fake.respond = (_tool, attempt) =>
      attempt === 1
        ? { kind: 'status', status: 429, errorType: 'rate_limit_error', retryAfter: '1' }
        : { kind: 'opinion', input: GOOD };
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer.outcome).toBe('ok');
    const [first, second] = fake.calls;
    expect(fake.calls).toHaveLength(2);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('retry a 529 overloaded and then answer', async () => {
    fake.respond = (_tool, attempt) =>
      attempt === 1
        ? { kind: 'status', status: 529, errorType: 'overloaded_error', retryAfter: '0.05' }
        : { kind: 'opinion', input: GOOD };
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer.outcome).toBe('ok');
    expect(fake.calls).toHaveLength(2);
  });

  it('fall back with the status named after a 500 that persists through every retry', async () => {
    fake.respond = () => ({ kind: 'status', status: 500, errorType: 'api_error', retryAfter: '0.05' });
    const answer = await askOne(createAnthropicClient(settings), settings, request('runner'));
    expect(answer).toMatchObject({ outcome: 'failed', reason: 'HTTP 500 after 3 attempts', costUsd: 0 });
    expect(fake.calls).toHaveLength(3);
  });

  it('give up on a call that hangs past the timeout', async () => {
    fake.respond = () => ({ kind: 'hang' });
    const quick = { ...settings, timeoutMs: 300, maxRetries: 1 };
    const answer = await askOne(createAnthropicClient(quick), quick, request('runner'));
    expect(answer.outcome).toBe('failed');
    expect(answer.reason).toBe('timed out after 300 ms (1 retries)');
    expect(fake.calls).toHaveLength(2);
  });

  it('keep at most `concurrency` requests in flight and answer each by its key', async () => {
    fake.respond = () => ({ kind: 'opinion', input: GOOD });
    const requests = ['a1', 'a2', 'a3', 'a4', 'a5'].map(request);
    const answers = await askInteractive(createAnthropicClient(settings), settings, requests);
    expect([...answers.keys()]).toEqual(requests.map((item) => item.key));
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
    expect(fake.maxInFlight).toBe(2);
  });
});

describe('batch calls', () => {
  it('poll with doubling waits, price at half, and turn failed lines into named failures', async () => {
    fake.pollsBeforeEnd = 3;
    fake.respondInBatch = (tool) =>
      tool === 'good'
        ? { kind: 'succeeded', reply: { kind: 'opinion', input: GOOD } }
        : tool === 'malformed'
          ? { kind: 'succeeded', reply: { kind: 'opinion', input: 'Read' } }
          : tool === 'refuses'
            ? { kind: 'succeeded', reply: { kind: 'refusal' } }
            : tool === 'errors'
              ? { kind: 'errored' }
              : tool === 'expires'
                ? { kind: 'expired' }
                : { kind: 'canceled' };
    const waits: number[] = [];
    const names = ['good', 'malformed', 'refuses', 'errors', 'expires', 'cancels'];
    const answers = await askInBatch(createAnthropicClient(settings), settings, names.map(request), {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // Three retrieves report in_progress, the fourth ends it: four waits, doubling up to the 400 ms cap.
    expect(waits).toEqual([100, 200, 400, 400]);
    expect(fake.calls.filter((call) => call.route === 'batch-create')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.route === 'message')).toHaveLength(0);
    const outcome = (name: string) => answers.get(`hash-${name}`);
    expect(outcome('good')).toMatchObject({ outcome: 'ok', viaBatch: 'msgbatch_1' });
    expect(outcome('good')?.costUsd).toBeCloseTo((1200 * 3 + 150 * 15) / 2_000_000, 10);
    expect(outcome('malformed')?.reason).toMatch(/^malformed opinion/);
    expect(outcome('refuses')?.outcome).toBe('refused');
    expect(outcome('errors')).toMatchObject({
      outcome: 'failed',
      reason: 'batch request errored (invalid_request_error)',
    });
    expect(outcome('expires')?.reason).toBe('batch request expired before it was processed');
    expect(outcome('cancels')?.reason).toBe('batch request was canceled');
  });

  it('cancel and fall back when the batch does not end in time', async () => {
    fake.pollsBeforeEnd = 1000;
    const short = { ...settings, batchMaxWaitMs: 1_000 };
    const answers = await askInBatch(createAnthropicClient(short), short, [request('slow')], {
      sleep: async () => {},
    });
    expect(answers.get('hash-slow')).toMatchObject({
      outcome: 'failed',
      reason: 'the batch did not end within 1000 ms',
    });
  });
});
