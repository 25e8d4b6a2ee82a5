// Guarantee: a classification read back from the catalogue (classificationOfRow) is the verdict the classifier gives
// now, evidence included, so a starter policy rebuilt from stored verdicts equals one from fresh verdicts, on both engines.
import {
  classifyTool,
  POLICY_PROFILES,
  recommendPolicy,
  type ServerContext,
  serverContextOf,
} from '@toolrisk/classifier';
import {
  type ClassifiedToolRow,
  classificationOfRow,
  listServers,
  listServerTools,
  toolDefinitionOf,
} from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';

describe.each(ENGINES)('stored verdicts (%s)', (engine) => {
  let db: TestDb;
  const servers: { id: string; name: string; rows: ClassifiedToolRow[]; context: ServerContext }[] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
    await seedSmallCatalogue(db.db);
    const page = await listServers(db.db, { limit: 100 });
    for (const server of page.servers) {
      const rows = await listServerTools(db.db, server.id);
      const name = server.registryName ?? server.id;
      const context = serverContextOf(
        { name, title: server.title, description: server.description },
        rows.map((row) => toolDefinitionOf(row.tool)),
      );
      servers.push({ id: server.id, name, rows, context });
    }
  });

  afterAll(async () => {
    await db?.dispose();
  });

  it('reads every stored verdict of the seed back as the fresh one, evidence and rules included', () => {
    const tools = servers.flatMap((server) => server.rows);
    expect(servers.length).toBe(37);
    expect(tools.length).toBeGreaterThan(300);
    let evidenceItems = 0;
    for (const server of servers) {
      for (const row of server.rows) {
        expect(row.classification, `${server.id}/${row.tool.name}`).not.toBeNull();
        if (!row.classification) continue;
        const stored = classificationOfRow(row.classification);
        const fresh = classifyTool(toolDefinitionOf(row.tool), server.context);
        expect(stored, `${server.id}/${row.tool.name}`).toEqual(fresh);
        evidenceItems += stored?.evidence.length ?? 0;
      }
    }
    expect(evidenceItems).toBeGreaterThan(tools.length);
  });

  it('rebuilds every server policy from stored verdicts exactly as from fresh ones, argument rules included', () => {
    let argumentRules = 0;
    for (const server of servers) {
      const inputs = (classify: (row: ClassifiedToolRow) => ReturnType<typeof classifyTool> | null) =>
        server.rows.map((row) => ({
          name: row.tool.name,
          classification: classify(row) ?? classifyTool(toolDefinitionOf(row.tool), server.context),
          definitionHash: row.tool.definitionHash,
          inputSchema: row.tool.inputSchema ?? undefined,
        }));
      const stored = inputs((row) => (row.classification ? classificationOfRow(row.classification) : null));
      const fresh = inputs(() => null);
      for (const profile of POLICY_PROFILES) {
        const options = { profile, pin: true, serverName: server.name };
        const policy = recommendPolicy(stored, options);
        expect(policy, `${server.id} ${profile}`).toEqual(recommendPolicy(fresh, options));
        argumentRules += policy.tools.reduce((sum, tool) => sum + tool.argumentRules.length, 0);
      }
    }
    expect(argumentRules).toBeGreaterThan(0);
  });

  it('a stored row outside the classifier vocabulary reads back as null, unknown evidence and factors dropped', () => {
    const row = servers[0]?.rows[0]?.classification;
    expect(row).toBeTruthy();
    if (!row) return;
    expect(classificationOfRow({ ...row, risk: 'Catastrophic' })).toBeNull();
    expect(classificationOfRow({ ...row, category: 'Delete' })).toBeNull();
    const odd = classificationOfRow({
      ...row,
      factors: ['destructive', 'not_a_factor'],
      evidence: [
        { source: 'name', quote: 'q', effect: 'e' },
        { source: 'elsewhere', quote: 'q', effect: 'e' },
        7,
      ],
    });
    expect(odd?.factors).toEqual(['destructive']);
    expect(odd?.evidence).toEqual([{ source: 'name', quote: 'q', effect: 'e' }]);
  });
});
