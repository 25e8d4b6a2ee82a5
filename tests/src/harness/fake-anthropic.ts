// A local fake of the Anthropic Messages and Message Batches APIs (documented shapes), scripted per tool by each test.
import Fastify from 'fastify';

/** What the fake answers to one Messages request (or one batch line's message). */
export type FakeReply =
  | { kind: 'opinion'; input: unknown }
  | { kind: 'refusal' }
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number; errorType: string; retryAfter?: string }
  | { kind: 'hang' };

/** What one batch line becomes. */
export type FakeBatchLine =
  | { kind: 'succeeded'; reply: Extract<FakeReply, { kind: 'opinion' | 'refusal' | 'text' }> }
  | { kind: 'errored' }
  | { kind: 'expired' }
  | { kind: 'canceled' };

/** A request the fake received. */
export interface FakeCall {
  route: 'message' | 'batch-create' | 'batch-retrieve' | 'batch-results' | 'batch-cancel';
  toolName?: string;
  apiKey?: string;
  at: number;
}

/** A running fake: its base URL, what it saw, and how it answers (set by tests). */
export interface FakeAnthropic {
  url: string;
  calls: FakeCall[];
  /** The most Messages requests seen in flight at once. */
  maxInFlight: number;
  /** Answers a Messages request; `attempt` counts this tool's requests from 1. */
  respond: (toolName: string, attempt: number) => FakeReply;
  /** Answers one request of a batch. */
  respondInBatch: (toolName: string) => FakeBatchLine;
  /** How many retrieves report `in_progress` before a batch ends. */
  pollsBeforeEnd: number;
  /** The bodies of every batch created, for assertions. */
  batchBodies: unknown[];
  messageBodies: unknown[];
  close: () => Promise<void>;
}

/** Usage the fake reports for every message. */
export const FAKE_USAGE = { input_tokens: 1200, output_tokens: 150 } as const;

// The fake reads the tool name back out of the prompt's <tool_definition> block.
function toolNameOf(body: unknown): string {
  const text = JSON.stringify(body);
  const match = /\\"name\\": \\"([^\\"]*)\\"/.exec(text.slice(text.indexOf('<tool_definition>')));
  return match?.[1] ?? '?';
}

function message(reply: Extract<FakeReply, { kind: 'opinion' | 'refusal' | 'text' }>, model: string) {
  const base = {
    id: `msg_${Math.random().toString(36).slice(2)}`,
    type: 'message',
    role: 'assistant',
    model,
    stop_sequence: null,
    usage: {
      ...FAKE_USAGE,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    },
  };
  if (reply.kind === 'refusal') return { ...base, content: [], stop_reason: 'refusal' };
  if (reply.kind === 'text')
    return { ...base, content: [{ type: 'text', text: reply.text }], stop_reason: 'end_turn' };
  return {
    ...base,
    content: [{ type: 'tool_use', id: 'toolu_fake', name: 'record_opinion', input: reply.input }],
    stop_reason: 'tool_use',
  };
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const app = Fastify({ forceCloseConnections: true, bodyLimit: 50 * 1024 * 1024 });
  const attempts = new Map<string, number>();
  const batches = new Map<
    string,
    { requests: { custom_id: string; toolName: string }[]; retrieves: number }
  >();
  let inFlight = 0;
  const fake: FakeAnthropic = {
    url: '',
    calls: [],
    maxInFlight: 0,
    respond: () => ({ kind: 'status', status: 500, errorType: 'api_error' }),
    respondInBatch: () => ({ kind: 'errored' }),
    pollsBeforeEnd: 1,
    batchBodies: [],
    messageBodies: [],
    close: () => app.close(),
  };
  // The key arrives as x-api-key or, in newer SDKs, as a bearer token.
  const key = (headers: Record<string, unknown>): string | undefined => {
    if (typeof headers['x-api-key'] === 'string') return headers['x-api-key'];
    const auth = headers.authorization;
    return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
  };

  app.post('/v1/messages', async (request, reply) => {
    const toolName = toolNameOf(request.body);
    const apiKey = key(request.headers);
    fake.calls.push({ route: 'message', toolName, ...(apiKey ? { apiKey } : {}), at: Date.now() });
    fake.messageBodies.push(request.body);
    const attempt = (attempts.get(toolName) ?? 0) + 1;
    attempts.set(toolName, attempt);
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    try {
      const answer = fake.respond(toolName, attempt);
      // A short pause keeps requests in flight together, so the concurrency limit is observable.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (answer.kind === 'hang') {
        await new Promise((resolve) => request.raw.once('close', resolve));
        return reply;
      }
      if (answer.kind === 'status') {
        if (answer.retryAfter !== undefined) reply.header('retry-after', answer.retryAfter);
        return reply
          .status(answer.status)
          .send({ type: 'error', error: { type: answer.errorType, message: 'fake failure' } });
      }
      const body: unknown = request.body;
      const model = body !== null && typeof body === 'object' && 'model' in body ? String(body.model) : 'x';
      return message(answer, model);
    } finally {
      inFlight--;
    }
  });

  app.post('/v1/messages/batches', async (request) => {
    fake.calls.push({ route: 'batch-create', at: Date.now() });
    fake.batchBodies.push(request.body);
    const body: unknown = request.body;
    const raw = body !== null && typeof body === 'object' && 'requests' in body ? body.requests : [];
    const requests = (Array.isArray(raw) ? raw : []).map((item: unknown) => ({
      custom_id:
        item !== null && typeof item === 'object' && 'custom_id' in item ? String(item.custom_id) : '',
      toolName: toolNameOf(item),
    }));
    const id = `msgbatch_${batches.size + 1}`;
    batches.set(id, { requests, retrieves: 0 });
    return batchObject(id, 'in_progress', requests.length);
  });

  app.get<{ Params: { id: string } }>('/v1/messages/batches/:id', async (request, reply) => {
    fake.calls.push({ route: 'batch-retrieve', at: Date.now() });
    const batch = batches.get(request.params.id);
    if (!batch)
      return reply.status(404).send({ type: 'error', error: { type: 'not_found_error', message: 'no' } });
    batch.retrieves++;
    const ended = batch.retrieves > fake.pollsBeforeEnd;
    return batchObject(request.params.id, ended ? 'ended' : 'in_progress', batch.requests.length);
  });

  app.post<{ Params: { id: string } }>('/v1/messages/batches/:id/cancel', async (request) => {
    fake.calls.push({ route: 'batch-cancel', at: Date.now() });
    return batchObject(request.params.id, 'canceling', 0);
  });

  app.get<{ Params: { id: string } }>('/v1/messages/batches/:id/results', async (request, reply) => {
    fake.calls.push({ route: 'batch-results', at: Date.now() });
    const batch = batches.get(request.params.id);
    const lines = (batch?.requests ?? []).map(({ custom_id, toolName }) => {
      const line = fake.respondInBatch(toolName);
      const result =
        line.kind === 'succeeded'
          ? { type: 'succeeded', message: message(line.reply, 'fake') }
          : line.kind === 'errored'
            ? {
                type: 'errored',
                error: { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } },
              }
            : { type: line.kind };
      return JSON.stringify({ custom_id, result });
    });
    return reply.header('content-type', 'application/binary').send(`${lines.join('\n')}\n`);
  });

  function batchObject(id: string, status: string, count: number) {
    const ended = status === 'ended';
    return {
      id,
      type: 'message_batch',
      processing_status: status,
      request_counts: { processing: ended ? 0 : count, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      ended_at: ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${fake.url}/v1/messages/batches/${id}/results` : null,
    };
  }

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake is not listening on TCP');
  fake.url = `http://127.0.0.1:${address.port}`;
  return fake;
}
