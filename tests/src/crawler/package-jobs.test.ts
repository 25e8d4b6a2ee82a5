// Guarantees of `toolrisk crawl packages` on both engines: each registry server with an npm package becomes a queued
// job that installs the package by name and pinned version (here from a local registry of fixture packages), runs
// it only in the sandbox with the registry's default arguments and placeholder secrets, and stores its tools under
// the registry server; a package that fails is its code in the run's errors; a listed server is not queued again.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeClassifiedSnapshot } from '@toolrisk/crawler/testing';
import {
  createDb,
  type Database,
  getServer,
  latestRunId,
  listCrawlErrors,
  listServerTools,
} from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb } from '../harness/db.js';
import {
  canSandbox,
  type FixtureRegistry,
  type PackageWorld,
  packFixtures,
  serveFixtureRegistry,
} from '../harness/packages.js';
import { runToolriskProcess } from '../harness/process.js';

const isSandboxed = await canSandbox('toolrisk crawl packages tests');

/** A registry server (no tools yet) whose one package is the fixture, as the registry's server.json puts it. */
function registryServer(fixture: string) {
  const registryName = `io.github.toolrisk-tests/${fixture}`;
  return {
    id: `tests-${fixture}`,
    registryName,
    title: `Fixture ${fixture}`,
    version: '1.0.0',
    source: { kind: 'registry' as const, ref: registryName },
    packages: [
      {
        registryType: 'npm',
        identifier: `toolrisk-fixture-${fixture}`,
        version: '1.0.0',
        transport: { type: 'stdio' },
        packageArguments: [{ type: 'positional', value: 'serve' }],
        environmentVariables: [
          { name: 'FIXTURE_API_KEY', isSecret: true, isRequired: true, default: 'a-real-looking-key' },
          { name: 'FIXTURE_REGION', default: 'eu-west-1' },
        ],
      },
    ],
    tools: null,
  };
}

async function seedRegistryServers(db: Database): Promise<void> {
  for (const fixture of ['good', 'exit-at-once']) await storeClassifiedSnapshot(db, registryServer(fixture));
}

describe.skipIf(!isSandboxed).each(ENGINES)('toolrisk crawl packages (%s)', (engine) => {
  let world: PackageWorld;
  let registry: FixtureRegistry;
  let env: Record<string, string>;
  /** Opens the catalogue the child processes use, for the test's own reads (PGlite: only while no child runs). */
  let withDb: <T>(read: (db: Database) => Promise<T>) => Promise<T>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    world = await packFixtures(['good', 'exit-at-once']);
    registry = await serveFixtureRegistry(world, ['good', 'exit-at-once']);
    const common = {
      TOOLRISK_SEED: 'false',
      TOOLRISK_PACKAGE_CACHE_DIR: world.cacheDir,
      npm_config_registry: registry.url,
      npm_config_cache: join(world.root, 'npm-cache'),
      // A crash is retried by default (with a 10 s backoff); once is enough to see its code here.
      TOOLRISK_JOB_ATTEMPTS: '1',
    };
    if (engine === 'postgres') {
      const test = await openTestDb('postgres');
      env = { ...common, DATABASE_URL: test.url ?? '' };
      withDb = (read) => read(test.db);
      cleanup = () => test.dispose();
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'toolrisk-packages-db-'));
      env = { ...common, TOOLRISK_DATA_DIR: dir };
      withDb = async (read) => {
        const handle = await createDb({ dataDir: dir });
        try {
          await handle.migrate();
          return await read(handle.db);
        } finally {
          await handle.close();
        }
      };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    await withDb(seedRegistryServers);
  });
  afterAll(async () => {
    await cleanup?.();
    await registry?.close();
    await world?.cleanup();
  });

  it('installs each package by name and version, lists it in the sandbox and stores its tools under the registry server', async () => {
    const run = await runToolriskProcess(['crawl', 'packages', '--concurrency', '2'], env);
    expect(run.stdout).toMatch(
      /^packages \(run \d+, 2 jobs\): 1 servers stored, 0 new, 1 changed; tools 2 new/m,
    );
    expect(run.stderr).toMatch(/^tests-exit-at-once: SERVER_CRASHED: tests-exit-at-once: /m);
    expect(run.code).toBe(1);
    expect([...registry.downloads].sort()).toEqual([
      'toolrisk-fixture-exit-at-once',
      'toolrisk-fixture-good',
    ]);

    const { server, tools, errors } = await withDb(async (db) => {
      const runId = await latestRunId(db);
      return {
        server: await getServer(db, 'tests-good'),
        tools: await listServerTools(db, 'tests-good'),
        errors: runId === undefined ? [] : (await listCrawlErrors(db, runId, { limit: 10 })).errors,
      };
    });
    // The registry's metadata is kept; the tools are the package's own, each classified.
    expect(server).toMatchObject({ registryName: 'io.github.toolrisk-tests/good', title: 'Fixture good' });
    expect(tools.map((row) => row.tool.name)).toEqual(['delete_forecast', 'get_weather']);
    expect(tools.find((row) => row.tool.name === 'delete_forecast')?.classification?.category).toBe('Write');
    // What ran saw the registry's default argument and a placeholder for the secret, never its registry default.
    const seen = tools.find((row) => row.tool.name === 'get_weather')?.tool.description ?? '';
    expect(seen).toContain('"args":["serve"]');
    expect(seen).toContain('"apiKey":"toolrisk-placeholder-secret"');
    expect(seen).toContain('"region":"eu-west-1"');
    expect(seen).not.toContain('a-real-looking-key');
    expect(errors).toMatchObject([{ target: 'tests-exit-at-once', code: 'SERVER_CRASHED' }]);
  }, 180_000);

  it('queues only servers whose tools were never listed, unless --full', async () => {
    const again = await runToolriskProcess(['crawl', 'packages', '--limit', '5'], env);
    expect(again.stdout).toMatch(/^packages \(run \d+, 1 jobs\)/m);
    const full = await runToolriskProcess(['crawl', 'packages', '--full'], env);
    expect(full.stdout).toMatch(/^packages \(run \d+, 2 jobs\): .*tools 0 new, 0 changed, 0 removed/m);
  }, 180_000);
});

describe('toolrisk crawl packages without a sandbox', () => {
  it('is SANDBOX_UNAVAILABLE, queues and runs nothing, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-packages-nobwrap-'));
    try {
      // A PATH with node and nothing else, so no bwrap: the sandbox cannot be made, and nothing may run.
      await mkdir(join(dir, 'bin'));
      await symlink(process.execPath, join(dir, 'bin', 'node'));
      const run = await runToolriskProcess(['crawl', 'packages'], {
        TOOLRISK_SEED: 'false',
        TOOLRISK_DATA_DIR: join(dir, 'pglite'),
        PATH: join(dir, 'bin'),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^SANDBOX_UNAVAILABLE: .*bubblewrap \(bwrap\) is not installed.*; nothing was queued or run \(install bubblewrap\)$/m,
      );
      expect(run.stdout).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
