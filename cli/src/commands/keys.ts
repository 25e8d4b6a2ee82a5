// `toolrisk keys create|list|revoke`: API keys, stored as sha256 hashes; a new key is printed once.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.js';
import { hashKey, KEY_SCOPES } from '../http/auth.js';
import { insertKey, listKeys, revokeKey } from '../queries/keys.js';
import { openCatalogue } from '../runtime.js';
import type { CliCommand, CliIo } from './io.js';

const USAGE = `usage: toolrisk keys create --name N [--scope ${KEY_SCOPES.join('|')}]...
       toolrisk keys list
       toolrisk keys revoke ID|PREFIX
`;

/** Reads `--name N` and repeated `--scope S` (default: every scope); a message when they are wrong. */
function parseCreate(args: string[]): { name: string; scopes: string[] } | string {
  let name: string | undefined;
  const scopes: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag !== '--name' && flag !== '--scope') return `unknown option "${arg}"`;
    const value = inline ?? args[index + 1];
    if (inline === undefined) index += 1;
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--name') name = value;
    else if (!KEY_SCOPES.some((scope) => scope === value))
      return `unknown scope "${value}"; scopes: ${KEY_SCOPES.join(', ')}`;
    else scopes.push(value);
  }
  if (name === undefined) return '--name is required';
  return { name, scopes: scopes.length > 0 ? scopes : [...KEY_SCOPES] };
}

async function withCatalogue(
  io: CliIo,
  run: (db: Awaited<ReturnType<typeof openCatalogue>>['db']) => Promise<number>,
) {
  const handle = await openCatalogue(loadConfig(io.env));
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

/** The `keys` command: create (prints the key once), list, revoke. */
export const keysCommand: CliCommand = async (args, io) => {
  const [action, ...rest] = args;
  if (action === 'create') {
    const parsed = parseCreate(rest);
    if (typeof parsed === 'string') {
      io.stderr(`toolrisk keys: ${parsed}\n${USAGE}`);
      return 2;
    }
    const key = `trk_${randomBytes(24).toString('base64url')}`;
    return withCatalogue(io, async (db) => {
      const row = await insertKey(db, { ...parsed, prefix: key.slice(0, 12), keyHash: hashKey(key) });
      io.stdout(`${key}\n`);
      io.stderr(
        `created key ${row.id} "${row.name}" (${row.prefix}…) with scopes ${row.scopes.join(', ')}; it is shown only now\n`,
      );
      return 0;
    });
  }
  if (action === 'list' && rest.length === 0) {
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
  if (action === 'revoke' && rest.length === 1 && rest[0]) {
    const target = rest[0];
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
  io.stderr(USAGE);
  return 2;
};
