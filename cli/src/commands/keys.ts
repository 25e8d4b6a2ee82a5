// `toolrisk keys create|list|revoke`: API keys, stored as sha256 hashes; a new key is printed once.
import { createKey, type Database, KEY_SCOPES, type KeyScope, listKeys, revokeKey } from '@toolrisk/db';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { readArgs, usageError } from './args.js';
import { didYouMean } from './failures.js';
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
  const parsed = readArgs(args, { name: { type: 'string' }, scope: { type: 'string', multiple: true } });
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
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
  const fail = (message: string): number => usageError(io, 'keys', message, USAGE);
  if (action === 'create') {
    const parsed = parseCreate(rest);
    if (typeof parsed === 'string') return fail(parsed);
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
    if (rest.length > 0) return fail(`keys list takes no arguments`);
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
    if (target === undefined || rest.length > 1) return fail('keys revoke takes one ID or PREFIX');
    return withCatalogue(io, async (db) => {
      const key = await revokeKey(db, target);
      if (!key) {
        io.stderr(`toolrisk keys: KEY_NOT_FOUND: no active key "${target}" (keys list shows them)\n`);
        return 1;
      }
      io.stdout(`revoked key ${key.id} "${key.name}" (${key.prefix}…)\n`);
      return 0;
    });
  }
  return fail(
    action === undefined
      ? 'name an action: create, list or revoke'
      : `unknown action "${action}"${didYouMean(action, ['create', 'list', 'revoke'])}`,
  );
};

/** The `keys` command. */
export const keysCommand: Command = { usage: USAGE, run };
