// `toolrisk keys create|list|revoke`: API keys, stored as sha256 hashes; a new key is printed once.
import { parseArgs } from 'node:util';
import { createKey, type Database, KEY_SCOPES, type KeyScope, listKeys, revokeKey } from '@toolrisk/db';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import type { CliCommand, CliIo, Command } from './io.js';

const USAGE = `usage: toolrisk keys create --name N [--scope ${KEY_SCOPES.join('|')}]...
       toolrisk keys list
       toolrisk keys revoke ID|PREFIX
`;

function isScope(value: string): value is KeyScope {
  return KEY_SCOPES.some((scope) => scope === value);
}

/** Reads `--name N` and repeated `--scope S` (default: every scope); a message when they are wrong. */
function parseCreate(args: string[]): { name: string; scopes: KeyScope[] } | string {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) return `unexpected argument "${positionals[0]}"`;
  if (values.name === undefined || values.name === '') return '--name is required';
  const scopes: KeyScope[] = [];
  for (const value of values.scope ?? []) {
    if (!isScope(value)) return `unknown scope "${value}"; scopes: ${KEY_SCOPES.join(', ')}`;
    scopes.push(value);
  }
  return { name: values.name, scopes: scopes.length > 0 ? scopes : [...KEY_SCOPES] };
}

async function withCatalogue(io: CliIo, work: (db: Database) => Promise<number>): Promise<number> {
  const handle = await openCatalogue(loadConfig(io.env));
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/** The `keys` command: create (prints the key once), list, revoke. */
const run: CliCommand = async (args, io) => {
  const [action, ...rest] = args;
  const usageError = (message: string): number => {
    io.stderr(`toolrisk keys: ${message}\n${USAGE}`);
    return 2;
  };
  if (action === 'create') {
    let parsed: ReturnType<typeof parseCreate>;
    try {
      parsed = parseCreate(rest);
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error));
    }
    if (typeof parsed === 'string') return usageError(parsed);
    const request = parsed;
    return withCatalogue(io, async (db) => {
      const { key, summary } = await createKey(db, request);
      io.stdout(`${key}\n`);
      io.stderr(
        `created key ${summary.id} "${summary.name}" (${summary.prefix}…) with scopes ${summary.scopes.join(', ')}; it is shown only now\n`,
      );
      return 0;
    });
  }
  if (action === 'list') {
    if (rest.length > 0) return usageError(`keys list takes no arguments`);
    return withCatalogue(io, async (db) => {
      for (const key of await listKeys(db)) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : 'never';
        io.stdout(
          `${key.id}\t${key.prefix}…\t${key.name}\t${key.scopes.join(',')}\t${state}\tlast used ${used}\n`,
        );
      }
      return 0;
    });
  }
  if (action === 'revoke') {
    const target = rest[0];
    if (target === undefined || rest.length > 1) return usageError('keys revoke takes one ID or PREFIX');
    return withCatalogue(io, async (db) => {
      const key = await revokeKey(db, target);
      if (!key) {
        io.stderr(`toolrisk keys: no active key "${target}"\n`);
        return 1;
      }
      io.stdout(`revoked key ${key.id} "${key.name}" (${key.prefix}…)\n`);
      return 0;
    });
  }
  return usageError(
    action === undefined ? 'name an action: create, list or revoke' : `unknown action "${action}"`,
  );
};

/** The `keys` command. */
export const keysCommand: Command = { usage: USAGE, run };
