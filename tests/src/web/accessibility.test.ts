// Guarantees of accessibility and layout: no serious axe violations in light or dark, keyboard access, and screenshots at 1280 and 375 px.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, HOSTILE_SERVER, openWebWorld, type WebWorld } from './world.js';

const SERVER = 'modelcontextprotocol-server-filesystem';
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/search?q=delete&risk=High' },
  { name: 'server', path: `/servers/${SERVER}` },
  { name: 'tool', path: `/servers/${SERVER}/tools/write_file` },
  { name: 'tool-history', path: `/servers/${HOSTILE_SERVER}/tools/fetch_page?format=yaml` },
  { name: 'classify', path: '/classify' },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (injected over the devtools protocol, which the CSP does not govern). */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  return page.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help,
      targets: v.nodes.slice(0, 3).map((node) => node.target.join(' ')) })))`);
}

describe('accessibility and layout in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe violations on any page (%s)',
    async (scheme) => {
      const context = await world.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      for (const { path } of PAGES) {
        await page.goto(path);
        const serious = (await axeViolations(page)).filter(
          (violation) => violation.impact === 'serious' || violation.impact === 'critical',
        );
        expect(serious, `${path} (${scheme})`).toEqual([]);
      }
      await context.close();
    },
  );

  it('offers a skip link as the first stop of the keyboard, and shows focus', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(`/servers/${SERVER}/tools/write_file`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to content');
    expect(await focused.evaluate((node) => node.getBoundingClientRect().top >= 0)).toBe(true);
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL('**#main');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    await context.close();
  });

  it('fits every page into 375 px without horizontal scrolling, and keeps screenshots at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      for (const scheme of width === 1280 ? (['light', 'dark'] as const) : (['light'] as const)) {
        const context = await world.newContext({ width, colorScheme: scheme });
        const page = await context.newPage();
        for (const { name, path } of PAGES) {
          await page.goto(path);
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
          const file = `${ARTIFACTS_DIR}/${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`;
          const shot = await page.screenshot({ path: file, fullPage: true });
          expect(shot.byteLength).toBeGreaterThan(1000);
        }
        await context.close();
      }
    }
  });
});
