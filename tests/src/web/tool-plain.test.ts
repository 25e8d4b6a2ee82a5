// Guarantees of the tool page's plain language in Chromium: it opens with what the tool lets an agent do and what its rule does, and its answers (rate limits, blocking it, what provides it) match the exports the API serves for it.
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openWebWorld, type WebWorld } from './world.js';

const SERVER = 'wonderwhy-er-desktop-commander';
/** Critical (code execution): the balanced policy refuses it, so every export names it as refused. */
const CRITICAL_TOOL = 'start_process';
/** Medium Read: the balanced policy allows it under a rate limit. */
const LIMITED_TOOL = 'read_file';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSONC as the Cursor and VS Code exports write it: whole-line `//` comments only. */
function parseJsonc(text: string): unknown {
  return JSON.parse(
    text
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n'),
  );
}

/** The `resource == Tool::"…"` of every statement with the given effect in Cedar text. */
function cedarResources(text: string, effect: 'permit' | 'forbid'): string[] {
  const pattern = new RegExp(
    `${effect} \\(\\s*principal,\\s*action == Action::"call_tool",\\s*resource == Tool::("(?:[^"\\\\]|\\\\.)*")`,
    'g',
  );
  return [...text.matchAll(pattern)].map((match) => JSON.parse(match[1] ?? '""'));
}

describe('the tool page in plain language', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  async function exportOf(tool: string, format: string, profile = 'balanced'): Promise<string> {
    const response = await fetch(
      `${world.baseUrl}/v1/servers/${SERVER}/tools/${tool}/policy?format=${format}&profile=${profile}`,
    );
    expect(response.status).toBe(200);
    return response.text();
  }

  it('opens with the sentence of what the tool lets an agent do, right after its name, then its rule', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/${CRITICAL_TOOL}`);
    const order = await page.locator('main').evaluate((main) => {
      const heading = main.querySelector('h1');
      const following = 4; // Node.DOCUMENT_POSITION_FOLLOWING
      const texts = [...main.querySelectorAll('p, section, .verdict, table, blockquote')].filter(
        (element) =>
          heading !== null &&
          (heading.compareDocumentPosition(element) & following) !== 0 &&
          !element.classList.contains('subtitle'),
      );
      return texts.slice(0, 3).map((element) => element.id || element.className || element.tagName);
    });
    // Nothing but the tool's title stands between its name and the sentence; the verdict and every section follow.
    expect(order[0]).toBe('plain-sentence');
    expect(order[1]).toBe('plain-rule');
    const sentence = (await page.locator('#plain-sentence').textContent()) ?? '';
    expect(sentence).toMatch(/^Lets an agent start a process, given the command/);
    expect(sentence).toMatch(/it runs code or commands the agent writes\.$/);
    const description = ((await page.locator('#does blockquote p').textContent()) ?? '').toLowerCase();
    const words = sentence.toLowerCase().match(/[a-z']+/g) ?? [];
    for (let i = 0; i + 8 <= words.length; i++)
      expect(description).not.toContain(words.slice(i, i + 8).join(' '));
    expect(await page.locator('#plain-rule').textContent()).toMatch(
      /^The balanced starter policy refuses every call until an operator opts in\./,
    );
    await page.goto(`/servers/${SERVER}/tools/${CRITICAL_TOOL}?profile=strict`);
    expect(await page.locator('#plain-rule').textContent()).toMatch(
      /^The strict starter policy hides it from the agent and refuses every call\./,
    );
    await context.close();
  });

  it('gives the blocking entry of every format as that format’s own export of the tool writes it', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/${CRITICAL_TOOL}`);
    const entry = async (format: string) =>
      (await page.locator(`#block pre[data-block-format="${format}"]`).textContent()) ?? '';

    // Claude Code: the page's deny rule is the export's deny rule for the tool.
    const claude = JSON.parse(await entry('claude-code'));
    const claudeExport = JSON.parse(await exportOf(CRITICAL_TOOL, 'claude-code'));
    expect(claude.permissions.deny).toHaveLength(1);
    expect(claudeExport.permissions.deny).toEqual(claude.permissions.deny);

    // Codex: the same [mcp_servers.NAME] table, and the tool on its disabled_tools.
    const codex = parseToml(await entry('codex'));
    const codexExport = parseToml(await exportOf(CRITICAL_TOOL, 'codex'));
    if (!isRecord(codex.mcp_servers) || !isRecord(codexExport.mcp_servers)) throw new Error('no mcp_servers');
    expect(Object.keys(codex.mcp_servers)).toEqual(Object.keys(codexExport.mcp_servers));
    const [table] = Object.values(codex.mcp_servers);
    const [exportTable] = Object.values(codexExport.mcp_servers);
    if (!isRecord(table) || !isRecord(exportTable)) throw new Error('no server table');
    expect(table.disabled_tools).toEqual([CRITICAL_TOOL]);
    expect(exportTable.disabled_tools).toEqual(table.disabled_tools);

    // Cedar: a forbid on the same resource as the export's.
    const cedar = await entry('cedar');
    expect(cedarResources(cedar, 'forbid')).toEqual([CRITICAL_TOOL]);
    expect(cedarResources(await exportOf(CRITICAL_TOOL, 'cedar'), 'forbid')).toEqual(
      cedarResources(cedar, 'forbid'),
    );

    // agentgateway: no rule names the tool, on the page or in the export.
    const gateway = parseYaml(await entry('agentgateway'));
    const gatewayExport = parseYaml(await exportOf(CRITICAL_TOOL, 'agentgateway'));
    expect(gateway.mcpAuthorization.rules).toEqual([]);
    expect(gatewayExport.mcpAuthorization.rules).toEqual([]);

    // Gateway JSON and Intercept YAML: hidden by name; the export refuses the same key.
    expect(JSON.parse(await entry('json')).hide).toEqual([CRITICAL_TOOL]);
    expect(Object.keys(JSON.parse(await exportOf(CRITICAL_TOOL, 'json')).tools)).toEqual([CRITICAL_TOOL]);
    expect(parseYaml(await entry('yaml')).hide).toEqual([CRITICAL_TOOL]);
    expect(Object.keys(parseYaml(await exportOf(CRITICAL_TOOL, 'yaml')).tools)).toEqual([CRITICAL_TOOL]);

    // VS Code and Cursor cannot refuse: the page says so, and its entries are the exports' own (asks; not allowed).
    const vscode = parseJsonc(await entry('vscode'));
    expect(parseJsonc(await exportOf(CRITICAL_TOOL, 'vscode'))).toEqual(vscode);
    const cursor = parseJsonc(await entry('cursor'));
    expect(parseJsonc(await exportOf(CRITICAL_TOOL, 'cursor'))).toEqual(cursor);
    const notEnforced = await page.locator('#block dt:has(.chip-warn)').allTextContents();
    expect(notEnforced.map((text) => text.replace(/\s*not enforced$/, ''))).toEqual(['Cursor', 'VS Code']);
    await context.close();
  });

  it('answers whether it can be rate-limited with the gateway JSON entry the export writes', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/${LIMITED_TOOL}`);
    const answer = (await page.locator('#rate-limit p').first().textContent()) ?? '';
    expect(answer).toMatch(/^Yes\. The balanced starter policy already limits it to 60 calls a minute\./);
    expect(answer).toContain('Gateway JSON and Intercept YAML carry a rate limit');
    const snippet = JSON.parse((await page.locator('pre[data-snippet="rate-limit"]').textContent()) ?? '');
    const exported = JSON.parse(await exportOf(LIMITED_TOOL, 'json'));
    expect(snippet.tools[LIMITED_TOOL].limits).toEqual(exported.tools[LIMITED_TOOL].limits);
    // The formats that cannot carry it say what their export does instead, as the export's own notes do.
    const codex = await exportOf(LIMITED_TOOL, 'codex');
    const codexNote = await page.locator('#rate-limit li', { hasText: /^Codex:/ }).textContent();
    expect(codex).toContain((codexNote ?? '').replace(/^Codex: /, ''));
    await context.close();
  });

  it('names the server, links to its page and gives the install command of its package', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/${LIMITED_TOOL}`);
    const provider = page.locator('#provider');
    expect(await provider.locator(`a[href="/servers/${SERVER}"]`).count()).toBe(1);
    expect(await provider.locator('pre.install').first().textContent()).toMatch(
      /^npx -y @wonderwhy-er\/desktop-commander@\d/,
    );
    // The page's FAQPage data leads with the same questions.
    const faq = await page
      .locator('script[type="application/ld+json"]')
      .evaluateAll((scripts) => scripts.map((script) => JSON.parse(script.textContent ?? '{}')));
    const graph = faq.flatMap((block) => (Array.isArray(block['@graph']) ? block['@graph'] : [block]));
    const questions = graph
      .find((item) => item['@type'] === 'FAQPage')
      ?.mainEntity.map((q: { name: string }) => q.name);
    expect(questions.slice(0, 4)).toEqual([
      `What does ${LIMITED_TOOL} let an AI agent do?`,
      `Can I rate-limit ${LIMITED_TOOL}?`,
      `How do I block ${LIMITED_TOOL} completely?`,
      `Which server and package provide ${LIMITED_TOOL}?`,
    ]);
    await context.close();
  });
});
