// Safe sharing of one PGlite directory: one process owns it and serves the PostgreSQL protocol; the rest connect.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { dataDirFullError, isDiskFull, ToolriskDbError } from '../errors.js';
import {
  errorCode,
  isStale,
  LOCK_FILE,
  type LockHolder,
  publishAddress,
  readLock,
  recoverStaleLock,
  releaseLock,
  tryLock,
} from './lock.js';
import { type ProtocolServer, serveProtocol } from './serve.js';

/** The owner's Unix socket, inside the data directory (so only who may read the directory may connect). */
export const SOCKET_FILE = 'toolrisk.sock';
/** Unix socket paths longer than this do not fit sun_path; such an owner listens on loopback instead. */
const MAX_SOCKET_PATH = 100;
/** How long a process waits for an owner that is starting, handing over or answering. */
const CONNECT_DEADLINE_MS = 60_000;
/** How long an owner that is closing waits for its clients' open transactions. */
const DRAIN_DEADLINE_MS = 10_000;
/** Ours, not PostgreSQL's: what may sit in a data directory beside the database files. */
const OWN_FILES = /^toolrisk\.(lock|sock)/;

/** This process's ownership of one data directory. */
interface Owner {
  pglite: PGlite;
  server: ProtocolServer;
  holder: LockHolder;
  address: string;
}

/** The directories this process owns, by absolute path; one PGlite per directory per process. */
const owners = new Map<string, Owner>();
/** Ownership being taken, so concurrent connects in one process start one PGlite, not two. */
const starting = new Map<string, Promise<Owner>>();
/** Handles open per directory in this process (owner or not), so the last one out closes the owner. */
const users = new Map<string, number>();

/** One process's door to a shared data directory: sockets to its owner, and a release when done. */
export interface SharedDir {
  dataDir: string;
  /** A connected socket to the directory's owner (this process, when no other owns it). */
  connect: () => Promise<Socket>;
  /** Called when the handle closes; the last handle of an owning process hands the directory back. */
  release: () => Promise<void>;
}

/** Opens a data directory for sharing; creates it when missing. Nothing is locked until the first connect. */
/** Run by the process that becomes the owner, on its PGlite, before any other process may connect. */
export type PrepareOwner = (pglite: PGlite) => Promise<void>;

/**
 * Opens a data directory for sharing; creates it when missing. Nothing is locked until the first connect.
 * `prepare` runs once per ownership, before the owner serves: migrating there means two processes starting
 * together never both apply the same migration.
 */
export async function openSharedDir(dir: string, prepare: PrepareOwner): Promise<SharedDir> {
  const dataDir = resolve(dir);
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (cause) {
    throw dataDirError(cause, dataDir);
  }
  users.set(dataDir, (users.get(dataDir) ?? 0) + 1);
  let isReleased = false;
  return {
    dataDir,
    connect: () => connectToOwner(dataDir, prepare),
    release: async () => {
      if (isReleased) return;
      isReleased = true;
      const left = (users.get(dataDir) ?? 1) - 1;
      if (left > 0) {
        users.set(dataDir, left);
        return;
      }
      users.delete(dataDir);
      const owner = owners.get(dataDir);
      if (owner) await closeOwner(dataDir, owner);
    },
  };
}

/** Finds the live owner and connects to it, recovering a stale lock or becoming the owner when there is none. */
async function connectToOwner(dataDir: string, prepare: PrepareOwner): Promise<Socket> {
  const deadline = Date.now() + CONNECT_DEADLINE_MS;
  let lastHolder: LockHolder | null = null;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    const own = owners.get(dataDir) ?? (await starting.get(dataDir));
    if (own) return connectTo(own.address);
    const held = await readLock(dataDir).catch((cause) => {
      throw dataDirError(cause, dataDir);
    });
    if (held === null) {
      const owner = await takeOwnership(dataDir, prepare);
      if (owner) return connectTo(owner.address);
    } else if (isStale(held)) {
      await recoverStaleLock(dataDir, held).catch((cause) => {
        throw dataDirError(cause, dataDir);
      });
      continue;
    } else if (held.address !== null) {
      lastHolder = held;
      const socket = await connectTo(held.address).catch(() => null);
      if (socket) return socket;
    }
    // The owner is starting, or closing and about to release the lock: wait for either.
    await delay(Math.min(20 * 2 ** attempt, 250));
  }
  throw new ToolriskDbError(
    'DATA_DIR_LOCKED',
    `${dataDir} is held by process ${lastHolder?.pid ?? '?'}, which does not answer; ` +
      `if no toolrisk process is running, remove ${join(dataDir, LOCK_FILE)}`,
    { context: { dataDir, holder: lastHolder } },
  );
}

/** Takes the lock and starts serving; null when another process took it first. */
async function takeOwnership(dataDir: string, prepare: PrepareOwner): Promise<Owner | null> {
  const pending = starting.get(dataDir);
  if (pending) return pending;
  const attempt = await tryLock(dataDir).catch((cause) => {
    throw dataDirError(cause, dataDir);
  });
  if (!attempt.isOwner) return null;
  const start = startOwner(dataDir, attempt.holder, prepare);
  starting.set(dataDir, start);
  try {
    const owner = await start;
    owners.set(dataDir, owner);
    return owner;
  } finally {
    starting.delete(dataDir);
  }
}

/** Opens PGlite on the directory and serves it; on any failure the lock is given back. */
async function startOwner(dataDir: string, holder: LockHolder, prepare: PrepareOwner): Promise<Owner> {
  let pglite: PGlite | undefined;
  let server: ProtocolServer | undefined;
  try {
    await assertDatabaseDir(dataDir);
    pglite = await PGlite.create(dataDir).catch((cause) => {
      if (isDiskFull(cause)) throw dataDirFullError(dataDir, cause);
      throw new ToolriskDbError('DATA_DIR_NOT_DATABASE', `${dataDir} is not a PGlite database`, {
        cause,
        context: { dataDir },
      });
    });
    await prepare(pglite);
    const socketPath = join(dataDir, SOCKET_FILE);
    // A socket file left by a killed owner would make listen fail; the lock says it is ours now.
    await unlink(socketPath).catch(() => undefined);
    const serving = await serveProtocol(pglite, socketPath.length <= MAX_SOCKET_PATH ? socketPath : null);
    server = serving;
    await publishAddress(dataDir, holder, serving.address);
    return { pglite, server: serving, holder, address: serving.address };
  } catch (error) {
    // A server left listening (publishing its address can fail on a full disk) would keep the process alive.
    await server?.close().catch(() => undefined);
    await pglite?.close().catch(() => undefined);
    await releaseLock(dataDir, holder);
    // Migrating on a full disk fails as the disk's failure, not as a bad migration.
    if (isDiskFull(error)) throw dataDirFullError(dataDir, error);
    throw error instanceof ToolriskDbError ? error : dataDirError(error, dataDir);
  }
}

/** Hands the directory back: waits for open transactions, stops serving, closes PGlite, removes the lock. */
async function closeOwner(dataDir: string, owner: Owner): Promise<void> {
  owners.delete(dataDir);
  const deadline = Date.now() + DRAIN_DEADLINE_MS;
  while (Date.now() < deadline && !owner.server.isIdle()) await delay(20);
  await owner.server.close();
  await owner.pglite.close().catch(() => undefined);
  if (owner.address.startsWith('unix:')) await unlink(owner.address.slice(5)).catch(() => undefined);
  await releaseLock(dataDir, owner.holder);
}

/** A connected socket to `unix:PATH` or `tcp:HOST:PORT`. */
function connectTo(address: string): Promise<Socket> {
  return new Promise((resolveSocket, reject) => {
    const tcp = /^tcp:(.+):(\d+)$/.exec(address);
    const socket = tcp ? connect(Number(tcp[2]), tcp[1]) : connect(address.replace(/^unix:/, ''));
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolveSocket(socket);
    });
    socket.once('error', reject);
  });
}

/** Refuses a directory that holds files but no database: PGlite would otherwise initialise one among them. */
async function assertDatabaseDir(dataDir: string): Promise<void> {
  const entries = (await readdir(dataDir)).filter((name) => !OWN_FILES.test(name));
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new ToolriskDbError(
      'DATA_DIR_NOT_DATABASE',
      `${dataDir} holds files but no database (no PG_VERSION); choose an empty directory or a PGlite one`,
      { context: { dataDir } },
    );
  }
}

/** Names a file-system failure on the data directory with its code. */
function dataDirError(cause: unknown, dataDir: string): ToolriskDbError {
  if (cause instanceof ToolriskDbError) return cause;
  const code = errorCode(cause);
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
    return new ToolriskDbError('DATA_DIR_READ_ONLY', `${dataDir} cannot be written (${code})`, {
      cause,
      context: { dataDir },
    });
  if (code === 'ENOSPC' || code === 'EDQUOT') return dataDirFullError(dataDir, cause);
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new ToolriskDbError('DATA_DIR_NOT_DATABASE', `${dataDir} is not a directory`, {
      cause,
      context: { dataDir },
    });
  return new ToolriskDbError('DATABASE_UNAVAILABLE', `${dataDir} cannot be opened`, {
    cause,
    context: { dataDir },
  });
}
