// The bounds of one sandboxed package introspection: where packages are cached, and what a server may use.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where and how packages are installed, and the limits the sandboxed server runs under. */
export interface SandboxOptions {
  /** One directory per installed package version lives here (reused across runs). */
  cacheDir: string;
  /** Installed size cap (the package and its dependencies). */
  maxPackageBytes: number;
  installTimeoutMs: number;
  /** The npm executable and extra arguments (e.g. `--offline`, `--registry=URL`). */
  npmCommand: string;
  npmArgs: string[];
  /** The bubblewrap and prlimit executables; found on PATH when unset. */
  bwrapPath: string | undefined;
  prlimitPath: string | undefined;
  /** Address-space limit of each process in the sandbox (RLIMIT_AS). */
  memoryBytes: number;
  /** CPU seconds of each process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Processes and threads in the sandbox (RLIMIT_NPROC, counted in its own user namespace). */
  maxProcesses: number;
  /** Largest file the server may write (RLIMIT_FSIZE) and size of its private /tmp and home. */
  maxFileBytes: number;
  scratchBytes: number;
  /** Open files per process (RLIMIT_NOFILE). */
  maxOpenFiles: number;
  /** When toolrisk runs as root, the server runs as this unprivileged uid/gid (nobody by default). */
  sandboxUid: number;
  sandboxGid: number;
}

/** Defaults: 512 MB installed, 2 min to install, 4 GB address space, 30 CPU s, 128 tasks, 64 MB files. */
export const DEFAULT_SANDBOX_OPTIONS: Readonly<SandboxOptions> = Object.freeze({
  cacheDir: join(tmpdir(), 'toolrisk-packages'),
  maxPackageBytes: 512 * 1024 * 1024,
  installTimeoutMs: 120_000,
  npmCommand: 'npm',
  npmArgs: [],
  bwrapPath: undefined,
  prlimitPath: undefined,
  // V8 reserves address space far beyond what it touches: under 2 GB node itself may not start.
  memoryBytes: 4 * 1024 * 1024 * 1024,
  cpuSeconds: 30,
  // Node alone runs ~10 threads, and threads count as processes.
  maxProcesses: 128,
  maxFileBytes: 64 * 1024 * 1024,
  scratchBytes: 64 * 1024 * 1024,
  maxOpenFiles: 1024,
  sandboxUid: 65534,
  sandboxGid: 65534,
});

/** The full options from a partial set. */
export function sandboxOptions(partial: Partial<SandboxOptions> = {}): SandboxOptions {
  return { ...DEFAULT_SANDBOX_OPTIONS, ...partial };
}
