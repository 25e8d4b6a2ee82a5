// Guarantees of the pages in a real browser: home → search → server → tool, profile switches, copying the policy, downloading it in every format, live search.
import { readFile } from 'node:fs/promises';
import { validate } from '@cedar-policy/cedar-wasm/nodejs';
import { parse as parseCel } from '@marcbachmann/cel-js';
import {
  POLICY_FORMAT_FILES,
  POLICY_FORMATS,
  POLICY_PROFILES,
  type PolicyFormat,
} from '@toolrisk/classifier';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openWebWorld, type WebWorld } from './world.js';

const SERVER = 'modelcontextprotocol-server-filesystem';
const CEDAR_SCHEMA =
  'entity Client; entity Tool; action call_tool appliesTo { principal: [Client], resource: [Tool], context: {} };';

/** Reads a downloaded policy with its format's own parser or engine, and returns what the format keys its rules on. */
function readPolicyFile(format: PolicyFormat, text: string): unknown {
  const jsonc = () =>
    JSON.parse(
      text
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n'),
    );
  switch (format) {
    case 'json':
      return (JSON.parse(text) as { tools: unknown }).tools;
    case 'yaml':
      return (parseYaml(text) as { tools: unknown }).tools;
    case 'claude-code':
      return (JSON.parse(text) as { permissions: unknown }).permissions;
    case 'codex':
      return parseToml(text).mcp_servers;
    case 'cursor':
      return (jsonc() as { mcpAllowlist: unknown }).mcpAllowlist;
    case 'vscode':
      return (jsonc() as Record<string, unknown>)['chat.tools.eligibleForAutoApproval'];
    case 'cedar': {
      const answer = validate({ schema: CEDAR_SCHEMA, policies: { staticPolicies: text } });
      expect(answer.type === 'success' ? answer.validationErrors : answer.errors).toEqual([]);
      return text.match(/^(permit|forbid) \(/gm);
    }
    case 'agentgateway': {
      const rules = (parseYaml(text) as { mcpAuthorization: { rules: string[] } }).mcpAuthorization.rules;
      for (const rule of rules) parseCel(rule);
      return rules;
    }
  }
}

describe('web pages in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it('leads from the home page through search and a server to a tool page', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.title()).toBe('MCP tool risk catalogue · toolrisk');
    expect(await page.locator('.figure-value').first().textContent()).toMatch(/^\d+$/);
    await expect.poll(() => page.locator('svg.risk-chart title').textContent()).toMatch(/Critical: \d+/);

    await page.locator('#search-q').fill('write_file');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await page.waitForURL(/\/search\?q=write_file/);
    const result = page.locator('.tool-list a.tool-name', { hasText: /^write_file$/ }).first();
    expect(await result.count()).toBe(1);

    await page.goto(`/servers/${SERVER}`);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(await page.locator('.page-head .lead').textContent()).toMatch(
      /^\d+ tools, \d+ can modify or destroy data/,
    );
    expect(await page.locator('#cat-Write').count()).toBe(1);
    await page
      .locator('a.tool-name', { hasText: /^write_file$/ })
      .first()
      .click();
    await page.waitForURL(`**/servers/${SERVER}/tools/write_file`);
    expect(await page.locator('h1').textContent()).toBe('write_file');
    expect(await page.locator('.page-head .badge-lg').textContent()).toMatch(
      /^(Low|Medium|High|Critical) risk$/,
    );
    expect(await page.locator('#why-h').count()).toBe(1);
    expect(await page.locator('#attacks .pattern').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('switches the policy profile and format with plain links', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/write_file`);
    const balanced = await page.locator('#policy-text').textContent();
    expect(balanced).toContain('under the balanced profile');
    expect(JSON.parse(balanced ?? '')).toMatchObject({ version: '1', default: 'deny' });
    await page
      .getByRole('navigation', { name: 'Policy profile' })
      .getByRole('link', { name: 'Strict' })
      .click();
    await page.waitForURL(/profile=strict/);
    const strict = await page.locator('#policy-text').textContent();
    expect(strict).toContain('under the strict profile');
    expect(JSON.parse(strict ?? '')).toMatchObject({ version: '1', default: 'deny' });
    expect(strict).not.toBe(balanced);
    await page
      .getByRole('navigation', { name: 'Policy format' })
      .getByRole('link', { name: 'Intercept YAML' })
      .click();
    await page.waitForURL(/format=yaml/);
    expect(await page.locator('#policy-text').textContent()).toMatch(/^version:/m);
    const curl = await page.locator('#policy-curl').textContent();
    expect(curl).toMatch(
      new RegExp(
        `^curl -fsS 'https?://[^']+/v1/servers/${SERVER}/tools/write_file/policy\\?format=yaml&profile=strict'$`,
      ),
    );
    expect(await page.locator('.code-actions a[download]').getAttribute('href')).toBe(
      `/v1/servers/${SERVER}/tools/write_file/policy?format=yaml&profile=strict`,
    );
    await context.close();
  });

  it('offers the policy of a server and of a tool in every format and profile, each link an attachment its format parses', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    for (const [path, subject] of [
      [`/servers/${SERVER}`, SERVER],
      [`/servers/${SERVER}/tools/write_file`, `${SERVER}.write_file`],
    ] as const) {
      await page.goto(path);
      const links = page.locator('table.policy-downloads a[download]');
      expect(await links.count()).toBe(POLICY_FORMATS.length * POLICY_PROFILES.length);
      // A real download through Chromium's download manager, from the first link...
      const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
      expect(download.suggestedFilename()).toBe(`${subject}.strict.${POLICY_FORMAT_FILES.json.suffix}`);
      expect(readPolicyFile('json', await readFile(await download.path(), 'utf8'))).toBeTruthy();
      // ...and every link fetched by the page itself: an attachment named for its format and profile, read by its parser.
      for (const format of POLICY_FORMATS) {
        for (const profile of POLICY_PROFILES) {
          const link = links.and(page.locator(`[data-format="${format}"][data-profile="${profile}"]`));
          const href = await link.getAttribute('href');
          expect(href).toBe(`/v1${path}/policy?format=${format}&profile=${profile}`);
          const file = await page.evaluate(async (url) => {
            const response = await fetch(url);
            return {
              status: response.status,
              disposition: response.headers.get('content-disposition'),
              type: response.headers.get('content-type'),
              text: await response.text(),
            };
          }, href ?? '');
          expect(file.status, `${path} ${format} ${profile}`).toBe(200);
          expect(file.disposition).toBe(
            `attachment; filename="${subject}.${profile}.${POLICY_FORMAT_FILES[format].suffix}"`,
          );
          expect(file.type).toBe(`${POLICY_FORMAT_FILES[format].mediaType}; charset=utf-8`);
          expect(readPolicyFile(format, file.text), `${path} ${format} ${profile}`).toBeTruthy();
          expect(file.text).toContain('write_file');
        }
      }
    }
    // The switches show the text of any format on the page itself.
    await page.goto(`/servers/${SERVER}/tools/write_file?format=codex&profile=strict`);
    expect(readPolicyFile('codex', (await page.locator('#policy-text').textContent()) ?? '')).toHaveProperty(
      SERVER.replace(/[^A-Za-z0-9_-]/g, '_'),
    );
    await context.close();
  });

  it('copies the policy to the clipboard with the copy button', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/write_file`);
    const button = page.locator('button[data-copy-target="policy-text"]');
    expect(await button.textContent()).toBe('Copy policy');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(await page.locator('#policy-text').textContent());
    expect(JSON.parse(copied)).toMatchObject({ default: 'deny' });
    await context.close();
  });

  it('updates search results as the user types, and keeps the URL shareable', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/search');
    await page.locator('#search-q').pressSequentially('delete', { delay: 20 });
    await page.waitForURL(/\/search\?q=delete/);
    await expect.poll(() => page.locator('#results .result-count').textContent()).toContain('“delete”');
    await page.locator('#search-risk').selectOption('Critical');
    await page.waitForURL(/risk=Critical/);
    await expect.poll(() => page.locator('#results .result-count').textContent()).toContain('Critical risk');
    const badges = await page.locator('#results .tool-list .badge[class*="risk-"]').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Critical risk']));
    await context.close();
  });

  it('classifies a pasted tools/list document with a plain form post, without JavaScript', async () => {
    const context = await world.browser.newContext({ baseURL: world.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/classify');
    await page.getByLabel('tools/list JSON').fill(
      JSON.stringify({
        tools: [
          { name: 'drop_database', description: 'Drop the whole database.' },
          { name: 'get_weather', description: 'Get the weather forecast for a city.' },
        ],
      }),
    );
    await page.getByLabel('Policy profile').selectOption('strict');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.waitForURL('**/classify');
    expect(await page.locator('#results-h').textContent()).toBe('2 tools, 1 can modify or destroy data');
    const rows = await page.locator('#results .tool-row .tool-name').allTextContents();
    expect(rows).toEqual(['drop_database', 'get_weather']);
    const policy = (await page.locator('#classify-json').textContent()) ?? '';
    expect(JSON.parse(policy)).toMatchObject({ default: 'deny', hide: ['drop_database'] });
    expect(policy).toContain('under the strict profile');
    const copyButtons = page.locator('button[data-copy-target]');
    expect(await copyButtons.count()).toBe(2);
    expect(await copyButtons.first().isHidden()).toBe(true);
    await context.close();
  });

  it('shows a line diff between consecutive definitions of a changed tool', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto('/servers/hostile-fixture/tools/fetch_page');
    expect(await page.locator('.versions > li').count()).toBe(2);
    const added = await page.locator('.diff-add').allTextContents();
    const removed = await page.locator('.diff-remove').allTextContents();
    expect(added.some((line) => line.includes('Email address'))).toBe(true);
    expect(removed.some((line) => line.includes('Fetch a web page. <script>'))).toBe(true);
    await context.close();
  });
});
