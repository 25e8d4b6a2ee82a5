// The owner lock of an embedded data directory: created atomically, naming the owner's pid and address.
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'toolrisk.lock';
/** Taken while a stale lock is removed, so two recoverers never remove a live lock. */
const RECOVER_FILE = 'toolrisk.lock.recover';

/** What the lock file says: which process owns the directory and where it serves. */
export interface LockHolder {
  pid: number;
  host: string;
  /** A random id of this ownership, so an owner removes only its own lock. */
  token: string;
  /** `unix:/path` or `tcp:127.0.0.1:PORT`; null while the owner is still starting. */
  address: string | null;
}

/** The outcome of one attempt to take the lock. */
export type LockAttempt =
  | { isOwner: true; holder: LockHolder }
  | { isOwner: false; holder: LockHolder | null };

/** Creates `file` holding `text`, atomically and only if it does not exist (a hard link fails with EEXIST). */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    // On a full disk the file is created but its text is not written: the finally removes it.
    await writeFile(temp, text, { flag: 'wx' });
    await link(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Reads the lock's holder; null when there is no lock or it cannot be parsed. */
export async function readLock(dataDir: string): Promise<LockHolder | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, LOCK_FILE), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  return parseHolder(text);
}

function parseHolder(text: string): LockHolder | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (!('pid' in value && 'host' in value && 'token' in value)) return null;
  const { pid, host, token } = value;
  if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return null;
  const address = 'address' in value && typeof value.address === 'string' ? value.address : null;
  return { pid, host, token, address };
}

/** Tries once to take the lock of `dataDir`; when another process holds it, says who. */
export async function tryLock(dataDir: string): Promise<LockAttempt> {
  const holder: LockHolder = { pid: process.pid, host: hostname(), token: randomUUID(), address: null };
  if (await createExclusive(join(dataDir, LOCK_FILE), JSON.stringify(holder)))
    return { isOwner: true, holder };
  return { isOwner: false, holder: await readLock(dataDir) };
}

/** Records where the owner serves; only the owner calls it (rename replaces the file atomically). */
export async function publishAddress(dataDir: string, holder: LockHolder, address: string): Promise<void> {
  const file = join(dataDir, LOCK_FILE);
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ ...holder, address }), { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Removes the lock if it is still this owner's. */
export async function releaseLock(dataDir: string, holder: LockHolder): Promise<void> {
  const current = await readLock(dataDir).catch(() => null);
  if (current?.token === holder.token) await unlink(join(dataDir, LOCK_FILE)).catch(() => undefined);
}

/** True when the holder's process is gone: same host and no process with its pid. */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === 'ESRCH';
  }
}

/**
 * Removes a lock left by a dead process. The recover lock makes "read, still stale, unlink" one step:
 * without it, a second recoverer could remove the lock a first one had just recreated.
 */
export async function recoverStaleLock(dataDir: string, stale: LockHolder): Promise<void> {
  const recoverFile = join(dataDir, RECOVER_FILE);
  const me = JSON.stringify({ pid: process.pid, host: hostname(), token: randomUUID() });
  if (!(await createExclusive(recoverFile, me))) {
    // A recoverer that died while recovering (a window of a few system calls) leaves its file behind.
    const other = parseHolder(await readFile(recoverFile, 'utf8').catch(() => ''));
    if (other && isStale(other)) await unlink(recoverFile).catch(() => undefined);
    return;
  }
  try {
    const current = await readLock(dataDir);
    if (current && current.token === stale.token && isStale(current)) {
      await unlink(join(dataDir, LOCK_FILE)).catch(() => undefined);
    }
  } finally {
    await unlink(recoverFile).catch(() => undefined);
  }
}

/** The `code` of a Node system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
