// Guarantee: the pages show the OWASP MCP Top 10 id of each factor and finding, linked to its official page: on the
// tool page (beside the factor chips, and in each factor's explanation, saying so when a factor has none), in the
// server page's tool rows, on the classify page's results, and on each flow of a checked stack. In Chromium.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGS_DIR } from '../stack/reference-stack.js';
import { openWebWorld, type WebWorld } from './world.js';

const OFFICIAL = 'https://owasp.org/www-project-mcp-top-10/2025/';
const MCP05 = `${OFFICIAL}MCP05-2025%E2%80%93Command-Injection&Execution`;

describe('OWASP MCP Top 10 ids on the pages in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  async function firstTool(query: string): Promise<{ serverId: string; name: string; factors: string[] }> {
    const response = await fetch(`${world.baseUrl}/v1/tools?${query}&limit=1`);
    const body = (await response.json()) as {
      tools: { serverId: string; name: string; classification: { factors: string[] } }[];
    };
    const tool = body.tools[0];
    if (tool === undefined) throw new Error(`no tool for ${query}`);
    return { serverId: tool.serverId, name: tool.name, factors: tool.classification.factors };
  }

  it('links each factor’s OWASP id on the tool page, and says when a factor relates to none', async () => {
    const tool = await firstTool('factor=code_execution');
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${encodeURIComponent(tool.serverId)}/tools/${encodeURIComponent(tool.name)}`);
    const head = page.locator('.verdict .owasp-ids a.owasp-id', { hasText: 'MCP05:2025' });
    expect(await head.getAttribute('href')).toBe(MCP05);
    expect(await page.locator('.verdict .owasp-ids').textContent()).toContain(
      'Command Injection & Execution',
    );
    // Every id on the page links to a page of the official list.
    const hrefs = await page
      .locator('a.owasp-id')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href?.startsWith(OFFICIAL)).toBe(true);
    const explained = page.locator('#factor-code_execution .owasp-list li');
    expect(await explained.first().textContent()).toMatch(
      /^MCP05:2025 Command Injection & Execution: the tool runs code/,
    );
    await context.close();

    const destructive = await firstTool('factor=destructive');
    const other = await world.newContext();
    const second = await other.newPage();
    await second.goto(
      `/servers/${encodeURIComponent(destructive.serverId)}/tools/${encodeURIComponent(destructive.name)}`,
    );
    expect(await second.locator('#factor-destructive .owasp').textContent()).toContain(
      'none of the ten risks is about destructive as such',
    );
    await other.close();
  });

  it('shows the OWASP ids of each tool row on the server page', async () => {
    const tool = await firstTool('factor=sensitive_read');
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${encodeURIComponent(tool.serverId)}`);
    const row = page.locator('.tool-row', {
      has: page.locator(`a.tool-name[href$="/tools/${encodeURIComponent(tool.name)}"]`),
    });
    const ids = await row.first().locator('.owasp-ids a.owasp-id').allTextContents();
    expect(ids).toContain('MCP10:2025');
    expect(await row.first().locator('a.owasp-id', { hasText: 'MCP10:2025' }).getAttribute('title')).toBe(
      'Context Injection & Over-Sharing',
    );
    await context.close();
  });

  it('shows the OWASP ids of each classified tool on the classify page, for a pasted document', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/classify');
    const tools = [
      {
        name: 'run_shell',
        description: 'Run a shell command on the host',
        inputSchema: { type: 'object', properties: { command: { type: 'string' } } },
      },
      {
        name: 'get_weather',
        description: 'Get the weather for a city',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ];
    await page.getByLabel('tools/list JSON').fill(JSON.stringify({ tools }));
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.waitForSelector('#results');
    const shell = page.locator('.tool-row', { hasText: 'run_shell' });
    expect(await shell.locator('a.owasp-id', { hasText: 'MCP05:2025' }).getAttribute('href')).toBe(MCP05);
    // A tool with no factor carries no id.
    expect(await page.locator('.tool-row', { hasText: 'get_weather' }).locator('.owasp-id').count()).toBe(0);
    await context.close();
  });

  it('names each flow’s OWASP risks on the stack page, linked', async () => {
    const text = await readFile(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8');
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/stacks');
    await page.getByLabel('Client', { exact: true }).selectOption('claude-desktop');
    await page.getByLabel('Client configuration').fill(text);
    await page.getByRole('button', { name: 'Check the stack' }).click();
    await page.waitForSelector('#results');
    const ids = await page.locator('.flow-card').evaluateAll((cards) => cards.map((card) => card.id));
    expect(ids).toContain('flow-claude-desktop:exfiltration:fetch');
    const flow = page.locator('[id="flow-claude-desktop:exfiltration:fetch"]');
    expect(await flow.locator('.owasp-ids a.owasp-id').allTextContents()).toEqual([
      'MCP06:2025',
      'MCP10:2025',
    ]);
    expect(await flow.locator('.owasp-ids').textContent()).toContain(
      'Prompt Injection via Contextual Payloads',
    );
    const injected = page.locator('.flow-card', { hasText: 'A stranger can have code run' });
    if ((await injected.count()) > 0)
      expect(await injected.first().locator('a.owasp-id').allTextContents()).toEqual([
        'MCP06:2025',
        'MCP05:2025',
      ]);
    await context.close();
  });
});
