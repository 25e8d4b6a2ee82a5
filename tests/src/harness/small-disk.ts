// A small disk for a test: a size-limited tmpfs mounted at a directory for one command, through bubblewrap
// (`--size`, bubblewrap 0.8 or later) or, failing that, a mount namespace of util-linux's `unshare`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds the command line that runs `command` with a tmpfs of `sizeBytes` at `mountPoint` (an existing dir). */
export type SmallDisk = (mountPoint: string, sizeBytes: number, command: string[]) => string[];

const WAYS: Record<string, SmallDisk> = {
  bwrap: (mountPoint, sizeBytes, command) => [
    'bwrap',
    '--dev-bind',
    '/',
    '/',
    '--size',
    String(sizeBytes),
    '--tmpfs',
    mountPoint,
    '--die-with-parent',
    '--',
    ...command,
  ],
  unshare: (mountPoint, sizeBytes, command) => [
    'unshare',
    // As root, a mount namespace alone; otherwise a user namespace too, in which mounting a tmpfs is allowed.
    ...(process.getuid?.() === 0 ? ['--mount'] : ['--mount', '--user', '--map-root-user']),
    '--propagation',
    'private',
    'sh',
    '-c',
    'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"',
    'small-disk',
    String(sizeBytes),
    mountPoint,
    ...command,
  ],
};

function exitCodeOf(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    if (!file) return resolve({ code: null, stderr: 'no command' });
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', (error) => resolve({ code: null, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * The first way that mounts a 1 MB tmpfs here and refuses a 2 MB file on it; or why none does, for a visible
 * SKIPPED line.
 */
export async function findSmallDisk(): Promise<{ smallDisk: SmallDisk } | { reason: string }> {
  const probe = await mkdtemp(join(tmpdir(), 'toolrisk-small-disk-'));
  const reasons: string[] = [];
  try {
    for (const [name, way] of Object.entries(WAYS)) {
      // `head` fails only when the disk is full: the limit is really there.
      const fill = [
        'sh',
        '-c',
        'head -c 2097152 /dev/zero > "$1/fill" 2>/dev/null && exit 3 || exit 0',
        'probe',
        probe,
      ];
      const { code, stderr } = await exitCodeOf(way(probe, 1_048_576, fill));
      if (code === 0) return { smallDisk: way };
      reasons.push(
        `${name}: ${code === 3 ? 'no size limit' : stderr.trim().split('\n')[0] || `exit ${code}`}`,
      );
    }
    return { reason: reasons.join('; ') };
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
}
