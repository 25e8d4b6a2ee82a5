// Guarantee: processes sharing one embedded data directory never lose a write: one owns it, the rest connect.
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createDb } from '@toolrisk/db';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/paths.js';
import { runToolriskProcess, serveCatalogue } from '../harness/process.js';

async function freshDir(): Promise<{ root: string; env: Record<string, string> }> {
  const root = await mkdtemp(join(tmpdir(), 'toolrisk-shared-'));
  return { root, env: { TOOLRISK_DATA_DIR: join(root, 'db'), TOOLRISK_SEED: 'false' } };
}

async function toolsFile(root: string, serverId: string): Promise<string> {
  const file = join(root, `${serverId}.json`);
  const tools = [{ name: `read_${serverId.replace(/-/g, '_')}`, description: 'Reads one record.' }];
  await writeFile(file, JSON.stringify({ server: { id: serverId }, tools }));
  return file;
}

async function lockHolder(dataDir: string): Promise<{ pid: number; address: string | null }> {
  const lock: unknown = JSON.parse(await readFile(join(dataDir, 'toolrisk.lock'), 'utf8'));
  if (typeof lock !== 'object' || lock === null || !('pid' in lock) || typeof lock.pid !== 'number')
    throw new Error('the lock file names no pid');
  const address = 'address' in lock && typeof lock.address === 'string' ? lock.address : null;
  return { pid: lock.pid, address };
}

/** Submits a server with the key: 202 when the server knows the key, 401 when it does not. */
async function submitWith(url: string, key: string, value: string): Promise<number> {
  const response = await fetch(`${url}/v1/servers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'package', value }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('one embedded data directory shared by the server and the command line', () => {
  it('every key and import made by CLI processes beside a running server is visible through its API', async () => {
    const { root, env } = await freshDir();
    const served = await serveCatalogue(env);
    try {
      const serverIds = ['side-alpha', 'side-beta', 'side-gamma'];
      const files = await Promise.all(serverIds.map((id) => toolsFile(root, id)));
      const [keyRuns, importRuns] = await Promise.all([
        Promise.all(
          ['k1', 'k2', 'k3'].map((name) => runToolriskProcess(['keys', 'create', '--name', name], env)),
        ),
        Promise.all(files.map((file) => runToolriskProcess(['import', file], env))),
      ]);
      for (const run of [...keyRuns, ...importRuns])
        expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
      const keys = keyRuns.map((run) => run.stdout.trim());
      for (const key of keys) expect(key).toMatch(/^trk_[\w-]{32}$/);
      const statuses = await Promise.all(
        keys.map((key, index) => submitWith(served.url, key, `pkg-${index}`)),
      );
      expect(statuses).toEqual([202, 202, 202]);
      expect(await submitWith(served.url, 'trk_not-a-key-the-server-knows-at-all', 'pkg-x')).toBe(401);
      for (const id of serverIds) {
        const response = await fetch(`${served.url}/v1/servers/${id}/tools`);
        expect(response.status).toBe(200);
        expect(JSON.stringify(await response.json())).toContain(`read_${id.replace(/-/g, '_')}`);
      }
      const listed = await runToolriskProcess(['keys', 'list'], env);
      expect(listed.code).toBe(0);
      const names = listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[2]);
      expect(names.sort()).toEqual(['k1', 'k2', 'k3']);
      expect(listed.stdout.match(/\tactive\t/g)).toHaveLength(3);
    } finally {
      await served.stop();
    }
    // After the server is gone, the writes are still there for the next owner.
    const after = await runToolriskProcess(['keys', 'list'], env);
    expect(after.code).toBe(0);
    expect(after.stdout.match(/\tactive\tlast used 20/g)).toHaveLength(3);
  });

  it('a server that connected to another owner takes the directory over when that owner closes', async () => {
    const { env } = await freshDir();
    const dataDir = env.TOOLRISK_DATA_DIR ?? '';
    const owner = await createDb({ dataDir });
    await owner.migrate();
    const served = await serveCatalogue(env);
    try {
      expect((await lockHolder(dataDir)).pid).toBe(process.pid);
      const file = await toolsFile(join(dataDir, '..'), 'handed-over');
      expect((await runToolriskProcess(['import', file], env)).code).toBe(0);
      expect((await fetch(`${served.url}/v1/servers/handed-over`)).status).toBe(200);
      await owner.close();
      const response = await fetch(`${served.url}/v1/servers/handed-over/tools`);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('read_handed_over');
      expect(await lockHolder(dataDir)).toMatchObject({
        pid: served.pid,
        address: expect.stringMatching(/^unix:/),
      });
    } finally {
      await served.stop();
      await owner.close();
    }
    expect(await readdir(dataDir)).not.toContain('toolrisk.lock');
  });

  it('recovers the lock of an owner killed with SIGKILL', async () => {
    const { env } = await freshDir();
    const dataDir = env.TOOLRISK_DATA_DIR ?? '';
    const served = await serveCatalogue(env);
    const killed = await served.kill();
    expect(killed.signal).toBe('SIGKILL');
    expect((await lockHolder(dataDir)).pid).toBe(served.pid);
    const created = await runToolriskProcess(['keys', 'create', '--name', 'after-kill'], env);
    expect({ code: created.code, stderr: created.stderr }).toMatchObject({ code: 0 });
    const listed = await runToolriskProcess(['keys', 'list'], env);
    expect(listed.stdout).toContain('\tafter-kill\t');
    expect(await readdir(dataDir)).not.toContain('toolrisk.lock');
  });
});

describe('a data directory that cannot hold the catalogue', () => {
  it('refuses a directory of other files with DATA_DIR_NOT_DATABASE, exit 4, and leaves it untouched', async () => {
    const { env } = await freshDir();
    const dataDir = env.TOOLRISK_DATA_DIR ?? '';
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'my notes');
    const run = await runToolriskProcess(['keys', 'list'], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^DATA_DIR_NOT_DATABASE: .*holds files but no database/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(dataDir)).sort()).toEqual(['notes.txt']);
    expect(await readFile(join(dataDir, 'notes.txt'), 'utf8')).toBe('my notes');
  });

  it('refuses a data directory that is a file with DATA_DIR_NOT_DATABASE, exit 4', async () => {
    const { env } = await freshDir();
    const dataDir = env.TOOLRISK_DATA_DIR ?? '';
    await writeFile(dataDir, 'not a directory');
    const run = await runToolriskProcess(['keys', 'create', '--name', 'x'], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^DATA_DIR_NOT_DATABASE: /);
    expect(await readFile(dataDir, 'utf8')).toBe('not a directory');
  });

  it('refuses a read-only data directory with DATA_DIR_READ_ONLY, exit 4', async () => {
    const { root, env } = await freshDir();
    const dataDir = env.TOOLRISK_DATA_DIR ?? '';
    await mkdir(dataDir);
    await chmod(dataDir, 0o555);
    await chmod(root, 0o755);
    // root writes anywhere, so as root the command runs as nobody, for whom the directory is read-only.
    const asRoot = process.getuid?.() === 0;
    const asNobody = asRoot ? { uid: 65534, gid: 65534 } : {};
    // nobody must reach the CLI: a checkout under a private (0700) directory, as `mktemp -d` makes, hides it.
    const opened = asRoot ? await letOthersTraverse(REPO_ROOT) : [];
    const run = await runToolriskProcess(['keys', 'list'], env, asNobody).finally(() => restoreModes(opened));
    expect(run.stderr).not.toMatch(/Cannot find module|EACCES: permission denied, (open|stat|lstat) '.*cli/);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^DATA_DIR_READ_ONLY: .* cannot be written \(EACCES\)/);
    expect(await readdir(dataDir)).toEqual([]);
  });
});

/** Gives others traverse permission on every ancestor of `path` that lacks it; returns the modes to restore. */
async function letOthersTraverse(path: string): Promise<{ dir: string; mode: number }[]> {
  const changed: { dir: string; mode: number }[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      changed.push({ dir, mode });
    }
    if (dirname(dir) === dir) return changed;
  }
}

/** Puts back the modes `letOthersTraverse` changed. */
async function restoreModes(changed: readonly { dir: string; mode: number }[]): Promise<void> {
  for (const { dir, mode } of changed) await chmod(dir, mode);
}
