// The bubblewrap sandbox: finding bwrap and prlimit, proving namespaces work here, and the command line.
import { execFile } from 'node:child_process';
import { accessSync, constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { SandboxOptions } from './limits.js';

/** The programs that make the sandbox, found and proven to work. */
export interface SandboxTools {
  bwrap: string;
  prlimit: string;
  /** The uid/gid bwrap is started as (root drops to nobody), or undefined for the caller's own. */
  uid: number | undefined;
  gid: number | undefined;
}

/** Where the package is mounted, and the sandbox's home. */
export const SANDBOX_PACKAGE_DIR = '/opt/toolrisk-package';
export const SANDBOX_HOME = '/home/sandbox';

function findOnPath(program: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function runProbe(
  command: string,
  args: string[],
  ids: { uid?: number; gid?: number },
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, ...ids }, (error, _stdout, stderr) => {
      resolve(error ? `${stderr.trim() || error.message}`.slice(0, 400) : null);
    });
  });
}

const probes = new Map<string, Promise<SandboxTools | string>>();

/**
 * Finds bwrap and prlimit (on `searchPath` unless given) and runs one empty sandbox with the same namespaces
 * the servers get, once per process: a string says why there is no sandbox here, and then nothing is run.
 */
export function findSandboxTools(
  options: SandboxOptions,
  searchPath: string,
): Promise<SandboxTools | string> {
  const key = JSON.stringify([options.bwrapPath, options.prlimitPath, options.sandboxUid, searchPath]);
  let probe = probes.get(key);
  if (!probe) {
    probe = probeTools(options, searchPath);
    probes.set(key, probe);
  }
  return probe;
}

async function probeTools(options: SandboxOptions, searchPath: string): Promise<SandboxTools | string> {
  const bwrap = options.bwrapPath ?? findOnPath('bwrap', searchPath);
  if (bwrap === undefined) {
    return 'bubblewrap (bwrap) is not installed, so packages cannot be run in a sandbox (Debian/Ubuntu: apt-get install bubblewrap)';
  }
  const prlimit = options.prlimitPath ?? findOnPath('prlimit', searchPath);
  if (prlimit === undefined)
    return 'prlimit (util-linux) is not installed, so the sandbox cannot set its limits';
  const isRoot = process.getuid?.() === 0;
  const ids = isRoot ? { uid: options.sandboxUid, gid: options.sandboxGid } : {};
  const failure = await runProbe(bwrap, [...namespaceArgs(), ...rootArgs(), '--', prlimit, '--version'], ids);
  if (failure !== null) return `bubblewrap cannot create a sandbox here: ${failure}`;
  return { bwrap, prlimit, uid: ids.uid, gid: ids.gid };
}

function namespaceArgs(): string[] {
  // Every namespace (user, pid, net, ipc, uts, cgroup); net has only a loopback of its own: no way out.
  return ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv'];
}

// The host's programs and libraries, read-only; nothing of /root, /home, /work, /run or /var.
function rootArgs(): string[] {
  const args = ['--ro-bind', '/usr', '/usr', '--ro-bind-try', '/etc', '/etc'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    try {
      const stat = lstatSync(top);
      if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(top), top);
      else if (stat.isDirectory()) args.push('--ro-bind', top, top);
    } catch {
      // absent on this system
    }
  }
  // Node installed outside /usr (nvm, a tarball under /opt): its prefix, read-only.
  const nodePrefix = dirname(dirname(realpathSync(process.execPath)));
  if (nodePrefix !== '/usr' && !nodePrefix.startsWith('/usr/'))
    args.push('--ro-bind', nodePrefix, nodePrefix);
  args.push('--proc', '/proc', '--dev', '/dev');
  return args;
}

/** What runs in the sandbox, and its limits. */
export interface SandboxCommand {
  tools: SandboxTools;
  /** The install prefix, mounted read-only at SANDBOX_PACKAGE_DIR. */
  packagePrefix: string;
  /** The command inside the sandbox (paths as the sandbox sees them). */
  command: string;
  args: string[];
  env: Record<string, string>;
  options: SandboxOptions;
}

/** The full bwrap command line: namespaces, a read-only root, private /tmp and home, the limits, the server. */
export function sandboxArgv(sandbox: SandboxCommand): string[] {
  const { options } = sandbox;
  const env: Record<string, string> = {
    ...sandbox.env,
    // Ours win over declared variables of the same name.
    HOME: SANDBOX_HOME,
    TMPDIR: '/tmp',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    NODE_ENV: 'production',
    // V8 reserves ~10 GB of address space per WebAssembly memory for its trap handler; under the RLIMIT_AS
    // below every Wasm instance (undici's HTTP parser, so fetch) would fail. Bounds checks replace the guard.
    NODE_OPTIONS: '--disable-wasm-trap-handler',
  };
  const size = String(options.scratchBytes);
  return [
    ...namespaceArgs(),
    ...rootArgs(),
    '--size',
    size,
    '--tmpfs',
    '/tmp',
    '--size',
    size,
    '--tmpfs',
    SANDBOX_HOME,
    '--ro-bind',
    sandbox.packagePrefix,
    SANDBOX_PACKAGE_DIR,
    '--remount-ro',
    '/',
    '--chdir',
    SANDBOX_HOME,
    ...Object.entries(env).flatMap(([name, value]) => ['--setenv', name, value]),
    '--',
    sandbox.tools.prlimit,
    `--as=${options.memoryBytes}`,
    `--cpu=${options.cpuSeconds}`,
    `--nproc=${options.maxProcesses}`,
    `--fsize=${options.maxFileBytes}`,
    `--nofile=${options.maxOpenFiles}`,
    '--core=0',
    '--',
    sandbox.command,
    ...sandbox.args,
  ];
}
