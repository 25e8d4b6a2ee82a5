// Guarantee: every list query of the pages and the API is served by an index on a catalogue big enough for the
// planner to mean it (a generated 6,000 servers / 50,000 tools, analysed), on PostgreSQL. Each catalogue read runs for
// real while its statements are captured; each statement is then EXPLAINed with its own parameters, with the
// planner's default settings (no enable_seqscan games): no sequential scan of a catalogue table, and the named index.
// The cases are every list the pages and the /v1 lists read: search and browse (by risk, category, factor, each a
// later page too), server listings in each order and filter, a server's tools (page, API page, all for its policy),
// a tool's neighbours and history, the changes, and the sitemaps.
import {
  getToolHistory,
  listChanges,
  listServers,
  listServerTools,
  listServerToolsPage,
  recentChanges,
  recentlyChangedServers,
  relatedTools,
  searchTools,
  serverToolsPage,
  similarTools,
  sitemapServers,
  sitemapTools,
} from '@toolrisk/db';
import { generateCatalogue } from '@toolrisk/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../harness/db.js';

const CATALOGUE_TABLES = new Set(['tools', 'servers', 'classifications', 'tool_versions']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('list query plans on PostgreSQL', () => {
  let db: TestDb;
  let explainer: postgres.Sql;
  const captured: { query: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    db = await openTestDb('postgres', { onQuery: (query, params) => captured.push({ query, params }) });
    await generateCatalogue(db.db, { servers: 6_000, toolsPerServer: 10, registryOnlyEvery: 6 });
    explainer = postgres(db.url ?? '', { max: 1, onnotice: () => {} });
  }, 600_000);
  afterAll(async () => {
    await explainer?.end();
    await db?.dispose();
  });

  /** Runs the read, then EXPLAINs every statement it ran; returns the plan nodes of all of them. */
  async function plansOf(read: () => Promise<unknown>): Promise<PlanNode[]> {
    captured.length = 0;
    await read();
    const statements = captured.filter(({ query }) => /^\s*(select|with)\b/i.test(query));
    expect(statements.length).toBeGreaterThan(0);
    const nodes: PlanNode[] = [];
    for (const { query, params } of statements) {
      const rows = await explainer.unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
        `explain (format json) ${query}`,
        params as postgres.ParameterOrJSON<never>[],
      );
      const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
      if (!plan) throw new Error(`no plan for ${query}`);
      nodes.push(...nodesOf(plan));
    }
    return nodes;
  }

  /** Tables a case may hash whole: a sitemap file joins up to 50,000 tools to their servers, so hashing servers once beats 50,000 probes. */
  const HASHED: Record<string, string[]> = { 'a sitemap file of tools': ['servers'] };

  const CASES: [string, () => Promise<unknown>, string][] = [
    ['the ranked tool search', () => searchTools(db.db, { q: 'delete item', limit: 50 }), 'tools_search_idx'],
    [
      'a later page of the ranked tool search',
      async () => {
        const first = await searchTools(db.db, { q: 'delete', limit: 50 });
        return searchTools(db.db, { q: 'delete', limit: 50, cursor: first.nextCursor });
      },
      'tools_search_idx',
    ],
    ['browsing tools by risk', () => searchTools(db.db, { risk: 'Critical', limit: 50 }), 'tools_pkey'],
    [
      'browsing tools by factor and category',
      () => searchTools(db.db, { factor: 'destructive', category: 'Write', limit: 50 }),
      'tools_pkey',
    ],
    [
      'browsing tools by category',
      () => searchTools(db.db, { category: 'Execute', limit: 50 }),
      'tools_pkey',
    ],
    [
      'browsing tools by factor',
      () => searchTools(db.db, { factor: 'external_comm', limit: 50 }),
      'tools_pkey',
    ],
    [
      'a later page of browsing tools by risk',
      async () => {
        const first = await searchTools(db.db, { risk: 'High', limit: 50 });
        return searchTools(db.db, { risk: 'High', limit: 50, cursor: first.nextCursor });
      },
      'tools_pkey',
    ],
    ['the server search', () => listServers(db.db, { q: 'github', limit: 50 }), 'servers_search_idx'],
    ['the servers by name', () => listServers(db.db, { sort: 'name', limit: 50 }), 'servers_pkey'],
    [
      'a later page of the servers by risk',
      async () => {
        const first = await listServers(db.db, { sort: 'risk', limit: 50 });
        return listServers(db.db, { sort: 'risk', limit: 50, cursor: first.nextCursor });
      },
      'servers_risk_order_idx',
    ],
    [
      'the servers of one risk level',
      () => listServers(db.db, { sort: 'risk', risk: 'High', limit: 50 }),
      'servers_highest_risk_idx',
    ],
    [
      'a later page of the recently changed servers',
      async () => {
        const first = await recentlyChangedServers(db.db, { limit: 50 });
        return recentlyChangedServers(db.db, { limit: 50, cursor: first.nextCursor });
      },
      'tools_changed_at_idx',
    ],
    ['the riskiest servers', () => listServers(db.db, { sort: 'risk', limit: 12 }), 'servers_risk_order_idx'],
    [
      'the recently changed servers',
      () => recentlyChangedServers(db.db, { limit: 12 }),
      'tools_changed_at_idx',
    ],
    ["a server's tools", () => serverToolsPage(db.db, 'gen-7', { limit: 100 }), 'tools_server_name_key'],
    [
      "a later page of a server's tools",
      async () => {
        const first = await serverToolsPage(db.db, 'gen-7', { limit: 4 });
        return serverToolsPage(db.db, 'gen-7', { limit: 4, cursor: first.nextCursor });
      },
      'tools_server_name_key',
    ],
    [
      "a server's tools in the API (a later page)",
      async () => {
        const first = await listServerToolsPage(db.db, 'gen-7', { limit: 4 });
        return listServerToolsPage(db.db, 'gen-7', { limit: 4, cursor: first.nextCursor });
      },
      'tools_server_name_key',
    ],
    ['every tool of a server (its policy)', () => listServerTools(db.db, 'gen-7'), 'tools_server_name_key'],
    [
      "a server's recent changes",
      () => recentChanges(db.db, { limit: 15, serverId: 'gen-7' }),
      'tools_server_name_key',
    ],
    [
      'the tools like a verdict',
      () => similarTools(db.db, { category: 'Write', risk: 'High', factors: ['destructive'] }),
      'tools_changed_at_idx',
    ],
    ["a tool's history", () => getToolHistory(db.db, 70), 'tool_versions_tool_idx'],
    [
      'the change feed (a later page)',
      async () => {
        const first = await listChanges(db.db, { limit: 100 });
        return listChanges(db.db, { limit: 100, cursor: first.nextCursor });
      },
      'tool_versions_seen_at_idx',
    ],
    [
      "a tool's siblings",
      () => relatedTools(db.db, { serverId: 'gen-7', name: 'x' }, 8),
      'tools_server_name_key',
    ],
    ['the recent changes', () => recentChanges(db.db, { limit: 10 }), 'tool_versions_seen_at_idx'],
    [
      'a sitemap file of servers',
      () => sitemapServers(db.db, { from: 'gen-5', limit: 50_000 }),
      'servers_pkey',
    ],
    ['a sitemap file of tools', () => sitemapTools(db.db, { from: 20_000, limit: 50_000 }), 'tools_pkey'],
  ];

  it.each(CASES)('%s uses an index and scans no catalogue table in full', async (name, read, index) => {
    const nodes = await plansOf(read);
    const hashed = HASHED[name] ?? [];
    const seqScans = nodes.filter(
      (node) =>
        node['Node Type'] === 'Seq Scan' &&
        CATALOGUE_TABLES.has(node['Relation Name'] ?? '') &&
        !hashed.includes(node['Relation Name'] ?? ''),
    );
    expect(seqScans.map((node) => node['Relation Name'])).toEqual([]);
    expect(nodes.map((node) => node['Index Name']).filter(Boolean)).toContain(index);
  });
});
