// Pinning a stack: toolrisk.lock (per server its package and version or URL, per tool its definition hash, category and level) and what changed since.
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { riskRank } from '../types.js';
import type { StackCheck } from './check.js';
import { parseJsoncText } from './jsonc.js';
import type { LaunchIdentity } from './model.js';

const LockedTool = Type.Object({
  definitionHash: Type.String(),
  category: Type.Union([Type.Literal('Read'), Type.Literal('Write'), Type.Literal('Execute')]),
  risk: Type.Union([
    Type.Literal('Low'),
    Type.Literal('Medium'),
    Type.Literal('High'),
    Type.Literal('Critical'),
  ]),
});

const LockedServer = Type.Object({
  stack: Type.String(),
  name: Type.String(),
  identity: Type.String(),
  version: Type.Union([Type.String(), Type.Null()]),
  serverId: Type.Union([Type.String(), Type.Null()]),
  tools: Type.Record(Type.String(), LockedTool),
});

/** The toolrisk.lock document: version 1. */
export const StackLockSchema = Type.Object({
  lockfileVersion: Type.Literal(1),
  classifierVersion: Type.String(),
  servers: Type.Array(LockedServer),
});
/** A parsed toolrisk.lock. */
export type StackLock = Static<typeof StackLockSchema>;

/** The kinds of change verify names; the first five fail it. */
export const LOCK_CHANGE_CODES = [
  'TOOL_DEFINITION_CHANGED',
  'TOOL_ADDED',
  'RISK_RAISED',
  'SERVER_ADDED',
  'SERVER_IDENTITY_CHANGED',
  'SERVER_UNVERIFIED',
  'TOOL_REMOVED',
  'RISK_LOWERED',
  'SERVER_REMOVED',
] as const;
/** One kind of lock change. */
export type LockChangeCode = (typeof LOCK_CHANGE_CODES)[number];

/** One difference between the lock and the stack as it is now. */
export interface LockChange {
  code: LockChangeCode;
  /** True when the change fails verify (a definition changed, a tool appeared, a level rose, a server is new or unknown). */
  isFailure: boolean;
  server: string;
  tool?: string;
  message: string;
}

function identityText(identity: LaunchIdentity): { identity: string; version: string | null } {
  if (identity.kind === 'remote') return { identity: identity.url, version: null };
  if (identity.kind === 'local') return { identity: `local:${identity.command}`, version: null };
  return { identity: `${identity.kind}:${identity.identifier}`, version: identity.version ?? null };
}

/** The lock of a checked stack: every enabled server, and every tool toolrisk knows for it. */
export function buildLock(check: StackCheck): StackLock {
  const servers = check.servers
    .filter((server) => server.isEnabled)
    .map((server) => {
      const tools: StackLock['servers'][number]['tools'] = {};
      for (const tool of check.tools)
        if (tool.stack === server.stack && tool.server === server.name)
          Object.defineProperty(tools, tool.name, {
            value: { definitionHash: tool.definitionHash, category: tool.category, risk: tool.risk },
            enumerable: true,
          });
      return {
        stack: server.stack,
        name: server.name,
        ...identityText(server.identity),
        serverId: server.match.serverId ?? null,
        tools,
      };
    })
    .sort((a, b) => a.stack.localeCompare(b.stack) || a.name.localeCompare(b.name));
  return { lockfileVersion: 1, classifierVersion: check.classifierVersion, servers };
}

/** The lock as text: two-space JSON with a trailing newline, sorted, so a diff shows only what changed. */
export function formatLock(lock: StackLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** Parses toolrisk.lock text, or says (LOCK_INVALID) why it is not one. */
export function parseLock(text: string): { ok: true; lock: StackLock } | { ok: false; message: string } {
  const parsed = parseJsoncText(text);
  if (!parsed.ok) return { ok: false, message: `malformed JSON: ${parsed.message}` };
  if (!Value.Check(StackLockSchema, parsed.value)) {
    const first = [...Value.Errors(StackLockSchema, parsed.value)][0];
    return {
      ok: false,
      message: `not a toolrisk.lock (version 1): ${first ? `${first.instancePath || '/'} ${first.message}` : 'schema mismatch'}`,
    };
  }
  return { ok: true, lock: parsed.value };
}

/** Every change between a lock and the stack as it is now, failures first. */
export function compareLock(lock: StackLock, check: StackCheck): LockChange[] {
  const now = buildLock(check);
  const changes: LockChange[] = [];
  const label = (server: { stack: string; name: string }) => `${server.stack}/${server.name}`;
  const unresolved = new Set(
    check.servers
      .filter((server) => server.match.status === 'unmatched')
      .map((server) => `${server.stack}\u0000${server.name}`),
  );
  const before = new Map(lock.servers.map((server) => [`${server.stack}\u0000${server.name}`, server]));
  for (const server of now.servers) {
    const id = `${server.stack}\u0000${server.name}`;
    const locked = before.get(id);
    before.delete(id);
    const name = label(server);
    if (!locked) {
      changes.push({
        code: 'SERVER_ADDED',
        isFailure: true,
        server: name,
        message: `${name}: a server not in the lock (${server.identity})`,
      });
      continue;
    }
    if (locked.identity !== server.identity || locked.version !== server.version)
      changes.push({
        code: 'SERVER_IDENTITY_CHANGED',
        isFailure: true,
        server: name,
        message: `${name}: was ${locked.identity}${locked.version ? `@${locked.version}` : ''}, now ${server.identity}${server.version ? `@${server.version}` : ''}`,
      });
    if (unresolved.has(id) && Object.keys(locked.tools).length > 0) {
      changes.push({
        code: 'SERVER_UNVERIFIED',
        isFailure: true,
        server: name,
        message: `${name}: its tools could not be read now (not in the catalogue; try --introspect), so the lock cannot be verified`,
      });
      continue;
    }
    for (const [tool, entry] of Object.entries(server.tools)) {
      const was = Object.hasOwn(locked.tools, tool) ? locked.tools[tool] : undefined;
      if (!was) {
        changes.push({
          code: 'TOOL_ADDED',
          isFailure: true,
          server: name,
          tool,
          message: `${name}: new tool ${tool} (${entry.category}/${entry.risk})`,
        });
        continue;
      }
      if (was.definitionHash !== entry.definitionHash)
        changes.push({
          code: 'TOOL_DEFINITION_CHANGED',
          isFailure: true,
          server: name,
          tool,
          message: `${name}: ${tool} changed its definition (${was.definitionHash.slice(0, 12)} → ${entry.definitionHash.slice(0, 12)})`,
        });
      const delta = riskRank(entry.risk) - riskRank(was.risk);
      if (delta > 0)
        changes.push({
          code: 'RISK_RAISED',
          isFailure: true,
          server: name,
          tool,
          message: `${name}: ${tool} rose from ${was.risk} to ${entry.risk}`,
        });
      else if (delta < 0)
        changes.push({
          code: 'RISK_LOWERED',
          isFailure: false,
          server: name,
          tool,
          message: `${name}: ${tool} fell from ${was.risk} to ${entry.risk}`,
        });
    }
    for (const tool of Object.keys(locked.tools))
      if (!Object.hasOwn(server.tools, tool))
        changes.push({
          code: 'TOOL_REMOVED',
          isFailure: false,
          server: name,
          tool,
          message: `${name}: ${tool} is gone`,
        });
  }
  for (const server of before.values())
    changes.push({
      code: 'SERVER_REMOVED',
      isFailure: false,
      server: label(server),
      message: `${label(server)}: no longer configured`,
    });
  return changes.sort((a, b) => Number(b.isFailure) - Number(a.isFailure));
}
