// Guarantees of the crawl and introspect commands: the classify JSON shape, summaries, exit codes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@toolrisk/db';
import { serverSubmissions } from '@toolrisk/db/testing';
import { describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { FIXTURES_DIR } from '../harness/paths.js';
import { loadRegistrySnapshot, startFakeRegistry } from './fake-registry.js';
import { fixtureServer, referenceServer } from './mcp-servers.js';

describe('toolrisk introspect', () => {
  it('prints a live server’s tools in the same JSON shape as toolrisk classify', async () => {
    const run = await runToolrisk([
      'introspect',
      '--format',
      'json',
      '--',
      process.execPath,
      referenceServer('server-memory'),
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      server: { name: 'memory-server' },
      classifierVersion: expect.any(String),
    });
    expect(report.tools).toHaveLength(9);
    expect(Object.keys(report.tools[0])).toEqual([
      'index',
      'name',
      'status',
      'definitionHash',
      'classification',
      'warnings',
      'errors',
    ]);
    expect(report.tools.find((tool: { name: string }) => tool.name === 'delete_entities')).toMatchObject({
      status: 'classified',
      classification: { category: 'Write' },
    });
    expect(report.summary).toBeDefined();
  });

  it('exits 1 naming the code when the server fails', async () => {
    const run = await runToolrisk([
      'introspect',
      '--timeout',
      '300',
      '--',
      process.execPath,
      fixtureServer('hang'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TIMEOUT/);
  });

  it('refuses a loopback URL unless --allow-private is given', async () => {
    const run = await runToolrisk(['introspect', '--url', 'http://127.0.0.1:9/mcp']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ADDRESS_NOT_ALLOWED/);
  });
});

describe('toolrisk crawl', () => {
  it('crawls a registry and a list into the configured catalogue and ends with a summary line', async () => {
    // The crawl alone: seeding the shipped catalogue first is the serve tests' concern, not this one's.
    const env = { TOOLRISK_DATA_DIR: await mkdtemp(join(tmpdir(), 'toolrisk-cli-')), TOOLRISK_SEED: 'false' };
    const registry = await startFakeRegistry(loadRegistrySnapshot().slice(0, 40));
    try {
      const crawl = await runToolrisk(
        ['crawl', 'registry', '--url', registry.url, '--limit', '10', '--allow-private'],
        env,
      );
      expect(crawl.stderr).toBe('');
      expect(crawl.code).toBe(0);
      expect(crawl.stdout).toMatch(/4 pages, 40 versions, finished/);
      const again = await runToolrisk(['crawl', 'registry', '--url', registry.url, '--allow-private'], env);
      expect(again.stdout).toMatch(/since 20\d\d-/);
      const list = await runToolrisk(['crawl', 'list', `${FIXTURES_DIR}/data/awesome-mcp-servers.md`], env);
      expect(list.stdout).toMatch(/655 entries, 3 duplicates/);
    } finally {
      await registry.close();
    }
  });

  it('works through submitted servers, leaving a package for a run with --allow-exec', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'toolrisk-cli-'));
    const handle = await createDb({ dataDir });
    await handle.migrate();
    await handle.db.insert(serverSubmissions).values({ kind: 'package', value: 'some-mcp-server' });
    await handle.close();
    const run = await runToolrisk(['crawl', 'submissions'], {
      TOOLRISK_DATA_DIR: dataDir,
      TOOLRISK_SEED: 'false',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '(package some-mcp-server): pending: left pending: running a package needs --allow-exec',
    );
    expect(run.stdout).toContain('submissions: 1 taken, 0 done, 0 failed');
  });

  it('names the bad flag and exits 2', async () => {
    const run = await runToolrisk(['crawl', 'registry', '--limit', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--limit must be a positive integer/);
  });
});
