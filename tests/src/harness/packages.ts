// Fixture npm packages (tests/fixtures/packages) packed into real tarballs, and host-side checks of what they left.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
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
 * Packs each named fixture (its folder plus the shared mcp-loop.mjs) with `npm pack`: a real tarball, built
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
    await cp(join(PACKAGES_DIR, 'mcp-loop.mjs'), join(dir, 'mcp-loop.mjs'));
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
