// Guarantees of the page renderers: hostile text is escaped everywhere it lands, and each page carries its head tags.
import { describe, expect, it } from 'vitest';
import type { ServerView, SiteView, ToolView } from '../view-models.js';
import { renderSearchPage } from './search.js';
import { renderRobots, renderSitemap } from './sitemap.js';
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
      query: { q: HOSTILE, risk: 'High', category: '' },
      servers: [],
      tools: [],
      isTruncated: false,
    }).value;
    expect(page).not.toContain('<img');
    expect(page).toContain('value="&lt;/script&gt;');
    expect(page).toContain('<option value="High" selected>High</option>');
    expect(page).toContain('<meta name="robots" content="noindex">');
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
  });
});
