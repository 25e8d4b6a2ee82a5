// Guarantees of the second-opinion pass over a real catalogue database on both engines, the model faked locally.
import { buildApp } from '@toolrisk/api';
import type { ToolDefinition } from '@toolrisk/classifier';
import { loadConfig } from '@toolrisk/cli/testing';
import { type SecondOpinionSettings, secondOpinionPass, secondOpinionSettings } from '@toolrisk/crawler';
import { storeClassifiedSnapshot } from '@toolrisk/crawler/testing';
import { classifications, llmOpinions, servers, tools } from '@toolrisk/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, freshId, openTestDb, type TestDb } from '../harness/db.js';
import { type FakeAnthropic, startFakeAnthropic } from '../harness/fake-anthropic.js';
import { PURGE_OPINION } from './opinions.js';

// Low confidence: nothing in the name names an action, but a parameter says it purges a mailbox.
const ZAP: ToolDefinition = {
  name: 'zap',
  inputSchema: {
    type: 'object',
    properties: { target: { type: 'string', description: 'the mailbox to purge' } },
  },
};
// Conflicting evidence: the annotation says read-only, the name says delete.
const DELETE_REPO: ToolDefinition = {
  name: 'delete_repo',
  description: 'Deletes a repository permanently.',
  annotations: { readOnlyHint: true },
};
const VAGUE: ToolDefinition = { name: 'do' };
// Confident: never sent.
const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Returns the current weather forecast for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};

const DELETE_OPINION = {
  category: 'Write',
  risk: 'Critical',
  factors: ['destructive'],
  quotes: [{ quote: 'Deletes a repository permanently', supports: 'risk' }],
  rationale: 'Deleting a repository is irreversible.',
};

async function storeServer(db: TestDb, definitions: ToolDefinition[]): Promise<string> {
  const id = freshId('srv');
  await storeClassifiedSnapshot(db.db, {
    id,
    title: `Server ${id}`,
    source: { kind: 'import', ref: `${id}.json` },
    tools: definitions.map((tool) => ({ tool, raw: { ...tool } })),
  });
  return id;
}

async function storedOf(db: TestDb, serverId: string, name: string) {
  const [row] = await db.db
    .select({ classification: classifications })
    .from(classifications)
    .innerJoin(
      tools,
      and(eq(tools.id, classifications.toolId), eq(tools.definitionHash, classifications.definitionHash)),
    )
    .where(and(eq(tools.serverId, serverId), eq(tools.name, name)));
  if (!row) throw new Error(`no classification for ${name}`);
  return row.classification;
}

describe.each(ENGINES)('second-opinion pass on %s', (engine) => {
  let db: TestDb;
  let fake: FakeAnthropic;
  let settings: SecondOpinionSettings;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    fake = await startFakeAnthropic();
    fake.respond = (tool) =>
      tool === 'zap'
        ? { kind: 'opinion', input: PURGE_OPINION }
        : tool === 'delete_repo'
          ? { kind: 'opinion', input: DELETE_OPINION }
          : tool === 'do'
            ? { kind: 'refusal' }
            : { kind: 'status', status: 500, errorType: 'api_error' };
    const made = secondOpinionSettings(
      { apiKey: 'k', baseUrl: fake.url, model: 'claude-sonnet-4-6', confidenceThreshold: 0.6 },
      { maxRetries: 0, timeoutMs: 5_000, batchPollMs: 10, batchMaxPollMs: 20 },
    );
    if (made === null) throw new Error('settings expected');
    settings = made;
  });
  afterEach(async () => {
    await fake.close();
  });

  it('asks only about low-confidence or conflicting tools, merges by the rules, and marks the rows', async () => {
    const serverId = await storeServer(db, [ZAP, DELETE_REPO, VAGUE, WEATHER]);
    const report = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    expect(fake.calls.map((call) => call.toolName).sort()).toEqual(['delete_repo', 'do', 'zap']);
    expect(report).toMatchObject({
      candidates: 3,
      asked: 3,
      cacheHits: 0,
      agreed: 1,
      changed: 1,
      fellBack: 1,
    });
    expect(report.inputTokens).toBe(3 * 1200);

    const zap = await storedOf(db, serverId, 'zap');
    expect(zap).toMatchObject({ category: 'Write', risk: 'High', factors: ['destructive'] });
    expect(zap.secondOpinion).toMatchObject({ status: 'applied', model: 'claude-sonnet-4-6' });
    expect(zap.rationale).toContain('A second opinion (claude-sonnet-4-6) changed');
    const deleteRepo = await storedOf(db, serverId, 'delete_repo');
    expect(deleteRepo).toMatchObject({ risk: 'Critical', confidence: 0.85 });
    expect(deleteRepo.secondOpinion).toMatchObject({ status: 'agreed' });
    const vague = await storedOf(db, serverId, 'do');
    expect(vague.secondOpinion).toMatchObject({ status: 'refused' });
    expect(vague.rationale).toContain('declined to answer');
    expect((await storedOf(db, serverId, 'get_weather')).secondOpinion).toBeNull();

    const [server] = await db.db.select().from(servers).where(eq(servers.id, serverId));
    expect(server?.highestRisk).toBe('Critical');
    const cached = await db.db.select().from(llmOpinions);
    const zapRow = cached.find((row) => row.definitionHash === zap.definitionHash);
    expect(zapRow).toMatchObject({ outcome: 'ok', inputTokens: 1200, outputTokens: 150, viaBatch: null });
    expect(zapRow?.costUsd).toBeGreaterThan(0);
    expect(zapRow?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('asks about a definition once: a second run and the same definition elsewhere make no request', async () => {
    const first = await storeServer(db, [ZAP, DELETE_REPO]);
    await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [first] });
    const callsAfterFirst = fake.calls.length;
    const again = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [first] });
    expect(again.candidates).toBe(0);
    const second = await storeServer(db, [ZAP]);
    const elsewhere = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [second] });
    expect(elsewhere).toMatchObject({ candidates: 1, asked: 0, cacheHits: 1, changed: 1 });
    expect(fake.calls.length).toBe(callsAfterFirst);
    expect((await storedOf(db, second, 'zap')).risk).toBe('High');
  });

  it('asks again when the definition changes', async () => {
    const serverId = await storeServer(db, [ZAP]);
    await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    const before = fake.calls.length;
    await storeClassifiedSnapshot(db.db, {
      id: serverId,
      source: { kind: 'import', ref: `${serverId}.json` },
      tools: [{ tool: { ...ZAP, title: 'Zap' }, raw: { ...ZAP, title: 'Zap' } }],
    });
    const report = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    expect(report.asked).toBe(1);
    expect(fake.calls.length).toBe(before + 1);
  });

  it('falls back to the deterministic result on a failed call, says so, and asks again next run', async () => {
    const flaky: ToolDefinition = { ...ZAP, name: 'zap_flaky' };
    const serverId = await storeServer(db, [flaky]);
    fake.respond = () => ({ kind: 'status', status: 500, errorType: 'api_error' });
    const failed = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    expect(failed.fellBack).toBe(1);
    const fallback = await storedOf(db, serverId, 'zap_flaky');
    expect(fallback).toMatchObject({ category: 'Read', risk: 'Low' });
    expect(fallback.rationale).toContain(
      'was asked but failed (HTTP 500 after 1 attempts); this is the deterministic result',
    );
    expect(fallback.secondOpinion).toMatchObject({ status: 'failed', reason: 'HTTP 500 after 1 attempts' });

    fake.respond = () => ({ kind: 'opinion', input: PURGE_OPINION });
    const retried = await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    expect(retried).toMatchObject({ asked: 1, changed: 1 });
    const merged = await storedOf(db, serverId, 'zap_flaky');
    expect(merged.risk).toBe('High');
    expect(merged.rationale).not.toContain('failed');
  });

  it('asks a bulk crawl in one Message Batch at half price, and a partly failed batch falls back per tool', async () => {
    const serverId = await storeServer(db, [
      { ...ZAP, name: 'zap_batch' },
      { ...DELETE_REPO, name: 'delete_repo_batch' },
    ]);
    fake.respondInBatch = (tool) =>
      tool === 'zap_batch'
        ? { kind: 'succeeded', reply: { kind: 'opinion', input: PURGE_OPINION } }
        : { kind: 'expired' };
    const report = await secondOpinionPass(db.db, settings, {
      mode: 'batch',
      serverIds: [serverId],
      batch: { sleep: async () => {} },
    });
    expect(fake.calls.filter((call) => call.route === 'batch-create')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.route === 'message')).toHaveLength(0);
    expect(report).toMatchObject({ asked: 2, changed: 1, fellBack: 1 });
    expect(report.costUsd).toBeCloseTo((1200 * 3 + 150 * 15) / 2_000_000, 10);
    expect((await storedOf(db, serverId, 'zap_batch')).risk).toBe('High');
    const expired = await storedOf(db, serverId, 'delete_repo_batch');
    expect(expired.rationale).toContain('batch request expired');
  });

  it('shows the second opinion in the API', async () => {
    const serverId = await storeServer(db, [ZAP, WEATHER]);
    await secondOpinionPass(db.db, settings, { mode: 'interactive', serverIds: [serverId] });
    const app = await buildApp({ config: loadConfig({}), db: db.db, ping: db.ping });
    try {
      const zap = await app.inject(`/v1/servers/${serverId}/tools/zap`);
      expect(zap.statusCode).toBe(200);
      expect(JSON.stringify(zap.json())).toContain('"secondOpinion":{');
      expect(zap.body).toContain('"status":"applied"');
      const weather = await app.inject(`/v1/servers/${serverId}/tools/get_weather`);
      expect(weather.body).toContain('"secondOpinion":null');
    } finally {
      await app.close();
    }
  });
});
