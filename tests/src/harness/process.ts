// The real `toolrisk` command as child processes: one-shot runs and a served catalogue, each with its own env.
import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

/** The bin a user runs with `npx toolrisk`. */
export const TOOLRISK_BIN = `${REPO_ROOT}cli/bin/toolrisk.js`;

/** What a finished child printed and how it exited. */
export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawn options a test may set beside the environment (a uid, to run as an unprivileged user). */
export interface SpawnExtras {
  uid?: number;
  gid?: number;
}

function childEnv(env: Record<string, string>): Record<string, string> {
  // Only what a child needs to find node; nothing from the test runner's own settings leaks in.
  const path = process.env.PATH ?? '/usr/bin:/bin';
  return { PATH: path, LOG_LEVEL: 'warn', ...env };
}

/** Runs `toolrisk ARGS...` to completion in its own process. */
export function runToolriskProcess(
  args: string[],
  env: Record<string, string>,
  extras: SpawnExtras = {},
): Promise<ProcessRun> {
  const child = spawn(process.execPath, [TOOLRISK_BIN, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...extras,
  });
  return collect(child);
}

function collect(child: ChildProcess): Promise<ProcessRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A `toolrisk serve` child: its URL once it listens, and ways to stop it. */
export interface ServedCatalogue {
  url: string;
  pid: number;
  /** SIGTERM, then what it printed and how it exited. */
  stop: () => Promise<ProcessRun>;
  /** SIGKILL: the process dies without cleaning up. */
  kill: () => Promise<ProcessRun>;
}

/** Starts `toolrisk serve` on an ephemeral port and resolves once it says where it serves. */
export async function serveCatalogue(env: Record<string, string>): Promise<ServedCatalogue> {
  const child = spawn(process.execPath, [TOOLRISK_BIN, 'serve'], {
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = collect(child);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /serving on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    done.then((run) => reject(new Error(`toolrisk serve exited (${run.code}): ${run.stderr}`)), reject);
  });
  const { pid } = child;
  if (pid === undefined) throw new Error('toolrisk serve has no pid');
  return {
    url,
    pid,
    stop: () => {
      child.kill('SIGTERM');
      return done;
    },
    kill: () => {
      child.kill('SIGKILL');
      return done;
    },
  };
}
