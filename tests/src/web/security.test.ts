// Guarantees against hostile crawled text: markup in names, titles, descriptions and schemas renders as text, never runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SERVER, openWebWorld, type WebWorld } from './world.js';

const HOSTILE_TOOL = 'x"><svg onload="window.__pwned=\'name\'">';
const PAGES = [
  '/',
  `/servers/${HOSTILE_SERVER}`,
  `/servers/${HOSTILE_SERVER}/tools/fetch_page`,
  `/servers/${HOSTILE_SERVER}/tools/${encodeURIComponent(HOSTILE_TOOL)}`,
  '/search?q=fetch_page',
  '/search?q=%3Cscript%3E',
];

describe('hostile input in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it('renders <script> and <img onerror> in crawled text as text, and runs none of it', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const path of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await page.evaluate<unknown>('window.__pwned'), path).toBeUndefined();
      // Only our own script runs: every script element is site.js or a JSON-LD data block.
      const scripts = await page
        .locator('script')
        .evaluateAll((nodes) =>
          nodes.map((node) => node.getAttribute('src') ?? node.getAttribute('type') ?? 'inline'),
        );
      for (const script of scripts)
        expect(script, path).toMatch(/^\/assets\/site\.js\?v=|^application\/ld\+json$/);
      expect(await page.locator('img, svg[onload], [onerror]').count(), path).toBe(0);
    }
    await page.goto(`/servers/${HOSTILE_SERVER}/tools/fetch_page`);
    const quoted = await page.locator('#does blockquote p').first().textContent();
    expect(quoted).toContain("<script>window.__pwned = 'description'</script>");
    expect(quoted).toContain('<img src=x onerror="window.__pwned=\'img\'">');
    expect(await page.locator('#does table').textContent()).toContain('<img src=x onerror=');
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('keeps JSON-LD intact when crawled text holds </script>', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${HOSTILE_SERVER}/tools/${encodeURIComponent(HOSTILE_TOOL)}`);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TOOL);
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const graph: unknown = JSON.parse(blocks[0] ?? '');
    expect(JSON.stringify(graph)).toContain(
      "Hostile <script>window.__pwned = 'server-title'</script> server",
    );
    expect(JSON.stringify(graph)).toContain(JSON.stringify(HOSTILE_TOOL));
    expect(await page.title()).toContain(HOSTILE_TOOL);
    await context.close();
  });

  it('serves every page with the Content Security Policy and nosniff', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    for (const path of [...PAGES, '/classify', '/servers/no-such-server']) {
      const response = await page.goto(path);
      const headers = response?.headers() ?? {};
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['content-security-policy'], path).not.toContain('unsafe-inline');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
    }
    await context.close();
  });

  it('classifies a pasted hostile document without running any of it', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/classify');
    await page.getByLabel('tools/list JSON').fill(
      JSON.stringify({
        tools: [
          {
            name: '<img src=x onerror="window.__pwned=1">',
            description: '</textarea><script>window.__pwned=2</script>',
          },
        ],
      }),
    );
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.waitForURL('**/classify');
    expect(await page.locator('#results .tool-name').textContent()).toBe(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await page.getByLabel('tools/list JSON').inputValue()).toContain('</textarea><script>');
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    await context.close();
  });

  it('serves assets with year-long immutable caching, and only the listed files', async () => {
    const css = await fetch(`${world.baseUrl}/assets/site.css?v=1`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const js = await fetch(`${world.baseUrl}/assets/site.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    for (const path of ['/assets/..%2Fpackage.json', '/assets/%2e%2e%2fsrc%2findex.ts', '/assets/nope.css']) {
      expect((await fetch(`${world.baseUrl}${path}`)).status, path).toBe(404);
    }
  });

  it('lists every server and tool page in sitemap.xml, and points robots.txt at it', async () => {
    const sitemap = await (await fetch(`${world.baseUrl}/sitemap.xml`)).text();
    expect(sitemap).toContain(
      '<loc>http://localhost:3000/servers/modelcontextprotocol-server-filesystem/tools/write_file</loc>',
    );
    expect(sitemap).toContain(
      `/servers/${HOSTILE_SERVER}/tools/x%22%3E%3Csvg%20onload%3D%22window.__pwned%3D&#39;name&#39;%22%3E</loc>`,
    );
    expect(sitemap).not.toContain('<svg');
    expect(sitemap.match(/<url>/g)?.length).toBeGreaterThan(698);
    const robots = await (await fetch(`${world.baseUrl}/robots.txt`)).text();
    expect(robots).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });
});
