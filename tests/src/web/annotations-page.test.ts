// Guarantees of the tool page's annotations section in Chromium: each MCP hint as declared, inferred and to enforce,
// the reason for each inferred value, mismatches marked (an unsafe one called out), and hostile text kept inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SERVER, openWebWorld, type WebWorld } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'];

describe('the annotations section of a tool page in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it('shows the four hints as declared, inferred and to enforce, with the reason, reachable from the contents', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${FS}/tools/write_file`);
    await page
      .getByRole('navigation', { name: 'On this page' })
      .getByRole('link', { name: 'Annotations' })
      .click();
    const section = page.locator('section#hints');
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Annotations: declared and effective',
    );
    const rows = section.locator('tbody tr');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-hint')))).toEqual(HINTS);
    const cells = async (hint: string) =>
      section
        .locator(`tr[data-hint="${hint}"] td`)
        .evaluateAll((all) => all.map((cell) => cell.textContent?.trim()));
    // write_file declares readOnlyHint false, destructiveHint true, idempotentHint true, openWorldHint false.
    expect((await cells('readOnlyHint')).slice(0, 4)).toEqual(['false', 'false', 'false', 'agrees']);
    expect((await cells('destructiveHint')).slice(0, 4)).toEqual(['true', 'true', 'true', 'agrees']);
    // "write" does not tell whether a second identical call adds an effect: unknown, so the cautious false.
    expect((await cells('idempotentHint')).slice(0, 4)).toEqual(['true', 'unknown', 'false', 'cannot check']);
    expect((await cells('destructiveHint'))[4]).toMatch(/^factor destructive \(/);
    expect(await section.locator('.badge[data-mismatch]').count()).toBe(0);
    await context.close();
  });

  it('calls out a declared hint that would loosen a gateway, on a phone too', async () => {
    const context = await world.newContext({ width: 390 });
    const page = await context.newPage();
    // Desktop Commander declares its start_search read-only; the classifier reads "start" as a Write.
    await page.goto('/servers/wonderwhy-er-desktop-commander/tools/start_search');
    const section = page.locator('section#hints');
    const notice = section.getByRole('note');
    expect(await notice.textContent()).toContain('readOnlyHint');
    expect(await notice.textContent()).toContain('more loosely');
    const badge = section.locator('tr[data-hint="readOnlyHint"] .badge[data-mismatch="unsafe"]');
    expect(await badge.textContent()).toBe('unsafe mismatch');
    expect(await badge.isVisible()).toBe(true);
    // Card layout: each cell says its column.
    expect(
      await section
        .locator('tr[data-hint="readOnlyHint"] td')
        .evaluateAll((all) => all.map((cell) => cell.dataset.label)),
    ).toEqual(['Declared', 'Inferred', 'Enforce', 'Check', 'Why inferred']);
    await context.close();
  });

  it('says when a tool declares no hints, and keeps hostile quotes in the reasons inert', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${HOSTILE_SERVER}/tools/fetch_page`);
    const section = page.locator('section#hints');
    expect(await section.locator('p').first().textContent()).toContain('declares none of the four hints');
    expect(
      await section
        .locator('tbody td[data-label="Declared"]')
        .evaluateAll((all) => all.map((cell) => cell.textContent)),
    ).toEqual(['not declared', 'not declared', 'not declared', 'not declared']);
    expect(await section.locator('script, img, svg').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    await context.close();
  });
});
