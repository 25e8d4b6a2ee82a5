// Guarantees of the page renderers: hostile text is escaped everywhere it lands, and each page carries its head tags.
import { describe, expect, it } from 'vitest';
import { installCommand } from '../components/server-about.js';
import type { ServerAboutView, ServerPageData, ServerView, SiteView, ToolView } from '../view-models.js';
import { renderHomePage } from './home.js';
import { renderSearchPage } from './search.js';
import { renderServerPage } from './server.js';
import { renderServerListPage } from './servers.js';
import { renderRobots, renderSitemap, renderSitemapIndex } from './sitemap.js';
import { renderToolPage } from './tool.js';

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'&`;
const site: SiteView = { publicUrl: 'https://toolrisk.example', assetVersion: 'abc' };
const server: ServerView = {
  id: 'evil',
  title: HOSTILE,
  description: HOSTILE,
  toolCount: 1,
  highestRisk: 'High',
};
const tool: ToolView = {
  serverId: 'evil',
  name: `x${HOSTILE}`,
  title: HOSTILE,
  description: HOSTILE,
  inputSchema: { type: 'object', properties: { [HOSTILE]: { type: HOSTILE, description: HOSTILE } } },
  annotations: null,
  definitionHash: 'a'.repeat(64),
  classification: {
    category: 'Write',
    risk: 'High',
    factors: ['destructive', 'external_comm'],
    confidence: 0.8,
    rationale: HOSTILE,
    evidence: [{ source: 'description', quote: HOSTILE, effect: HOSTILE, path: HOSTILE }],
    classifierVersion: '1.0.0',
  },
};

function toolPage(): string {
  return renderToolPage(site, {
    server,
    tool,
    policy: {
      profile: 'balanced',
      format: 'json',
      text: HOSTILE,
      apiPath: `/v1/servers/evil/tools/${encodeURIComponent(tool.name)}/policy?format=json&profile=balanced`,
      downloadPath: `/v1/servers/evil/tools/${encodeURIComponent(tool.name)}/policy`,
      fileName: HOSTILE,
      pagePath: `/servers/evil/tools/${encodeURIComponent(tool.name)}`,
    },
    related: [],
    similar: [],
    history: [
      {
        definitionHash: 'b'.repeat(64),
        seenAt: '2025-02-01T00:00:00Z',
        definition: { name: 'x', description: HOSTILE },
      },
      { definitionHash: 'c'.repeat(64), seenAt: '2025-01-01T00:00:00Z', definition: { name: 'x' } },
    ],
  }).value;
}

describe('renderToolPage', () => {
  it('never emits crawled markup: one script element of ours, one JSON-LD block, no img', () => {
    const page = toolPage();
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).toContain('<script src="/assets/site.js?v=abc" defer></script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('encodes JSON-LD so crawled text cannot close the data block', () => {
    const page = toolPage();
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    expect(block).not.toMatch(/[<>]/);
    const graph: unknown = JSON.parse(block);
    expect(JSON.stringify(graph)).toContain(JSON.stringify(`x${HOSTILE}`));
  });

  it('carries title, description, canonical and Open Graph tags', () => {
    const page = toolPage();
    const canonical = `https://toolrisk.example/servers/evil/tools/${encodeURIComponent(tool.name).replaceAll("'", '&#39;')}`;
    expect(page).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(page).toContain(`<meta property="og:url" content="${canonical}">`);
    expect(page).toMatch(/<title>x&lt;\/script&gt;.* risk · toolrisk<\/title>/);
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toMatch(/<meta name="description" content="[^"<>]*High risk Write tool/);
  });

  it('quotes the shell URL in the curl command so a quote in a name cannot end it', () => {
    const page = toolPage();
    const curl = /<pre id="policy-curl"[^>]*><code>(.*?)<\/code>/s.exec(page)?.[1] ?? '';
    expect(curl).toMatch(
      /^curl -fsS &#39;https:\/\/toolrisk\.example\/v1\/servers\/evil\/tools\/[^']*&#39;$/,
    );
    expect(curl.slice(16, -5)).not.toContain('&#39;');
  });

  it('explains each factor with its attack pattern and shows the definition diff', () => {
    const page = toolPage();
    expect(page).toContain('Destructive call hijacking');
    expect(page).toContain('Data exfiltration through outbound messages');
    expect(page).toContain('class="diff-line diff-add"');
  });
});

describe('renderSearchPage', () => {
  it('escapes the query in the form, the title and the result count', () => {
    const page = renderSearchPage(site, {
      query: { q: HOSTILE, risk: 'High', category: '', factor: 'destructive' },
      servers: { servers: [server], total: 7, moreHref: `/servers?q=${encodeURIComponent(HOSTILE)}` },
      tools: [],
      paging: { total: 1234, nextHref: `/search?q=${encodeURIComponent(HOSTILE)}&cursor=x`, firstHref: null },
    }).value;
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('value="&lt;/script&gt;');
    expect(page).toContain('<option value="High" selected>High</option>');
    expect(page).toContain('<option value="destructive" selected>destructive</option>');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('<strong>1,234 tools</strong>');
    expect(page).toContain('All 7 matching servers');
    expect(page).toMatch(/<a href="\/search\?q=[^"<>]*&amp;cursor=x" rel="next">Next page<\/a>/);
  });
});

const about: ServerAboutView = {
  registryName: HOSTILE,
  packages: [
    { registryType: 'npm', identifier: `@evil/${HOSTILE}`, version: HOSTILE, transport: 'stdio' },
    { registryType: 'pypi', identifier: 'evil-mcp', version: '1.2.0', transport: null },
    { registryType: HOSTILE, identifier: HOSTILE, version: null, transport: HOSTILE },
  ],
  repositoryUrl: 'https://github.com/evil/x?a=%22%3E',
  websiteUrl: null,
  remotes: [{ type: HOSTILE, url: 'https://evil.example/mcp?"><img src=x>' }],
  sources: [{ kind: 'registry', ref: HOSTILE, seenAt: '2025-03-01T00:00:00Z' }],
};

function serverPage(overrides: Partial<ServerPageData> = {}): string {
  return renderServerPage(site, {
    server,
    about,
    tools: [
      {
        serverId: 'evil',
        serverTitle: HOSTILE,
        name: HOSTILE,
        description: HOSTILE,
        category: 'Write',
        risk: 'High',
        factors: [HOSTILE],
      },
    ],
    paging: { total: 250, nextHref: '/servers/evil?cursor=abc', firstHref: null },
    categoryCounts: { Write: 250 },
    distribution: { Low: 0, Medium: 0, High: 250, Critical: 0 },
    canModify: 250,
    canDestroy: 0,
    policy: null,
    history: [],
    ...overrides,
  }).value;
}

describe('renderServerPage', () => {
  it('says what the server is (packages with their install command, remote, repository, sources), escaped', () => {
    const page = serverPage();
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('<pre class="install"><code>uvx evil-mcp==1.2.0</code></pre>');
    expect(page).toContain('npx -y @evil/&lt;/script&gt;');
    expect(page).toContain('https://evil.example/mcp?&quot;&gt;&lt;img src=x&gt;');
    expect(page).toContain('MCP Registry');
  });

  it('pages the tools: the category heading holds the true total, and a next-page link', () => {
    const page = serverPage();
    expect(page).toContain('<strong>250 tools</strong>');
    expect(page).toMatch(/<h3 id="cat-Write">.*250 tools<\/h3>/);
    expect(page).toContain('<a href="/servers/evil?cursor=abc" rel="next">Next page</a>');
  });

  it('shows a server without tools as not introspected yet, with no chart and no tool list', () => {
    const page = serverPage({
      server: { ...server, toolCount: 0, highestRisk: null },
      tools: [],
      paging: { total: 0, nextHref: null, firstHref: null },
      categoryCounts: {},
      distribution: { Low: 0, Medium: 0, High: 0, Critical: 0 },
      canModify: 0,
    });
    expect(page).toContain('Not introspected yet');
    expect(page).not.toContain('class="risk-chart"');
    expect(page).not.toContain('Tools by category');
    expect(page).not.toContain('Not classified');
  });
});

describe('installCommand', () => {
  it('runs each registry type its own way, and gives none for a type without a runner', () => {
    const pkg = { identifier: 'acme/mcp', version: '2.0', transport: null };
    expect(installCommand({ ...pkg, registryType: 'npm' })).toBe('npx -y acme/mcp@2.0');
    expect(installCommand({ ...pkg, registryType: 'pypi' })).toBe('uvx acme/mcp==2.0');
    expect(installCommand({ ...pkg, registryType: 'oci' })).toBe('docker run -i --rm acme/mcp:2.0');
    expect(installCommand({ ...pkg, registryType: 'mcpb' })).toBeNull();
  });
});

describe('renderHomePage and renderServerListPage', () => {
  it('show bounded sections with their true totals and links to the paged lists', () => {
    const page = renderHomePage(site, {
      serverCount: 2000,
      toolCount: 9000,
      distribution: { Low: 1, Medium: 2, High: 3, Critical: 4 },
      recent: [],
      riskiest: { servers: [server], total: 2000, moreHref: '/servers?sort=risk' },
      changed: { servers: [{ ...server, toolCount: 0 }], total: 900, moreHref: '/servers?sort=changed' },
    }).value;
    expect(page).not.toContain('<img');
    expect(page).toContain('<a href="/servers?sort=risk">All servers by risk (2,000)</a>');
    expect(page).toContain('<a href="/servers?sort=changed">All servers by latest change (900)</a>');
    expect(page).toContain('tools not introspected yet');
  });

  it('lists one page of servers with the total and the next page', () => {
    const page = renderServerListPage(site, {
      query: { q: HOSTILE, risk: '', sort: '' },
      servers: [server],
      paging: { total: 51, nextHref: '/servers?cursor=n', firstHref: '/servers' },
    }).value;
    expect(page).not.toContain('<img');
    expect(page).toContain('<strong>51 servers</strong>');
    expect(page).toContain('rel="next"');
    expect(page).toContain('rel="first"');
  });
});

describe('sitemap and robots', () => {
  it('escapes URLs and lists every page', () => {
    const xml = renderSitemap(site, {
      servers: [{ id: 'a&b', lastSeenAt: '2025-01-02T03:04:05Z' }],
      tools: [{ serverId: 'a&b', name: "it's", changedAt: '2025-01-03T00:00:00Z' }],
    });
    expect(xml).toContain('<loc>https://toolrisk.example/servers/a%26b</loc><lastmod>2025-01-02</lastmod>');
    expect(xml).toContain('<loc>https://toolrisk.example/servers/a%26b/tools/it&#39;s</loc>');
    expect(renderRobots(site)).toContain('Sitemap: https://toolrisk.example/sitemap.xml');
    for (const path of ['/', '/search', '/classify', '/stacks'])
      expect(xml).toContain(`<loc>https://toolrisk.example${path}</loc>`);
  });

  it('writes an index of sitemap files, escaped', () => {
    const xml = renderSitemapIndex(site, {
      paths: ['/sitemaps/pages.xml', '/sitemaps/servers.xml?from=a&b'],
    });
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain(
      '<sitemap><loc>https://toolrisk.example/sitemaps/servers.xml?from=a&amp;b</loc></sitemap>',
    );
  });
});
