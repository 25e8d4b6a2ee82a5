// Which headless Chromium the browser tests drive, and launching it: Debian's when installed, else the
// binary shipped inside the `@sparticuz/chromium` npm package, so `npm install && npm test` needs no system browser.
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import type { BrowserChoice } from './settings.js';

/** Where Debian's `chromium` package installs the browser. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A Chromium executable and where it came from. */
export interface BrowserBinary {
  source: 'system' | 'npm';
  executablePath: string;
}

/** The flags every launch passes: headless, and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Picks the browser for a choice: `auto` takes the system's when `systemPath` exists, else the npm package's. */
export async function findBrowser(
  choice: BrowserChoice,
  systemPath = SYSTEM_CHROMIUM,
): Promise<BrowserBinary> {
  if (choice !== 'npm' && existsSync(systemPath)) return { source: 'system', executablePath: systemPath };
  if (choice === 'system') {
    throw new Error(
      `TEST_BROWSER=system, but there is no ${systemPath}: install Debian's chromium, or unset TEST_BROWSER`,
    );
  }
  return { source: 'npm', executablePath: await inflateNpmChromium() };
}

/**
 * Launches the binary headless. Playwright gives every launch a fresh, throw-away profile directory
 * (it refuses `--user-data-dir` on `launch`), so no state carries over between worlds.
 */
export function launchBrowser(binary: BrowserBinary): Promise<Browser> {
  return chromium.launch({ executablePath: binary.executablePath, args: [...CHROMIUM_ARGS] });
}

/** The npm package's version, which names its Chromium major (`143.0.4` ships Chromium 143). */
export function npmChromiumVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(npmChromiumRoot(), 'package.json'), 'utf8'));
  const version =
    manifest !== null && typeof manifest === 'object' ? Reflect.get(manifest, 'version') : undefined;
  if (typeof version !== 'string') throw new Error('@sparticuz/chromium: package.json has no version');
  return version;
}

/**
 * Decompresses the package's `bin/chromium.br` once per package version into the temp directory.
 * The package's own `executablePath()` writes `/tmp/chromium` in place and trusts any file already
 * there, so two test processes starting together (or an interrupted first run) could launch half a
 * binary; here each writer fills its own file and renames it into place, which is atomic.
 */
async function inflateNpmChromium(): Promise<string> {
  const dir = join(tmpdir(), `toolrisk-chromium-${npmChromiumVersion()}`);
  const executable = join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  mkdirSync(dir, { recursive: true });
  const partial = `${executable}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await pipeline(
      createReadStream(join(npmChromiumRoot(), 'bin', 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(partial, { mode: 0o755 }),
    );
    renameSync(partial, executable);
  } finally {
    rmSync(partial, { force: true });
  }
  return executable;
}

/** The installed package's folder (its entry is `build/cjs/index.cjs` for require). */
function npmChromiumRoot(): string {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  return dirname(dirname(dirname(entry)));
}
