// Guarantees of the awesome-list source: every entry of the real list, its messy cases read right, markup kept as text.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlList } from '@toolrisk/crawler';
import { type ListEntry, parseAwesomeList, storeClassifiedSnapshot } from '@toolrisk/crawler/testing';
import { getServerProvenance } from '@toolrisk/db';
import { serverSources, servers } from '@toolrisk/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';
import { FIXTURES_DIR } from '../harness/paths.js';

const LIST_FILE = `${FIXTURES_DIR}/data/awesome-mcp-servers.md`;
const parsed = parseAwesomeList(readFileSync(LIST_FILE, 'utf8'));
const byName = (name: string): ListEntry | undefined => parsed.entries.find((entry) => entry.name === name);

describe('parsing the awesome-mcp-servers list', () => {
  it('finds the 658 server entries in 33 sections: 655 unique and 3 duplicates', () => {
    expect(parsed.entries.length + parsed.duplicates.length).toBe(658);
    expect(parsed.duplicates.map((entry) => entry.key).sort()).toEqual([
      'github.com/chargebee/agentkit/modelcontextprotocol',
      'github.com/metatool-ai/metatool-app',
      'github.com/sooperset/mcp-atlassian',
    ]);
    expect(new Set(parsed.entries.map((entry) => entry.section)).size).toBe(33);
    expect(parsed.skipped).toEqual([]);
  });

  it('reads flags before the separator into names', () => {
    expect(byName('julien040/anyquery')).toMatchObject({
      flags: ['go', 'local', 'cloud'],
      description: expect.stringMatching(/^Query more than 40 apps/),
      section: 'aggregators',
      sectionTitle: 'Aggregators',
    });
  });

  it('reads flags placed after the separator and glued to it', () => {
    expect(byName('Aiven-Open/mcp-aiven')).toMatchObject({ flags: ['python', 'cloud', 'official'] });
    expect(byName('Aiven-Open/mcp-aiven')?.description).toMatch(/^Navigate your Aiven projects/);
    expect(byName('pydantic/pydantic-ai/mcp-run-python')).toMatchObject({
      flags: ['python', 'local'],
      description: 'Run Python code in a secure sandbox via MCP tool calls',
    });
  });

  it('splits the ☁️/🏠 combination and ignores emoji outside the legend', () => {
    expect(byName('strowk/mcp-k8s-go')?.flags).toEqual(['go', 'cloud', 'local']);
    const descriptions = parsed.entries.map((entry) => entry.description);
    expect(descriptions.filter((text) => /^[-–—]/.test(text))).toEqual([]);
  });

  it('normalises keys: lower case, no .git, monorepo subpaths kept, other hosts kept, the malformed link repaired', () => {
    const keys = parsed.entries.map((entry) => entry.key);
    expect(keys.filter((key) => !key.startsWith('github.com/')).sort()).toEqual([
      'gitea.com/gitea/gitea-mcp',
      'gitlab.wikimedia.org/repos/future-audiences/wikimedia-enterprise-model-context-protocol',
      'stack.convex.dev/convex-mcp-server',
    ]);
    expect(
      keys.filter((key) => key.endsWith('.git') || key.endsWith('/') || key !== key.toLowerCase()),
    ).toEqual([]);
    expect(keys).toContain('github.com/modelcontextprotocol/servers/src/puppeteer');
    expect(byName('polygon-io/mcp_polygon')?.key).toBe('github.com/polygon-io/mcp_polygon');
  });

  it('keeps hostile markup in descriptions as text', () => {
    const hostile = parseAwesomeList(
      [
        '### <a name="x"></a>X',
        '- [a/b](https://github.com/a/b) 🐍 - Runs <script>alert(1)</script>fast <img src=x onerror=alert(2)> and parses `<b>` tags',
        '- [c/d](javascript:alert(1)) - bad link',
      ].join('\n'),
    );
    expect(hostile.entries).toHaveLength(1);
    expect(hostile.entries[0]?.description).toBe('Runs fast and parses <b> tags');
    expect(hostile.skipped.map((skip) => skip.reason)).toEqual([expect.stringMatching(/unusable link/)]);
  });

  it('parses the rendered HTML of a directory page the same way', () => {
    const html =
      '<h3>🔗 <a name="agg"></a>Agg</h3><p>intro</p><ul><li><a href="https://github.com/A/B.git">A/B</a> 📇 ☁️ — Does things</li></ul>';
    expect(parseAwesomeList(html, 'html').entries).toEqual([
      expect.objectContaining({
        key: 'github.com/a/b',
        flags: ['typescript', 'cloud'],
        description: 'Does things',
        section: 'agg',
      }),
    ]);
  });
});

describe.each(ENGINES)('crawling the list on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('stores one server per unique entry, and a second crawl adds none', async () => {
    const first = await crawlList(db.db, LIST_FILE);
    expect(first.counts).toMatchObject({ serversSeen: 655, serversNew: 655, errors: 0 });
    const [count] = await db.db
      .select({ n: sql<number>`count(distinct ${serverSources.serverId})::int` })
      .from(serverSources)
      .where(eq(serverSources.source, 'list'));
    expect(count?.n).toBe(655);
    const second = await crawlList(db.db, LIST_FILE);
    expect(second.counts).toMatchObject({ serversSeen: 655, serversNew: 0 });
  });

  it('an unreadable list is one FILE_UNREADABLE failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-list-'));
    await writeFile(join(dir, 'empty.md'), '');
    const report = await crawlList(db.db, join(dir, 'missing.md'));
    expect(report.counts.errors).toBe(1);
    expect(report.parse).toBeNull();
  });
});

describe.each(ENGINES)('a listed server the registry already holds, on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('becomes one more source of the registry server, not a twin', async () => {
    await storeClassifiedSnapshot(db.db, {
      id: 'io-github-acme-weather',
      registryName: 'io.github.acme/weather',
      title: 'Weather',
      repository: { url: 'https://github.com/Acme/weather-mcp', source: 'github', subfolder: 'server' },
      source: { kind: 'registry', ref: 'io.github.acme/weather' },
      tools: null,
    });
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-twin-'));
    const list = join(dir, 'list.md');
    await writeFile(
      list,
      [
        '### 🔗 <a name="weather"></a>Weather',
        '- [acme/weather-mcp](https://github.com/acme/weather-mcp/tree/main/server) 📇 ☁️ - Forecasts.',
        '- [other/tool](https://github.com/other/tool) 📇 - Something else.',
      ].join('\n'),
    );
    const report = await crawlList(db.db, list);
    expect(report.counts.errors).toBe(0);
    const rows = await db.db.select().from(servers);
    expect(rows.map((row) => row.id).sort()).toEqual(['github-com-other-tool', 'io-github-acme-weather']);
    const registryServer = rows.find((row) => row.id === 'io-github-acme-weather');
    expect(registryServer?.title).toBe('Weather');
    const provenance = await getServerProvenance(db.db, 'io-github-acme-weather');
    expect(provenance.sources.map((source) => source.source).sort()).toEqual(['list', 'registry']);
  });
});
