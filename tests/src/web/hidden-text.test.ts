// Guarantees about crawled text that hides things, in Chromium: bidi controls and invisible characters show as
// their codes and are flagged, a U+202E reverses nothing, and descriptions lose stray whitespace but keep their lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_TEXT_SERVER, openWebWorld, type WebWorld } from './world.js';

const TOOL_PAGE = `/servers/${HIDDEN_TEXT_SERVER}/tools/read_file`;
const RLO = '\u202E';
const PDF = '\u202C';
const ZWSP = '\u200B';

describe('hidden characters and whitespace in Chromium', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await openWebWorld();
  });
  afterAll(async () => world?.close());

  it('shows a U+202E in a description as its code, and the text after it still reads left to right', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(TOOL_PAGE);
    const quote = page.locator('#does blockquote p');
    const codes = await page.evaluate<string[]>(
      `[...document.querySelectorAll('#does blockquote p .hidden-char')].map((node) => getComputedStyle(node, '::before').content)`,
    );
    expect(codes).toEqual(['"U+202E"', '"U+202C"']);
    const box = await quote.locator('.hidden-char').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(10);
    // The first and last letters of "txt.exe", which U+202E would otherwise lay out backwards.
    const [first, last] = await page.evaluate<[number, number]>(`(() => {
      const quote = document.querySelector('#does blockquote p');
      const walker = document.createTreeWalker(quote, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && !node.data.includes('txt.exe')) node = walker.nextNode();
      const start = node.data.indexOf('txt.exe');
      const left = (offset) => { const range = document.createRange(); range.setStart(node, offset);
        range.setEnd(node, offset + 1); return range.getBoundingClientRect().left; };
      return [left(start), left(start + 6)];
    })()`);
    expect(first).toBeLessThan(last);
    // The characters themselves stay in the text, so what is copied is what the server published.
    expect(await quote.textContent()).toBe(
      `Read a file and return its text.\n\nThe path is${RLO} txt.exe${PDF} relative to the root.`,
    );
    await context.close();
  });

  it('flags the tool, its server and their rows in lists, naming each hidden character', async () => {
    const context = await world.newContext();
    const page = await context.newPage();
    await page.goto(TOOL_PAGE);
    expect(await page.locator('.page-head .hidden-notice').textContent()).toBe(
      'Hidden characters. This tool’s definition holds 2 bidirectional control characters (U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING) and 1 invisible character (U+200B ZERO WIDTH SPACE). Each is shown as its code, boxed: text that holds them reads differently to a person than to the model that receives it.',
    );
    await page.goto(`/servers/${HIDDEN_TEXT_SERVER}`);
    expect(await page.locator('.page-head .hidden-notice').textContent()).toContain(
      'This server’s title or description holds 1 invisible character (U+200B ZERO WIDTH SPACE).',
    );
    expect(await page.title()).toBe(`Hidden[U+200B] text server MCP server risk · toolrisk`);
    const chips = page.locator('.tool-list .tool-row .chip-hidden');
    expect(await chips.count()).toBe(2);
    const listFiles = page.locator('.tool-list .tool-row', { hasText: 'list_files' });
    expect(await listFiles.locator('.chip-hidden').getAttribute('title')).toBe(
      'U+E0061 TAG "a", U+E006E TAG "n", U+E0064 TAG "d", U+E0020 TAG " ", U+E0073 TAG "s", U+E0065 TAG "e", U+E0074 TAG "t", U+E0068 TAG "h", U+E006D TAG "m", U+E006F TAG "o", U+E0078 TAG "x"',
    );
    expect(await listFiles.locator('.tool-desc .hidden-char').count()).toBe(18);
    await page.goto('/search?q=read_file');
    expect(
      await page
        .locator('.tool-row', { hasText: 'Hidden' })
        .filter({ hasText: 'read_file' })
        .locator('.chip-hidden')
        .count(),
    ).toBe(1);
    await context.close();
  });

  it('quotes descriptions without their leading indentation, trailing spaces or runs of blank lines', async () => {
    const context = await world.newContext({ width: 375 });
    const page = await context.newPage();
    await page.goto(`/servers/${HIDDEN_TEXT_SERVER}`);
    expect(await page.locator('.page-head blockquote p').textContent()).toBe(
      'Serves files.\nEvery tool here hides something.',
    );
    await page.goto(TOOL_PAGE);
    const cell = page.locator('#does table td.cell-text').first();
    expect(await cell.textContent()).toBe(
      `The file${ZWSP} to read, relative to the configured root directory of the server.`,
    );
    // Its first line starts at the cell's left edge: no leading whitespace is laid out.
    const [cellLeft, textLeft] = await page.evaluate<[number, number]>(`(() => {
      const cell = document.querySelector('#does table td.cell-text');
      const range = document.createRange();
      range.selectNodeContents(cell);
      const first = range.getClientRects()[0];
      return [cell.getBoundingClientRect().left + Number.parseFloat(getComputedStyle(cell).paddingLeft), first ? first.left : -1];
    })()`);
    expect(Math.round(textLeft)).toBe(Math.round(cellLeft));
    await context.close();
  });
});
