// Guarantees of sandboxed package introspection: a fixture package is listed through bubblewrap, and hostile
// ones end as coded failures leaving no process, file or connection on the host.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { introspectPackage } from '@toolrisk/crawler';
import {
  introspectPackages,
  type PackageIntrospectOptions,
  type PackageTarget,
  packageTargetFromRegistry,
  SECRET_PLACEHOLDER,
} from '@toolrisk/crawler/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canSandbox, type PackageWorld, packFixtures, processesWith } from '../harness/packages.js';

const FIXTURES = ['good', 'hang', 'flood', 'fork-bomb', 'write-outside', 'socket', 'exit-at-once'];
const isSandboxed = await canSandbox('sandboxed package introspection tests');

let world: PackageWorld;
beforeAll(async () => {
  world = await packFixtures(FIXTURES);
});
afterAll(async () => {
  await world.cleanup();
});

function options(extra: PackageIntrospectOptions['introspect'] = {}): PackageIntrospectOptions {
  // --offline: a test never reaches the registry (the fixtures have no dependencies).
  return { sandbox: { cacheDir: world.cacheDir, npmArgs: ['--offline'] }, introspect: extra };
}

function fixture(name: string, args: string[] = [], env: Record<string, string> = {}): PackageTarget {
  return { spec: { kind: 'tarball', path: world.tarball(name) }, args, env };
}

describe('without bubblewrap', () => {
  it('refuses with SANDBOX_UNAVAILABLE and installs and runs nothing', async () => {
    const result = await introspectPackage(fixture('good'), { ...options(), searchPath: '/nonexistent' });
    expect(result).toMatchObject({ ok: false, code: 'SANDBOX_UNAVAILABLE', stage: 'connect' });
    expect(result.ok || result.message).toMatch(/bubblewrap \(bwrap\) is not installed/);
    expect(result.sandbox.package).toBeNull();
    expect(existsSync(world.cacheDir) ? readdirSync(world.cacheDir) : []).toEqual([]);
  });
});

describe.skipIf(!isSandboxed)('introspecting a package in the sandbox', () => {
  it('lists a well-behaved package, with registry-declared env as placeholders and packageArguments defaults', async () => {
    const registry = packageTargetFromRegistry({
      registryType: 'npm',
      identifier: 'toolrisk-fixture-good',
      version: '1.0.0',
      transport: { type: 'stdio' },
      packageArguments: [
        { type: 'positional', value: 'serve' },
        { type: 'named', name: 'region', default: 'eu-west-1' },
        { type: 'named', name: 'optional-flag' },
      ],
      environmentVariables: [
        { name: 'FIXTURE_API_KEY', isSecret: true, isRequired: true, default: 'a-real-looking-key' },
        { name: 'FIXTURE_REGION', default: 'eu' },
        { name: 'FIXTURE_OPTIONAL_TOKEN', isSecret: true },
      ],
    });
    if ('code' in registry) throw new Error(registry.message);
    const result = await introspectPackage({ ...registry, spec: fixture('good').spec }, options());
    if (!result.ok) throw new Error(`${result.code}: ${result.message} ${result.stderr}`);
    expect(result.tools.map((tool) => (tool as { name: string }).name)).toEqual([
      'get_weather',
      'delete_forecast',
    ]);
    const description = String((result.tools[0] as { description: string }).description);
    const seen = JSON.parse(description.slice(description.indexOf('{')));
    expect(seen).toMatchObject({
      args: ['serve', '--region', 'eu-west-1'],
      apiKey: SECRET_PLACEHOLDER,
      region: 'eu',
      home: '/home/sandbox',
      wasmBytes: 65536,
    });
    // Only what the sandbox sets and what the registry declared: nothing of the host's environment.
    expect(seen.env).toEqual([
      'FIXTURE_API_KEY',
      'FIXTURE_REGION',
      'HOME',
      'NODE_ENV',
      'NODE_OPTIONS',
      'PATH',
      'PWD',
      'TMPDIR',
    ]);
    if (process.getuid?.() === 0) expect(seen.uid).not.toBe(0);
    expect(result.sandbox.package).toMatchObject({ name: 'toolrisk-fixture-good', isFresh: true });
    expect(result.sandbox.peakRssBytes).toBeGreaterThan(1024 * 1024);
  });

  it('reuses the cached install the second time', async () => {
    const [first, second] = await introspectPackages([fixture('good'), fixture('good')], options());
    expect(first?.ok && second?.ok).toBe(true);
    expect(second?.sandbox.package?.isFresh).toBe(false);
  });

  it('a package that hangs times out, and no process of it (a setsid grandchild included) is left', async () => {
    const marker = `toolrisk-marker-${randomUUID()}`;
    const running = introspectPackage(
      fixture('hang', [marker]),
      // Long enough for the host-side scan below to see it running even on a loaded machine.
      options({ requestTimeoutMs: 8_000, totalTimeoutMs: 20_000 }),
    );
    // The server and its grandchild are really there on the host while it runs…
    await vi.waitFor(() => expect(processesWith(marker).length).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
    });
    const result = await running;
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', stage: 'tools/list' });
    expect(result.ok || result.stderr).toMatch(/grandchild started/);
    // …and none is left once it timed out.
    await vi.waitFor(() => expect(processesWith(marker)).toEqual([]));
  });

  it('a package that floods stdout hits the output cap: LIMIT_EXCEEDED', async () => {
    const result = await introspectPackage(fixture('flood'), options({ maxStdoutBytes: 1024 * 1024 }));
    expect(result).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED', stage: 'tools/list' });
    expect(result.ok || result.message).toMatch(/stdout passed 1048576 bytes/);
  });

  it('a fork bomb is stopped by the process limit (EAGAIN), times out, and leaves no process', async () => {
    const marker = `toolrisk-marker-${randomUUID()}`;
    const running = introspectPackage(
      fixture('fork-bomb', [marker]),
      options({ requestTimeoutMs: 8_000, totalTimeoutMs: 20_000 }),
    );
    await vi.waitFor(() => expect(processesWith(marker).length).toBeGreaterThan(10), {
      timeout: 20_000,
    });
    const result = await running;
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', stage: 'tools/list' });
    expect(result.ok || result.stderr).toMatch(/spawn failed: EAGAIN/);
    await vi.waitFor(() => expect(processesWith(marker)).toEqual([]));
  });

  it('a package writing outside its home crashes on EROFS, and no file appears on the host', async () => {
    const hostTmp = join(tmpdir(), `toolrisk-escape-${randomUUID()}`, 'written.txt');
    const hostRepo = join(world.root, 'escaped.txt');
    const result = await introspectPackage(fixture('write-outside', [hostTmp, hostRepo]), options());
    expect(result).toMatchObject({ ok: false, code: 'SERVER_CRASHED', stage: 'initialize' });
    const stderr = result.ok ? '' : result.stderr;
    expect(stderr).toMatch(/escaped\.txt: EROFS/);
    expect(stderr).toMatch(/\/usr\/local\/escaped\.txt: EROFS/);
    expect(existsSync(hostTmp)).toBe(false);
    expect(existsSync(hostRepo)).toBe(false);
    expect(existsSync('/usr/local/escaped.txt')).toBe(false);
    expect(existsSync('/escaped.txt')).toBe(false);
  });

  describe('a package opening a socket', () => {
    let listener: Server;
    let connections = 0;
    beforeAll(async () => {
      listener = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

    it('cannot reach the host loopback (ECONNREFUSED in its own network), crashes, and the host sees no connection', async () => {
      const address = listener.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const result = await introspectPackage(fixture('socket', [String(port)]), options());
      expect(result).toMatchObject({ ok: false, code: 'SERVER_CRASHED', stage: 'initialize' });
      expect(result.ok || result.stderr).toMatch(/connect failed: (ECONNREFUSED|ENETUNREACH)/);
      expect(connections).toBe(0);
    });
  });

  it('a package that exits at once is SERVER_CRASHED at initialize', async () => {
    const result = await introspectPackage(fixture('exit-at-once'), options());
    expect(result).toMatchObject({ ok: false, code: 'SERVER_CRASHED', stage: 'initialize' });
    expect(result.ok || result.message).toMatch(/exiting at once/);
  });

  it('a tarball that does not exist is PACKAGE_INVALID, before npm runs', async () => {
    const result = await introspectPackage(
      { spec: { kind: 'tarball', path: join(world.root, 'missing.tgz') }, args: [], env: {} },
      options(),
    );
    expect(result).toMatchObject({ ok: false, code: 'PACKAGE_INVALID', stage: 'install' });
  });

  it('a package over the size cap is PACKAGE_TOO_LARGE and never started', async () => {
    const result = await introspectPackage(fixture('exit-at-once'), {
      ...options(),
      sandbox: { cacheDir: join(world.root, 'small-cache'), npmArgs: ['--offline'], maxPackageBytes: 100 },
    });
    expect(result).toMatchObject({ ok: false, code: 'PACKAGE_TOO_LARGE', stage: 'install' });
    expect(result.sandbox.peakRssBytes).toBeNull();
  });
});
