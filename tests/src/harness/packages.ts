// Fixture npm packages (tests/fixtures/packages) packed into real tarballs, a local registry serving them, and
// host-side checks of what they left.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sandboxUnavailableReason } from '@toolrisk/crawler';
import { FIXTURES_DIR } from './paths.js';

const run = promisify(execFile);

/** The fixture packages' folder. */
export const PACKAGES_DIR = `${FIXTURES_DIR}/packages`;

/** A world for package tests: packed fixture tarballs and a cache directory, removed by `cleanup`. */
export interface PackageWorld {
  root: string;
  cacheDir: string;
  tarball: (name: string) => string;
  cleanup: () => Promise<void>;
}

/**
 * Packs each named fixture (its folder plus the stdio fixtures' lib.mjs as mcp-loop.mjs) with `npm pack`: a real tarball, built
 * offline. The world's directories are readable by the unprivileged user the sandbox runs as.
 */
export async function packFixtures(names: string[]): Promise<PackageWorld> {
  const root = await mkdtemp(join(tmpdir(), 'toolrisk-packages-'));
  await chmod(root, 0o755);
  const staged: string[] = [];
  for (const name of names) {
    const dir = join(root, 'src', name);
    await mkdir(dir, { recursive: true });
    await cp(join(PACKAGES_DIR, name), dir, { recursive: true });
    // The stdio fixtures' MCP loop, shipped inside each package under the name its server imports.
    await cp(join(FIXTURES_DIR, 'servers', 'lib.mjs'), join(dir, 'mcp-loop.mjs'));
    staged.push(dir);
  }
  const out = join(root, 'tarballs');
  await mkdir(out);
  await run('npm', ['pack', '--silent', '--offline', '--pack-destination', out, ...staged]);
  const cacheDir = join(root, 'cache');
  return {
    root,
    cacheDir,
    tarball: (name) => join(out, `toolrisk-fixture-${name}-1.0.0.tgz`),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Whether the sandbox works here (bwrap and prlimit installed, namespaces allowed): sandbox tests run only
 * there, and print a visible SKIPPED line with the reason elsewhere.
 */
export async function canSandbox(suite: string): Promise<boolean> {
  const reason = await sandboxUnavailableReason();
  if (reason !== undefined) console.warn(`SKIPPED: ${suite} (${reason}; .ci/run installs bubblewrap)`);
  return reason === undefined;
}

/** Host pids whose command line contains `marker` (a fixture passes it to everything it starts). */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(marker)) found.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** A local npm registry serving packed fixtures, and its URL (for `npm_config_registry`). */
export interface FixtureRegistry {
  url: string;
  /** Package names whose tarball was downloaded, in order. */
  downloads: string[];
  close: () => Promise<void>;
}

/**
 * Serves the world's packed fixtures as an npm registry does (a packument per name, the tarball with its
 * integrity), so a package crawl installs `toolrisk-fixture-NAME@1.0.0` by name and version over real HTTP on
 * loopback, never from the network.
 */
export async function serveFixtureRegistry(world: PackageWorld, names: string[]): Promise<FixtureRegistry> {
  const downloads: string[] = [];
  const tarballs = new Map<string, Buffer>();
  for (const name of names) tarballs.set(`toolrisk-fixture-${name}`, readFileSync(world.tarball(name)));
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).slice(1);
    const [packageName, dash, file] = path.split('/');
    const tarball = tarballs.get(packageName ?? '');
    if (tarball === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (dash === '-' && file !== undefined) {
      downloads.push(packageName ?? '');
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
      return;
    }
    const fixture = (packageName ?? '').replace(/^toolrisk-fixture-/, '');
    const manifest = JSON.parse(readFileSync(join(PACKAGES_DIR, fixture, 'package.json'), 'utf8'));
    const origin = `http://${request.headers.host}`;
    const version = {
      ...manifest,
      dist: {
        tarball: `${origin}/${packageName}/-/${packageName}-1.0.0.tgz`,
        integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
        shasum: createHash('sha1').update(tarball).digest('hex'),
      },
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        name: packageName,
        'dist-tags': { latest: '1.0.0' },
        versions: { '1.0.0': version },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    downloads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
