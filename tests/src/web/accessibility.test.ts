// Guarantees of accessibility and layout: no serious axe violations in light or dark, keyboard access, and screenshots at 1280 and 375 px.
import { readFile } from 'node:fs/promises';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../harness/paths.js';
import {
  ARTIFACTS_DIR,
  HIDDEN_TEXT_SERVER,
  HOSTILE_SERVER,
  openWebWorld,
  REGISTRY_ONLY_SERVER,
  type WebWorld,
} from './world.js';

const SERVER = 'modelcontextprotocol-server-filesystem';
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/search?q=delete&risk=High' },
  { name: 'server', path: `/servers/${SERVER}` },
  { name: 'tool', path: `/servers/${SERVER}/tools/write_file` },
  { name: 'tool-history', path: `/servers/${HOSTILE_SERVER}/tools/fetch_page?format=yaml` },
  { name: 'tool-hidden-text', path: `/servers/${HIDDEN_TEXT_SERVER}/tools/read_file` },
  { name: 'servers', path: '/servers?sort=risk' },
  { name: 'server-registry-only', path: `/servers/${REGISTRY_ONLY_SERVER}` },
  { name: 'classify', path: '/classify' },
  { name: 'not-found', path: '/servers/no-such-server' },
  { name: 'not-found-address', path: '/no/such/page' },
  { name: 'docs', path: '/docs' },
];

/** What the tables of a page look like: per row its display and per cell its width, label and broken words. */
interface TableLayout {
  rows: {
    display: string;
    /** The row's left edge and outer width, less its table's: 0 and 0 whatever the layout. */
    offset: number;
    spare: number;
    width: number;
    cells: { width: number; label: string; brokenWords: string[] }[];
  }[];
  headHeight: number;
}

// A word is broken when its text spans two line boxes though it is narrower than its cell.
const TABLE_LAYOUT = `(() => {
  const tables = [...document.querySelectorAll('table.card-table')];
  const rows = tables.flatMap((table) => [...table.tBodies[0].rows].map((row) => [table.getBoundingClientRect(), row])).map(([box, row]) => ({
    display: getComputedStyle(row).display,
    offset: row.getBoundingClientRect().left - box.left,
    spare: box.width - row.getBoundingClientRect().width,
    width: row.clientWidth - parseFloat(getComputedStyle(row).paddingLeft) - parseFloat(getComputedStyle(row).paddingRight),
    cells: [...row.cells].map((cell) => {
      const brokenWords = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1 && range.getBoundingClientRect().width < cell.clientWidth) brokenWords.push(match[0]);
        }
      }
      return { width: cell.getBoundingClientRect().width, label: getComputedStyle(cell, '::before').content, brokenWords };
    }),
  }));
  const head = document.querySelector('table.card-table thead');
  return { rows, headHeight: head ? head.getBoundingClientRect().height : -1 };
})()`;

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

// Two limits of Chromium's capture, neither a fault of the page:
// - it cannot capture a surface taller than its texture limit (16,384 px; the docs page is 48,000 px
//   at 375 px), so a shot keeps the page's first 8,000 px, the part a reviewer looks at (the overflow
//   check covers the whole page);
// - under load it sometimes refuses one capture with "Unable to capture screenshot" and takes the same
//   picture when asked again (seen here on busy machines, and reported upstream as transient), so a
//   capture is asked for up to three times before the test fails.
const MAX_SHOT_HEIGHT = 8_000;
const CAPTURE_ATTEMPTS = 3;

/** A full-page screenshot, cut at MAX_SHOT_HEIGHT, retried on Chromium's transient refusal only. */
async function screenshotOf(page: Page, path: string): Promise<Buffer> {
  const { width, height } = await page.evaluate<{ width: number; height: number }>(
    '({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })',
  );
  const clip = height > MAX_SHOT_HEIGHT ? { x: 0, y: 0, width, height: MAX_SHOT_HEIGHT } : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.screenshot({ path, fullPage: true, ...(clip ? { clip } : {}) });
    } catch (error) {
      const transient = error instanceof Error && error.message.includes('Unable to capture screenshot');
      if (!transient || attempt === CAPTURE_ATTEMPTS) throw error;
    }
  }
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

  it('reflows tables into cards on a phone, each cell full width under its column name, and breaks no word', async () => {
    for (const width of [375, 1280]) {
      const context = await world.newContext({ width });
      const page = await context.newPage();
      await page.goto(`/servers/${SERVER}/tools/write_file`);
      const layout = await page.evaluate<TableLayout>(TABLE_LAYOUT);
      expect(layout.rows.length, `${width}px`).toBeGreaterThan(2);
      for (const row of layout.rows) {
        expect(row.display, `${width}px`).toBe(width === 375 ? 'block' : 'table-row');
        expect([Math.round(row.offset), Math.round(row.spare)], `${width}px`).toEqual([0, 0]);
        for (const cell of row.cells) {
          expect(cell.brokenWords, `${width}px`).toEqual([]);
          if (width === 375) expect(Math.abs(cell.width - row.width)).toBeLessThanOrEqual(1);
        }
      }
      const labels = layout.rows.flatMap((row) => row.cells.map((cell) => cell.label));
      if (width === 375) {
        expect(new Set(labels)).toEqual(
          new Set([
            'none',
            '"Type"',
            '"Description"',
            '"Where"',
            '"Quoted"',
            '"Effect"',
            // The annotations table (components/annotations-table.ts).
            '"Declared"',
            '"Inferred"',
            '"Enforce"',
            '"Check"',
            '"Why inferred"',
          ]),
        );
        expect(layout.headHeight).toBeLessThanOrEqual(1);
      } else {
        expect(new Set(labels)).toEqual(new Set(['none']));
        expect(layout.headHeight).toBeGreaterThan(10);
      }
      await context.close();
    }
  });

  // Thirty full-page screenshots: on a busy machine they take longer than the suite's 60 s default (no speed is asserted).
  it('fits every page into 375 px without horizontal scrolling, and keeps screenshots at 1280 and 375 px', {
    timeout: 240_000,
  }, async () => {
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
          const shot = await screenshotOf(page, file);
          expect(shot.byteLength).toBeGreaterThan(1000);
        }
        // The classify page's other state: the results of a posted document.
        await page.goto('/classify');
        await page.getByLabel('tools/list JSON').fill(await readFile(`${SEED_DIR}/${SERVER}.json`, 'utf8'));
        await page.getByRole('button', { name: 'Classify' }).click();
        await page.waitForSelector('#results');
        expect(
          await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          ),
        ).toBeLessThanOrEqual(0);
        const shot = await screenshotOf(
          page,
          `${ARTIFACTS_DIR}/classify-results-${width}${scheme === 'dark' ? '-dark' : ''}.png`,
        );
        expect(shot.byteLength).toBeGreaterThan(1000);
        await context.close();
      }
    }
  });
});
