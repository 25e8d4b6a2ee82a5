// `toolrisk keys create|list|revoke|grant|ungrant`: API keys, stored as sha256 hashes (a new key is printed once),
// and the server ids an operator grants a key to store.
import {
  createKey,
  type Database,
  grantServer,
  KEY_SCOPES,
  type KeyScope,
  listGrants,
  listKeys,
  revokeKey,
  ungrantServer,
} from '@toolrisk/db';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { readArgs, usageError } from './args.js';
import { didYouMean } from './failures.js';
import type { CliCommand, CliIo, Command } from './io.js';

const USAGE = `usage: toolrisk keys create --name N [--scope ${KEY_SCOPES.join('|')}]...
       toolrisk keys list
       toolrisk keys revoke ID|PREFIX
       toolrisk keys grant ID|PREFIX SERVER_ID...
       toolrisk keys ungrant ID|PREFIX SERVER_ID...
`;

const ACTIONS = ['create', 'list', 'revoke', 'grant', 'ungrant'] as const;

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

/** Grants each server id to the key; exit 1 when the key is unknown or any id is a catalogue server. */
async function grantAll(io: CliIo, db: Database, target: string, serverIds: string[]): Promise<number> {
  let code = 0;
  for (const serverId of serverIds) {
    const result = await grantServer(db, target, serverId);
    if (result.isGranted) {
      const how = result.isNew ? 'granted' : 'already granted';
      io.stdout(`${how} server "${serverId}" to key ${result.keyId} "${result.keyName}"\n`);
    } else if (result.reason === 'no-key') {
      io.stderr(`toolrisk keys: KEY_NOT_FOUND: no active key "${target}" (keys list shows them)\n`);
      return 1;
    } else {
      io.stderr(
        `toolrisk keys: SERVER_NOT_GRANTABLE: server "${serverId}" is a catalogue server (seeded, crawled or imported); no key may store over it\n`,
      );
      code = 1;
    }
  }
  return code;
}

/** Withdraws each grant; exit 1 when any was not there. */
async function ungrantAll(io: CliIo, db: Database, target: string, serverIds: string[]): Promise<number> {
  let code = 0;
  for (const serverId of serverIds) {
    if (await ungrantServer(db, target, serverId)) {
      io.stdout(`withdrew the grant of server "${serverId}" from key "${target}"\n`);
    } else {
      io.stderr(`toolrisk keys: GRANT_NOT_FOUND: key "${target}" holds no grant of server "${serverId}"\n`);
      code = 1;
    }
  }
  return code;
}

/** The `keys` command: create (prints the key once), list, revoke, grant, ungrant. */
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
      const grants = await listGrants(db);
      for (const key of await listKeys(db)) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : 'never';
        const granted = grants.filter((grant) => grant.apiKeyId === key.id).map((grant) => grant.serverId);
        io.stdout(
          `${key.id}\t${key.prefix}…\t${key.name}\t${key.scopes.join(',')}\t${state}\tlast used ${used}\tgrants ${granted.join(',') || 'none'}\n`,
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
  if (action === 'grant' || action === 'ungrant') {
    const [target, ...serverIds] = rest;
    if (target === undefined || serverIds.length === 0)
      return fail(`keys ${action} takes a key ID or PREFIX and one or more server ids`);
    return withCatalogue(io, (db) =>
      action === 'grant' ? grantAll(io, db, target, serverIds) : ungrantAll(io, db, target, serverIds),
    );
  }
  return fail(
    action === undefined
      ? 'name an action: create, list, revoke, grant or ungrant'
      : `unknown action "${action}"${didYouMean(action, ACTIONS)}`,
  );
};

/** The `keys` command. */
export const keysCommand: Command = { usage: USAGE, run };
