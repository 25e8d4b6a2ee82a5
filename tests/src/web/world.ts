// The world of the browser tests: a seeded PGlite app listening on a free port, hostile fixtures, headless Chromium.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { importToolsFiles } from '@toolrisk/crawler';
import { storeServerSnapshot } from '@toolrisk/db';
import type { Browser, BrowserContext } from 'playwright-core';
import { type BrowserBinary, findBrowser, launchBrowser } from '../harness/browser.js';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { openTestDb, type TestDb } from '../harness/db.js';
import { REPO_ROOT } from '../harness/paths.js';
import { TEST_SETTINGS } from '../harness/settings.js';

/** Where screenshots are kept (gitignored). */
export const ARTIFACTS_DIR = `${REPO_ROOT}tests/artifacts`;
/** The hostile server's id, as its fixture names it. */
export const HOSTILE_SERVER = 'hostile-fixture';
/** The server whose texts hide bidi controls, zero-width and tag characters, and stray whitespace. */
export const HIDDEN_TEXT_SERVER = 'hidden-text-fixture';
/** A registry entry never introspected: packages, a remote and a repository, no tools. */
export const REGISTRY_ONLY_SERVER = 'io-example-registry-only';
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The running app, its database and a browser. */
export interface WebWorld {
  baseUrl: string;
  browser: Browser;
  /** Which Chromium drives the pages (the system's or the npm package's; `TEST_BROWSER` chooses). */
  browserBinary: BrowserBinary;
  /** A fresh browser context with the clipboard granted, at the given viewport width. */
  newContext: (options?: { width?: number; colorScheme?: 'light' | 'dark' }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/** Seeds a fresh database, imports the hostile fixture twice (two definitions, so a history diff) and the hidden-text one, listens and launches Chromium. */
export async function openWebWorld(): Promise<WebWorld> {
  const db: TestDb = await openTestDb('pglite');
  await seedSmallCatalogue(db.db);
  await importToolsFiles(db.db, [`${FIXTURES}hostile-v1.json`], { now: new Date('2025-01-10T12:00:00Z') });
  await importToolsFiles(db.db, [`${FIXTURES}hostile-v2.json`], { now: new Date('2025-02-20T12:00:00Z') });
  await importToolsFiles(db.db, [`${FIXTURES}hidden-text.json`], { now: new Date('2025-02-21T12:00:00Z') });
  await storeServerSnapshot(
    db.db,
    {
      id: REGISTRY_ONLY_SERVER,
      registryName: 'io.example/registry-only',
      title: 'Registry-only example',
      description: 'A server the registry lists and nobody has introspected.',
      repository: { url: 'https://github.com/example/registry-only', source: 'github' },
      packages: [{ registryType: 'npm', identifier: '@example/registry-only', version: '0.3.1' }],
      remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com/mcp' }],
      source: { kind: 'registry', ref: 'registry.modelcontextprotocol.io' },
      tools: null,
    },
    new Map(),
    { now: new Date('2025-02-22T12:00:00Z') },
  );
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000' });
  const app = await buildApp({ config, db: db.db, ping: db.ping });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on TCP');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browserBinary = await findBrowser(TEST_SETTINGS.browser);
  const browser = await launchBrowser(browserBinary);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    baseUrl,
    browser,
    browserBinary,
    newContext: ({ width = 1280, colorScheme = 'light' } = {}) =>
      browser.newContext({
        baseURL: baseUrl,
        viewport: { width, height: 900 },
        colorScheme,
        permissions: ['clipboard-read', 'clipboard-write'],
      }),
    close: async () => {
      await browser.close();
      await app.close();
      await db.dispose();
    },
  };
}
