// Guarantees of the stack page in Chromium: no secret of a pasted configuration leaves the page (every request it
// makes is intercepted and read), the check draws the flows the API finds, the stack policy downloads, nothing is sent
// without the script or for a file it cannot read, the header links it, axe finds nothing serious, and it fits 375 px.
import { readFile } from 'node:fs/promises';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGS_DIR } from '../stack/reference-stack.js';
import { ARTIFACTS_DIR, openWebWorld, type WebWorld } from './world.js';

/** Every secret (and the private text outside the server tables) in tests/fixtures/configs/secrets/.mcp.json. */
const PLANTED = [
  'sk_live_InlineFlagSecret0001',
  'PlainFlagValueSecret0002',
  'ghp_DockerEnvArgSecret00000000000003',
  'ghp_EnvValueSecret000000000000000004',
  'any env value is stripped 0005',
  'PasswordInUrl0006',
  'QueryKeySecret0007',
  'HeaderBearerSecret0008',
  'tenant-header-value-0009',
  '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa0010',
  'PRIVATE-NOTE-7731',
];

interface Sent {
  method: string;
  url: string;
  body: string;
}

/** Records every request the page makes, through an interception that lets each one go on unchanged. */
async function interceptAll(context: BrowserContext): Promise<Sent[]> {
  const sent: Sent[] = [];
  await context.route('**/*', async (route) => {
    const request = route.request();
    sent.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
    await route.continue();
  });
  return sent;
}

/** A request's body and URL as text, percent- and plus-decoded, so an encoded secret is found too. */
function decoded(item: Sent): string {
  const plain = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return `${item.url}\n${item.body}\n${plain(item.url)}\n${plain(item.body)}`;
}

/** The values a JSON client configuration holds in its env and headers tables (references aside). */
function envAndHeaderValues(document: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value !== 'object' || value === null) return;
    for (const [name, item] of Object.entries(value)) {
      if ((key === 'env' || key === 'headers') && typeof item === 'string' && !/^\$\{[^}]+\}$/.test(item))
        found.push(...item.split(/\$\{[^}]+\}/).filter((part) => part.trim().length > 6));
      walk(item, name);
    }
  };
  walk(document, '');
  return found;
}

async function checkStackOnPage(page: Page, text: string, client = ''): Promise<void> {
  await page.goto('/stacks');
  await page.getByLabel('Client', { exact: true }).selectOption(client);
  await page.getByLabel('Client configuration').fill(text);
  await page.getByRole('button', { name: 'Check the stack' }).click();
  await page.waitForSelector('#results');
}

async function axeSerious(page: Page): Promise<unknown[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate<{ id: string; impact: string | null; targets: string[] }[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id,
      impact: v.impact ?? null, targets: v.nodes.slice(0, 3).map((node) => node.target.join(' ')) })))`,
  );
  return violations.filter((item) => item.impact === 'serious' || item.impact === 'critical');
}

describe('the stack page in Chromium', () => {
  let world: WebWorld;
  let secretsText: string;
  beforeAll(async () => {
    world = await openWebWorld();
    secretsText = await readFile(`${CONFIGS_DIR}/secrets/.mcp.json`, 'utf8');
  });
  afterAll(async () => world?.close());

  it('sends no secret it was given: every request is intercepted, none carries a planted value, and the page says what it stripped', async () => {
    const context = await world.newContext();
    const sent = await interceptAll(context);
    const page = await context.newPage();
    await page.goto('/stacks');
    await expect(
      page.getByText('Secrets are stripped in your browser before anything is sent').count(),
    ).resolves.toBe(1);
    await page.getByLabel('Client', { exact: true }).selectOption('claude-code');
    await page.getByLabel('Client configuration').fill(secretsText);
    // Before sending, the page lists what it will strip (names, never values) and shows the exact text it will send.
    await page.locator('#stack-stripped', { hasText: '<secret>' }).waitFor();
    const status = (await page.locator('#stack-stripped').textContent()) ?? '';
    expect(status).toContain('github: env GITHUB_PERSONAL_ACCESS_TOKEN');
    expect(status).toContain('remote: headers Authorization');
    expect(status).toContain('fetch: argument --api-key');
    expect(status).toContain('1 value outside the server tables will be left out');
    const preview = (await page.locator('#stack-preview').textContent()) ?? '';
    for (const secret of PLANTED) expect(status + preview).not.toContain(secret);
    await page.getByRole('button', { name: 'Check the stack' }).click();
    await page.waitForSelector('#results');

    const posts = sent.filter((item) => item.method === 'POST');
    expect(posts.map((item) => new URL(item.url).pathname)).toEqual(['/stacks']);
    for (const item of sent)
      for (const secret of PLANTED) expect(decoded(item), item.url).not.toContain(secret);
    // What was sent is the configuration, minus its secrets: references, packages and comments still arrive.
    const form = new URLSearchParams(posts[0]?.body ?? '');
    const config = form.get('config') ?? '';
    expect(config).toContain(`"GITHUB_HOST": "$\{GITHUB_HOST}"`);
    expect(config).toContain('@modelcontextprotocol/server-filesystem');
    expect(config).toContain('"--api-key=<secret>"');
    expect(config).toContain('// A Claude Code .mcp.json');
    expect(form.get('file')).toBe('.mcp.json');
    expect([...form.keys()].sort()).toEqual(['client', 'config', 'file', 'profile']);
    const html = await page.content();
    for (const secret of PLANTED) expect(html).not.toContain(secret);
    expect(await page.locator('table.stack-servers tbody tr').count()).toBe(5);
    await context.close();
  });

  it.each([
    ['claude-desktop/claude_desktop_config.json', ''],
    ['vscode/.vscode/mcp.json', 'vscode'],
    ['cursor/.cursor/mcp.json', 'cursor'],
    ['windsurf/mcp_config.json', 'windsurf'],
    ['claude-code/.claude.json', 'claude-code'],
  ])('strips the env and header values of the %s fixture before sending it', async (file, client) => {
    const text = await readFile(`${CONFIGS_DIR}/${file}`, 'utf8');
    const secrets = envAndHeaderValues(
      JSON.parse(text.replace(/^\s*\/\/.*$|\/\*[\s\S]*?\*\/|,(?=\s*[}\]])/gm, '')),
    );
    const context = await world.newContext();
    const sent = await interceptAll(context);
    const page = await context.newPage();
    await checkStackOnPage(page, text, client);
    expect(sent.filter((item) => item.method === 'POST')).toHaveLength(1);
    for (const item of sent) for (const secret of secrets) expect(decoded(item)).not.toContain(secret);
    expect(await page.locator('table.stack-servers tbody tr').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('strips a Codex config.toml (detected as TOML) before sending it, keeping its tables', async () => {
    const text = await readFile(`${CONFIGS_DIR}/codex/config.toml`, 'utf8');
    const context = await world.newContext();
    const sent = await interceptAll(context);
    const page = await context.newPage();
    await checkStackOnPage(page, text);
    const post = sent.find((item) => item.method === 'POST');
    const form = new URLSearchParams(post?.body ?? '');
    expect(form.get('file')).toBe('config.toml');
    expect(form.get('config')).toContain('CODE_RUNNER_TOKEN = "<secret>"');
    expect(form.get('config')).toContain('[mcp_servers.code-runner.env]');
    for (const item of sent) expect(decoded(item)).not.toContain('sk_live_abcdefghijklmnopqrstuvwxyz012345');
    const names = await page.locator('table.stack-servers tbody th code').allTextContents();
    expect(names).toEqual(['filesystem', 'github', 'code-runner']);
    await context.close();
  });

  it('draws every leg of every flow the API finds, one node per server, and downloads the stack policy', async () => {
    const text = await readFile(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8');
    const context = await world.newContext();
    const sent = await interceptAll(context);
    const page = await context.newPage();
    await checkStackOnPage(page, text);
    const config = new URLSearchParams(sent.find((item) => item.method === 'POST')?.body ?? '').get('config');
    const api = await fetch(`${world.baseUrl}/v1/stacks/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'mcp.json', text: config }] }),
    });
    const answer = (await api.json()) as {
      servers: { name: string }[];
      flows: {
        id: string;
        source?: { server: string };
        carrier: { server: string };
        sink: { server: string };
      }[];
    };
    expect(answer.flows.length).toBeGreaterThan(0);
    const expected = new Set(
      answer.flows.flatMap((flow) => [
        `${flow.carrier.server}>${flow.sink.server} steer`,
        ...(flow.source ? [`${flow.source.server}>${flow.sink.server} data`] : []),
      ]),
    );
    const drawn = await page
      .locator('svg.stack-graph g.flow-edge')
      .evaluateAll((nodes) =>
        nodes.map(
          (node) =>
            `${node.getAttribute('data-from')}>${node.getAttribute('data-to')} ${node.classList.contains('flow-data') ? 'data' : 'steer'}`,
        ),
      );
    expect(new Set(drawn)).toEqual(expected);
    expect(drawn).toHaveLength(expected.size);
    const nodes = await page
      .locator('svg.stack-graph g.stack-node')
      .evaluateAll((items) => items.map((node) => node.getAttribute('data-server')));
    expect(nodes.sort()).toEqual(answer.servers.map((server) => server.name).sort());
    expect(await page.locator('.flow-card').count()).toBe(answer.flows.length);
    expect(await page.locator('svg.stack-graph desc').textContent()).toContain('private data sent out');

    await page.getByLabel('Format').selectOption('codex');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the policy' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('stack.balanced.codex.config.toml');
    const policy = await readFile(await download.path(), 'utf8');
    expect(policy).toContain('[mcp_servers.fetch]');
    expect(policy).toContain(`breaks ${answer.flows[0]?.id.split(':')[0]}:`);
    await context.close();
  });

  it('sends nothing for a file it cannot read, or one past 1 MB, and says why', async () => {
    const context = await world.newContext();
    const sent = await interceptAll(context);
    const page = await context.newPage();
    await page.goto('/stacks');
    const source = page.getByLabel('Client configuration');
    await source.fill(
      '{\n  "mcpServers": { "x": { "env": { "TOKEN": "ghp_unterminated0000000000000000 } } }\n',
    );
    await page.getByRole('button', { name: 'Check the stack' }).click();
    await expect(page.locator('#stack-stripped').textContent()).resolves.toContain(
      'Cannot read this file to strip its secrets, so nothing will be sent: line 2, column',
    );
    await source.fill(`{"mcpServers": {}, "pad": "${'x'.repeat(1_100_000)}"}`);
    await page.getByRole('button', { name: 'Check the stack' }).click();
    await expect(page.locator('#stack-stripped').textContent()).resolves.toMatch(
      /^This file is 1,100,\d{3} bytes, more than the 1,048,576/,
    );
    expect(sent.filter((item) => item.method !== 'GET')).toEqual([]);
    await context.close();
  });

  it('without JavaScript the form cannot send (its button stays disabled) and the server checks nothing empty', async () => {
    const context = await world.browser.newContext({ baseURL: world.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/stacks');
    expect(await page.getByRole('button', { name: 'Check the stack' }).isDisabled()).toBe(true);
    expect(await page.locator('[data-no-script]').isVisible()).toBe(true);
    // The pasted text has no name, so even a forced submission would not carry it.
    expect(await page.locator('#stack-source').getAttribute('name')).toBeNull();
    await context.close();
    const response = await fetch(`${world.baseUrl}/stacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ config: '', file: '', profile: 'balanced' }).toString(),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Nothing was checked: no configuration arrived.');
  });

  it('the form routes refuse a bad field with a 400 naming it, and answer a configuration past 1 MB on the page', async () => {
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${world.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const badClient = await post('/stacks', { config: '{}', file: '.mcp.json', client: 'emacs' });
    expect(badClient.status).toBe(400);
    expect(JSON.stringify(await badClient.json())).toContain('/body/client');
    const badFormat = await post('/stacks/policy', { config: '{}', file: '.mcp.json', format: 'xml' });
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(await badFormat.json())).toContain('/body/format');
    const huge = await post('/stacks', {
      config: `{"mcpServers": {}, "pad": "${'x'.repeat(1_048_600)}"}`,
      file: '',
    });
    expect(huge.status).toBe(400);
    const large = await post('/stacks', { config: `{"pad": "${'é'.repeat(540_000)}"}`, file: '.mcp.json' });
    expect(large.status).toBe(200);
    expect(await large.text()).toContain('CONFIG_TOO_LARGE');
  });

  it('is linked from every page header', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    for (const path of ['/', '/search', '/classify']) {
      await page.goto(path);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Check a stack' })
        .click();
      await page.waitForURL('**/stacks');
      expect(await page.locator('h1').textContent()).toBe('Check an MCP stack');
    }
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violations, empty or with results (%s)',
    async (scheme) => {
      const context = await world.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto('/stacks');
      expect(await axeSerious(page), `/stacks (${scheme})`).toEqual([]);
      await checkStackOnPage(page, secretsText, 'claude-code');
      await page
        .locator('details.stack-tools')
        .first()
        .evaluate((node) => node.setAttribute('open', ''));
      expect(await axeSerious(page), `/stacks results (${scheme})`).toEqual([]);
      await context.close();
    },
  );

  it('fits 375 px without horizontal scrolling, and keeps screenshots at 1280 and 375 px', {
    timeout: 180_000,
  }, async () => {
    const desktop = await readFile(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8');
    for (const [width, scheme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [375, 'light'],
    ] as const) {
      const context = await world.newContext({ width, colorScheme: scheme });
      const page = await context.newPage();
      const suffix = `${width}${scheme === 'dark' ? '-dark' : ''}`;
      await page.goto('/stacks');
      await page.getByLabel('Client configuration').fill(desktop);
      await page.locator('#stack-stripped', { hasText: /\S/ }).waitFor();
      const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
      expect(await page.evaluate<number>(overflow), `form at ${width}px`).toBeLessThanOrEqual(0);
      const form = await page.screenshot({ path: `${ARTIFACTS_DIR}/stacks-${suffix}.png`, fullPage: true });
      expect(form.byteLength).toBeGreaterThan(1000);
      await page.getByRole('button', { name: 'Check the stack' }).click();
      await page.waitForSelector('#results');
      expect(await page.evaluate<number>(overflow), `results at ${width}px`).toBeLessThanOrEqual(0);
      const graph = await page.locator('svg.stack-graph').boundingBox();
      expect(graph?.width ?? 0).toBeGreaterThan(width === 375 ? 300 : 600);
      const shot = await page.screenshot({
        path: `${ARTIFACTS_DIR}/stacks-results-${suffix}.png`,
        fullPage: true,
      });
      expect(shot.byteLength).toBeGreaterThan(1000);
      await context.close();
    }
  });
});
