// Guarantees of `toolrisk introspect --sandbox --package SPEC`: the crawler's sandbox path, nothing stored.
import { describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { canSandbox, packFixtures } from '../harness/packages.js';
import { runToolriskProcess } from '../harness/process.js';

const isSandboxed = await canSandbox('toolrisk introspect --sandbox tests');

describe('toolrisk introspect --sandbox --package', () => {
  it('refuses a package without --sandbox, an unpinned spec, and --sandbox without a package (exit 2)', async () => {
    const bare = await runToolrisk(['introspect', '--package', 'pkg@1.0.0']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/a package runs only in the sandbox: add --sandbox/);
    const unpinned = await runToolrisk(['introspect', '--sandbox', '--package', 'pkg@latest']);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toMatch(/--package: pkg: version "latest" is not one exact version/);
    const nothing = await runToolrisk(['introspect', '--sandbox']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/--sandbox introspects a package: give --package SPEC/);
  });

  it.skipIf(!isSandboxed)('lists and classifies a local tarball through the sandbox', async () => {
    const world = await packFixtures(['good']);
    try {
      // npm_config_offline: the install of a dependency-free tarball never needs the registry; this proves it.
      const run = await runToolriskProcess(
        ['introspect', '--sandbox', '--format', 'json', '--package', world.tarball('good'), '--', 'serve'],
        { TOOLRISK_PACKAGE_CACHE_DIR: world.cacheDir, npm_config_offline: 'true' },
      );
      expect(run.stderr).toMatch(
        /fixture-good: 2 tools over stdio in the sandbox, 0 refused \(toolrisk-fixture-good /,
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.tools.map((tool: { name: string }) => tool.name)).toEqual([
        'get_weather',
        'delete_forecast',
      ]);
      expect(report.tools[1].classification.category).toBe('Write');
      expect(report.tools[0].classification).toBeDefined();
    } finally {
      await world.cleanup();
    }
  });

  it.skipIf(!isSandboxed)(
    'exits 1 with the code and the server’s stderr when the package fails',
    async () => {
      const world = await packFixtures(['exit-at-once']);
      try {
        const run = await runToolriskProcess(
          ['introspect', '--sandbox', '--package', world.tarball('exit-at-once')],
          { TOOLRISK_PACKAGE_CACHE_DIR: world.cacheDir, npm_config_offline: 'true' },
        );
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/SERVER_CRASHED at initialize/);
        expect(run.stderr).toMatch(/exiting at once/);
      } finally {
        await world.cleanup();
      }
    },
  );

  it('without bubblewrap on PATH it says so with SANDBOX_UNAVAILABLE and exits 1', async () => {
    const run = await runToolriskProcess(['introspect', '--sandbox', '--package', 'pkg@1.0.0'], {
      PATH: '/nonexistent',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SANDBOX_UNAVAILABLE at connect: bubblewrap \(bwrap\) is not installed/);
  });
});
