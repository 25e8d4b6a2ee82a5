// Installing a package into its own cache directory with npm (no lifecycle scripts), within a size cap.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { CrawlErrorCode } from '../errors.js';
import type { SandboxOptions } from './limits.js';
import { describeSpec, isPackageName, type PackageSpec } from './package-spec.js';

/** An installed package: the install prefix (mounted read-only in the sandbox) and the package's own name. */
export interface InstalledPackage {
  /** The directory holding `node_modules/`. */
  prefix: string;
  name: string;
  bytes: number;
  /** False when a previous run's install was reused. */
  isFresh: boolean;
  installMs: number;
}

/** Why a package could not be installed. */
export interface InstallFailure {
  code: CrawlErrorCode;
  message: string;
}

const COMPLETE_MARKER = '.toolrisk-installed';

// One directory per spec (a tarball also by its content, so a rebuilt file is a new entry).
async function entryName(spec: PackageSpec): Promise<string> {
  const hash = createHash('sha256');
  if (spec.kind === 'npm') hash.update(`npm\0${spec.name}\0${spec.version}`);
  else hash.update('tarball\0').update(await readFile(spec.path));
  const readable = spec.kind === 'npm' ? `${spec.name.replace('/', '+')}@${spec.version}` : 'tarball';
  return `${readable}-${hash.digest('hex').slice(0, 16)}`;
}

/** Bytes under `dir` (files as stored, symlinks not followed). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else total += (await lstat(path)).size;
  }
  return total;
}

function runNpm(args: string[], options: SandboxOptions): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(options.npmCommand, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.installTimeoutMs,
      killSignal: 'SIGKILL',
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < 16_384) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => resolve({ code: null, output: error.message }));
    child.once('close', (code, signal) =>
      resolve({ code, output: signal ? `npm killed (${signal}) after the install timeout` : output }),
    );
  });
}

// npm writes {"dependencies": {NAME: SPEC}} into the prefix's package.json: the one key is the package's name.
async function installedName(prefix: string): Promise<string | undefined> {
  const manifest: unknown = JSON.parse(await readFile(join(prefix, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('dependencies' in manifest)) return undefined;
  const dependencies = manifest.dependencies;
  if (typeof dependencies !== 'object' || dependencies === null) return undefined;
  const names = Object.keys(dependencies);
  return names.length === 1 && names[0] !== undefined && isPackageName(names[0]) ? names[0] : undefined;
}

async function readEntry(prefix: string): Promise<{ name: string; bytes: number } | undefined> {
  try {
    const marker: unknown = JSON.parse(await readFile(join(prefix, COMPLETE_MARKER), 'utf8'));
    if (typeof marker !== 'object' || marker === null) return undefined;
    const { name, bytes } = marker as Record<string, unknown>;
    return typeof name === 'string' && typeof bytes === 'number' ? { name, bytes } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Installs `spec` into its own directory under the cache (reused when already complete): `npm install
 * --ignore-scripts`, so nothing of the package runs here, on the host. The server runs later, in the sandbox.
 */
export async function installPackage(
  spec: PackageSpec,
  options: SandboxOptions,
): Promise<InstalledPackage | InstallFailure> {
  const started = Date.now();
  if (spec.kind === 'tarball' && !(await stat(spec.path).catch(() => undefined))?.isFile()) {
    return { code: 'PACKAGE_INVALID', message: `${spec.path} is not a file` };
  }
  await mkdir(options.cacheDir, { recursive: true });
  // The sandbox runs as an unprivileged user, who must be able to read what is mounted.
  await chmod(options.cacheDir, 0o755).catch(() => {});
  const prefix = join(options.cacheDir, await entryName(spec));
  const cached = await readEntry(prefix);
  if (cached) return { prefix, ...cached, isFresh: false, installMs: Date.now() - started };

  const staging = await mkdtemp(`${prefix}.partial-`);
  try {
    await chmod(staging, 0o755);
    const target = spec.kind === 'npm' ? `${spec.name}@${spec.version}` : spec.path;
    const npm = await runNpm(
      [
        'install',
        '--ignore-scripts',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--no-update-notifier',
        '--loglevel=error',
        ...options.npmArgs,
        '--prefix',
        staging,
        '--',
        target,
      ],
      options,
    );
    if (npm.code !== 0) {
      const detail = npm.output.trim().split('\n').slice(-6).join(' ').slice(0, 600);
      return {
        code: 'PACKAGE_INSTALL_FAILED',
        message: `npm install ${describeSpec(spec)} failed: ${detail}`,
      };
    }
    const name = await installedName(staging);
    if (name === undefined || (spec.kind === 'npm' && name !== spec.name)) {
      return {
        code: 'PACKAGE_INVALID',
        message: `${describeSpec(spec)} did not install as one named package`,
      };
    }
    const bytes = await directoryBytes(staging);
    if (bytes > options.maxPackageBytes) {
      return {
        code: 'PACKAGE_TOO_LARGE',
        message: `${describeSpec(spec)} installs ${bytes} bytes, over the ${options.maxPackageBytes}-byte cap`,
      };
    }
    await writeMarker(staging, name, bytes);
    // Atomic: a concurrent install of the same spec either wins or finds the finished entry.
    await rename(staging, prefix).catch(async () => {
      if (!(await readEntry(prefix))) throw new Error(`cannot move ${staging} to ${prefix}`);
    });
    return { prefix, name, bytes, isFresh: true, installMs: Date.now() - started };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeMarker(prefix: string, name: string, bytes: number): Promise<void> {
  await writeFile(join(prefix, COMPLETE_MARKER), JSON.stringify({ name, bytes }), { mode: 0o644 });
}
