// Guarantees of the pages of a big catalogue in Chromium: the home page shows bounded sections (riskiest, recently
// changed) with true totals that lead to paged lists; search pages with cursors and keeps its total; a server never
// introspected says so and how to install it, with no empty charts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebWorld, REGISTRY_ONLY_SERVER, type WebWorld } from './world.js';

describe('catalogue pages in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it('shows the riskiest servers first on the home page and leads to the whole list by risk', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/');
    const serverCount = Number(
      (await page.locator('.figure-value').first().textContent())?.replace(/,/g, ''),
    );
    const riskiest = page.locator('#riskiest-title + ul .card');
    expect(await riskiest.count()).toBe(12);
    expect(await riskiest.first().locator('.badge').textContent()).toBe('Critical risk');
    expect(await page.locator('#changed-title + ul .card').count()).toBe(12);
    const more = page.getByRole('link', { name: /^All servers by risk \(/ });
    expect(await more.textContent()).toBe(`All servers by risk (${serverCount})`);
    await more.click();
    await page.waitForURL(/\/servers\?sort=risk$/);
    expect(await page.locator('.paging-count strong').textContent()).toBe(`${serverCount} servers`);
    expect(await page.locator('.tool-list .tool-row').count()).toBe(Math.min(serverCount, 50));
    await context.close();
  });

  it('pages a search with a next-page link: other tools, the same total, and a way back', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/search?q=file');
    const total = await page.locator('#results .paging-count strong').textContent();
    expect(Number(total?.replace(/\D/g, ''))).toBeGreaterThan(50);
    const first = await page.locator('#results ul.tool-list:not(.server-list) .tool-name').allTextContents();
    expect(first).toHaveLength(50);
    // Exact names first: a tool called "file" or the "file…" prefixes lead the list, before description-only matches.
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    const second = await page
      .locator('#results ul.tool-list:not(.server-list) .tool-row')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('a.tool-name')?.getAttribute('href')));
    expect(second.length).toBeGreaterThan(0);
    const firstHrefs = await context.newPage().then(async (other) => {
      await other.goto('/search?q=file');
      return other
        .locator('#results ul.tool-list:not(.server-list) a.tool-name')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    });
    expect(second.filter((href) => firstHrefs.includes(href))).toEqual([]);
    expect(await page.locator('#results .paging-count strong').textContent()).toBe(total);
    expect(await page.getByRole('link', { name: 'First page' }).getAttribute('href')).toBe('/search?q=file');
    await context.close();
  });

  it('finds a snake_case tool by its words and ranks the exact name first', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/search?q=write%20file');
    expect(
      await page.locator('#results ul.tool-list:not(.server-list) .tool-name').first().textContent(),
    ).toBe('write_file');
    await context.close();
  });

  it('says a server was not introspected yet and how to install it, with no charts or tool list', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${REGISTRY_ONLY_SERVER}`);
    expect(await page.locator('#server-pending').textContent()).toBe('Not introspected yet');
    expect(await page.locator('svg.risk-chart').count()).toBe(0);
    expect(await page.locator('#server-tools').count()).toBe(0);
    expect(await page.locator('pre.install code').textContent()).toBe('npx -y @example/registry-only@0.3.1');
    expect(await page.locator('.remotes code').textContent()).toBe('https://mcp.example.com/mcp');
    expect(
      await page.getByRole('link', { name: 'https://github.com/example/registry-only' }).getAttribute('href'),
    ).toBe('https://github.com/example/registry-only');
    expect(await page.locator('.sources li').textContent()).toContain('MCP Registry');
    await context.close();
  });
});
