// Introspecting an npm package: install it (no scripts) into the cache, then list its tools inside bubblewrap.
import type { CrawlErrorCode } from '../errors.js';
import type { IntrospectResult } from '../introspect/introspect.js';
import { introspectLaunch } from '../introspect/introspect.js';
import type { IntrospectOptions } from '../introspect/limits.js';
import { mapLimited } from '../introspect/semaphore.js';
import { findSandboxTools, SANDBOX_PACKAGE_DIR, sandboxArgv } from './bwrap.js';
import { type SandboxOptions, sandboxOptions } from './limits.js';
import { TreeMemorySampler } from './memory.js';
import { type InstalledPackage, installPackage } from './package-cache.js';
import { findPackageEntry } from './package-entry.js';
import { describeSpec } from './package-spec.js';
import type { PackageTarget } from './registry-package.js';

/** What the sandbox saw besides the introspection itself. */
export interface SandboxReport {
  /** The installed package (absent when the install failed or never started). */
  package: Pick<InstalledPackage, 'name' | 'bytes' | 'isFresh' | 'installMs'> | null;
  /** The sandbox's summed peak RSS, null when it never ran. */
  peakRssBytes: number | null;
  durationMs: number;
}

/** An introspection result with the sandbox's report. */
export type PackageIntrospectResult = IntrospectResult & { sandbox: SandboxReport };

/** Options of a package introspection: the introspection's bounds and the sandbox's. */
export interface PackageIntrospectOptions {
  introspect?: Partial<IntrospectOptions> | undefined;
  sandbox?: Partial<SandboxOptions> | undefined;
  /** Where to look for bwrap and prlimit (the caller's PATH; the crawler reads no environment). */
  searchPath?: string | undefined;
}

/** Where bwrap and prlimit are looked for when no search path is given. */
export const DEFAULT_SEARCH_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Why packages cannot be sandboxed here (no bwrap or prlimit, or no namespaces), or undefined when they can. */
export async function sandboxUnavailableReason(
  options: Pick<PackageIntrospectOptions, 'sandbox' | 'searchPath'> = {},
): Promise<string | undefined> {
  const tools = await findSandboxTools(
    sandboxOptions(options.sandbox),
    options.searchPath ?? DEFAULT_SEARCH_PATH,
  );
  return typeof tools === 'string' ? tools : undefined;
}

/**
 * Installs one package and lists its tools inside the sandbox; never throws for the package's misbehaviour.
 * Where no working bubblewrap exists it returns SANDBOX_UNAVAILABLE having installed and run nothing.
 */
export async function introspectPackage(
  target: PackageTarget,
  options: PackageIntrospectOptions = {},
): Promise<PackageIntrospectResult> {
  const started = Date.now();
  const label = describeSpec(target.spec);
  const settings = sandboxOptions(options.sandbox);
  const report = (installed: InstalledPackage | null, peakRssBytes: number | null): SandboxReport => ({
    package: installed
      ? {
          name: installed.name,
          bytes: installed.bytes,
          isFresh: installed.isFresh,
          installMs: installed.installMs,
        }
      : null,
    peakRssBytes,
    durationMs: Date.now() - started,
  });
  const refuse = (
    code: CrawlErrorCode,
    message: string,
    stage: 'install' | 'connect',
    installed: InstalledPackage | null = null,
  ): PackageIntrospectResult => ({
    ok: false,
    target: label,
    code,
    stage,
    message,
    stderr: '',
    sandbox: report(installed, null),
  });

  // The sandbox is proven first: where there is none, not even npm runs.
  const tools = await findSandboxTools(settings, options.searchPath ?? DEFAULT_SEARCH_PATH);
  if (typeof tools === 'string') return refuse('SANDBOX_UNAVAILABLE', tools, 'connect');
  const installed = await installPackage(target.spec, settings);
  if ('code' in installed) return refuse(installed.code, installed.message, 'install');
  const entry = await findPackageEntry(installed.prefix, installed.name);
  if (typeof entry === 'string') return refuse('PACKAGE_INVALID', entry, 'install', installed);

  const script = `${SANDBOX_PACKAGE_DIR}/${entry.path}`;
  const argv = sandboxArgv({
    tools,
    packagePrefix: installed.prefix,
    command: entry.isNodeScript ? process.execPath : script,
    args: entry.isNodeScript ? [script, ...target.args] : target.args,
    env: target.env,
    options: settings,
  });
  const [command, ...args] = [tools.bwrap, ...argv];
  let sampler: TreeMemorySampler | undefined;
  const result = await introspectLaunch(
    label,
    {
      command,
      args,
      env: {},
      uid: tools.uid,
      gid: tools.gid,
      maxStdoutBytes: options.introspect?.maxStdoutBytes ?? 32 * 1024 * 1024,
      maxStderrBytes: options.introspect?.maxStderrBytes ?? 64 * 1024,
    },
    options.introspect ?? {},
    (transport) => {
      if (transport.pid === undefined) return;
      const running = new TreeMemorySampler(transport.pid);
      sampler = running;
      running.start();
      transport.onkilling = () => running.stop();
    },
  );
  return { ...result, sandbox: report(installed, sampler?.stop() ?? null) };
}

/** Introspects packages with at most `concurrency` sandboxes at once; results keep the input order. */
export function introspectPackages(
  targets: PackageTarget[],
  options: PackageIntrospectOptions & { concurrency?: number | undefined } = {},
): Promise<PackageIntrospectResult[]> {
  return mapLimited(targets, options.concurrency ?? 1, (target) => introspectPackage(target, options));
}
