// Guarantees that the browser tests need no system browser: with none installed (or TEST_BROWSER=npm) they run on
// the Chromium shipped in the @sparticuz/chromium npm package, so `npm install && npm test` works on a bare machine.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, npmChromiumVersion } from '../harness/browser.js';
import { REPO_ROOT } from '../harness/paths.js';
import { loadTestSettings } from '../harness/settings.js';

const scratch = mkdtempSync(join(tmpdir(), 'toolrisk-browser-'));
const HIDDEN_SYSTEM_PATH = join(scratch, 'no-such-chromium');

/** Runs one test file in a child vitest with the given extra environment; resolves with its exit code and output. */
function runTestFile(file: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, NO_COLOR: '1' };
  // The child is a vitest of its own, not a worker of this one.
  for (const key of Object.keys(childEnv))
    if (key.startsWith('VITEST') || key === 'FORCE_COLOR') delete childEnv[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${REPO_ROOT}node_modules/vitest/vitest.mjs`, 'run', file],
      { cwd: `${REPO_ROOT}tests`, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('the browser tests without a system browser', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads TEST_BROWSER through one door: auto by default, case-insensitive, and a bad value names the variable', () => {
    expect(loadTestSettings({}).browser).toBe('auto');
    expect(loadTestSettings({ TEST_BROWSER: '' }).browser).toBe('auto');
    expect(loadTestSettings({ TEST_BROWSER: 'NPM' }).browser).toBe('npm');
    expect(() => loadTestSettings({ TEST_BROWSER: 'firefox' })).toThrow(
      'TEST_BROWSER: "firefox" is not one of auto, system, npm',
    );
  });

  it("takes the system Chromium when it is installed, and the npm package's when it is not", async () => {
    const installed = join(scratch, 'chromium');
    writeFileSync(installed, '#!/bin/sh\n', { mode: 0o755 });
    expect(await findBrowser('auto', installed)).toEqual({ source: 'system', executablePath: installed });
    const withoutSystem = await findBrowser('auto', HIDDEN_SYSTEM_PATH);
    expect(withoutSystem.source).toBe('npm');
    expect(withoutSystem.executablePath).toBe(
      join(tmpdir(), `toolrisk-chromium-${npmChromiumVersion()}`, 'chromium'),
    );
    expect(await findBrowser('npm', installed)).toEqual(withoutSystem);
    await expect(findBrowser('system', HIDDEN_SYSTEM_PATH)).rejects.toThrow(
      `TEST_BROWSER=system, but there is no ${HIDDEN_SYSTEM_PATH}`,
    );
  });

  it("launches the npm package's Chromium headless and renders a page in it", async () => {
    const browser = await launchBrowser(await findBrowser('auto', HIDDEN_SYSTEM_PATH));
    try {
      // The package's major version is the Chromium major it ships.
      expect(browser.version().split('.')[0]).toBe(npmChromiumVersion().split('.')[0]);
      const page = await browser.newPage();
      await page.setContent(
        '<main><h1>toolrisk</h1><p id="sum"></p></main><script>sum.textContent = 2 + 3</script>',
      );
      expect(await page.textContent('h1')).toBe('toolrisk');
      expect(await page.textContent('#sum')).toBe('5');
      expect(await page.evaluate<string>('navigator.userAgent')).toContain('HeadlessChrome');
    } finally {
      await browser.close();
    }
  });

  it('passes a whole browser test file with TEST_BROWSER=npm (the system browser never consulted)', async () => {
    const { code, output } = await runTestFile('src/web/journey.test.ts', { TEST_BROWSER: 'npm' });
    expect(output).toMatch(/Test Files\s+1 passed \(1\)/);
    expect(output).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(output).not.toMatch(/\d+ failed/);
    expect(code).toBe(0);
  }, 180_000);
});
