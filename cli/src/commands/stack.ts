// `toolrisk scan`, `lock` and `verify`: check the servers MCP clients are configured with, pin them, and catch changes.
import { readFile, writeFile } from 'node:fs/promises';
import { resolveStack } from '@toolrisk/api';
import {
  buildLock,
  CLASSIFIER_VERSION,
  type ClientConfigReading,
  type ConfiguredServer,
  checkStack,
  compareLock,
  exportStackPolicy,
  flowsAtOrAbove,
  formatLock,
  owaspOfLockChange,
  POLICY_FORMATS,
  presentStackCheck,
  type ResolvedServer,
  RISK_LEVELS,
  type RiskLevel,
  parseLock as readLock,
  resolveListedTools,
  type StackCheck,
  serverKey,
  toStackSarif,
  toStackTable,
} from '@toolrisk/classifier';
import { inheritedEnv, introspectPackage, introspectServer, npmPackageSpec } from '@toolrisk/crawler';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { readArgs, usageError } from './args.js';
import type { CliCommand, CliIo, Command } from './io.js';
import { printNameNotes } from './policy.js';
import { readStackFiles } from './stack-files.js';

const SCAN_USAGE = `usage: toolrisk scan [FILE...] [--format table|json|sarif] [--fail-on LEVEL] [--profile P] [--policy F]
                    [--introspect [--allow-exec]]

Reads MCP client configurations (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Codex) — FILE..., or the
usual places of each client when none is given — matches each server to the catalogue (package, URL), and reports
the toxic flows across the stack: private data, untrusted content and an external sink (or code execution,
destruction) reachable by one agent, with the smallest set of gateway rules breaking each. Secret values in the
configuration are never printed or stored; their presence is reported.
  --format table|json|sarif   table (default); json: servers, tools, flows, rules, issues; sarif: SARIF 2.1.0
  --fail-on LEVEL             exit 1 when a flow is at or above LEVEL (low, medium, high, critical)
  --profile P                 strict, balanced (default) or permissive: which flows the starter policy already breaks
  --policy F                  print the stack's policy (breaking rules applied) in format F instead of the report
                              (${POLICY_FORMATS.join(', ')})
  --introspect                list the tools of unmatched servers live: remote URLs, pinned npm packages in the
                              crawler's sandbox; other commands only with --allow-exec (they run on this machine)
exit: 0 done, 1 a flow at or above --fail-on or a file or server refused, 2 bad arguments, 3 bad setting, 4 database
`;

const LOCK_USAGE = `usage: toolrisk lock [FILE...] [--output FILE] [--introspect [--allow-exec]]

Writes toolrisk.lock (or --output FILE): per server its package and version or URL, per tool its definition hash,
category and level, for the servers the configurations (FILE..., or the usual places) name.
exit: 0 written, 1 a file or server refused, 2 bad arguments
`;

const VERIFY_USAGE = `usage: toolrisk verify [FILE...] [--lock FILE] [--introspect [--allow-exec]]

Compares the stack as it is now (catalogue, or live with --introspect) with toolrisk.lock (or --lock FILE) and
fails naming each change: a definition changed, a tool appeared, a level rose, a server is new or changed.
exit: 0 as locked, 1 a change (each printed as CODE: message), 2 bad arguments or no readable lock
`;

interface CheckOptions {
  files: string[];
  profile?: string;
  introspect: boolean;
  allowExec: boolean;
}

function parseLevel(value: string): RiskLevel | undefined {
  return RISK_LEVELS.find((level) => level.toLowerCase() === value.toLowerCase());
}

const COMMON = {
  introspect: { type: 'boolean' },
  'allow-exec': { type: 'boolean' },
} as const;

/** The arguments after the package operand: the server's own. */
function serverArgs(server: ConfiguredServer, identifier: string): string[] {
  const at = server.args.findIndex((arg) => arg === identifier || arg.startsWith(`${identifier}@`));
  return at === -1 ? [] : server.args.slice(at + 1);
}

/** Introspects one unmatched server: a URL over HTTP, a pinned npm package in the sandbox, another command with --allow-exec. */
async function introspectOne(
  server: ConfiguredServer,
  options: CheckOptions,
  io: CliIo,
): Promise<ResolvedServer | null> {
  const identity = server.identity;
  const done = (
    result: { ok: true; tools: unknown[] } | { ok: false; code: string; message: string },
  ): ResolvedServer =>
    result.ok
      ? { status: 'introspected', tools: resolveListedTools(result.tools, server.name) }
      : { status: 'unmatched', tools: [], note: `introspection failed: ${result.code}: ${result.message}` };
  if (identity.kind === 'remote' && server.url !== undefined)
    return done(await introspectServer({ kind: 'http', url: server.url }, { allowPrivateAddresses: false }));
  if (identity.kind === 'npm' && identity.version !== undefined) {
    const spec = npmPackageSpec(identity.identifier, identity.version);
    if (typeof spec === 'string') return { status: 'unmatched', tools: [], note: spec };
    const config = loadConfig(io.env);
    return done(
      await introspectPackage(
        { spec, args: serverArgs(server, identity.identifier), env: {} },
        { sandbox: { cacheDir: config.packageCacheDir }, searchPath: io.env.PATH },
      ),
    );
  }
  if (server.command !== undefined && options.allowExec)
    return done(
      await introspectServer(
        { kind: 'stdio', command: server.command, args: server.args },
        { allowExec: true, baseEnv: inheritedEnv(io.env) },
      ),
    );
  return {
    status: 'unmatched',
    tools: [],
    note:
      identity.kind === 'npm'
        ? 'an unpinned npm package is not run in the sandbox (pin a version), nor on this machine without --allow-exec'
        : 'not run: a command runs on this machine only with --allow-exec',
  };
}

/** Reads the configurations, matches them to the catalogue, introspects what is asked, and checks the stack. */
async function checkFiles(
  options: CheckOptions,
  io: CliIo,
): Promise<{ check: StackCheck; readings: ClientConfigReading[] }> {
  const config = loadConfig(io.env);
  const readings = await readStackFiles(options.files, io.env, process.cwd());
  const handle = await openCatalogue(config, {
    prepare: true,
    log: (message) => io.stderr(`toolrisk: ${message}\n`),
  });
  let resolved: Map<string, ResolvedServer>;
  try {
    resolved = await resolveStack(handle.db, readings);
  } finally {
    await handle.close();
  }
  if (options.introspect) {
    for (const server of readings.flatMap((reading) => reading.servers)) {
      const key = serverKey(server);
      if (resolved.get(key)?.status !== 'unmatched' || !server.isEnabled) continue;
      const live = await introspectOne(server, options, io);
      if (live) resolved.set(key, live);
    }
  }
  return {
    check: checkStack(readings, resolved, options.profile === undefined ? {} : { profile: options.profile }),
    readings,
  };
}

function hasRefusals(check: StackCheck): boolean {
  return check.issues.some((issue) => issue.severity === 'error');
}

function printIssues(check: StackCheck, io: CliIo): void {
  for (const issue of check.issues) io.stderr(`${issue.severity}: ${issue.code}: ${issue.message}\n`);
  for (const server of check.servers)
    if (server.match.status === 'unmatched' && server.match.note)
      io.stderr(`note: ${server.name} (${server.file}): ${server.match.note}\n`);
}

const scan: CliCommand = async (args, io) => {
  const parsed = readArgs(args, {
    ...COMMON,
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    profile: { type: 'string' },
    policy: { type: 'string' },
  });
  const fail = (message: string) => usageError(io, 'scan', message, SCAN_USAGE);
  if (typeof parsed === 'string') return fail(parsed);
  const { values, positionals } = parsed;
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json' && format !== 'sarif')
    return fail(`--format must be one of table, json, sarif (got "${format}")`);
  const failOn = values['fail-on'] === undefined ? undefined : parseLevel(values['fail-on']);
  if (values['fail-on'] !== undefined && failOn === undefined)
    return fail(
      `--fail-on must be one of ${RISK_LEVELS.map((level) => level.toLowerCase()).join(', ')} (got "${values['fail-on']}")`,
    );
  if (values.profile !== undefined && !['strict', 'balanced', 'permissive'].includes(values.profile))
    return fail(`--profile must be one of strict, balanced, permissive (got "${values.profile}")`);
  if (values.policy !== undefined && !POLICY_FORMATS.some((known) => known === values.policy))
    return fail(`--policy must be one of ${POLICY_FORMATS.join(', ')} (got "${values.policy}")`);
  if (values['allow-exec'] && !values.introspect) return fail('--allow-exec goes with --introspect');
  const { check } = await checkFiles(
    {
      files: positionals,
      profile: values.profile,
      introspect: values.introspect === true,
      allowExec: values['allow-exec'] === true,
    },
    io,
  );
  if (values.policy !== undefined) {
    const exported = exportStackPolicy(check.policies, values.policy);
    io.stdout(exported.text);
    printNameNotes(exported.notes, io);
  } else if (format === 'json') io.stdout(`${JSON.stringify(presentStackCheck(check), null, 2)}\n`);
  else if (format === 'sarif') io.stdout(toStackSarif(check, CLASSIFIER_VERSION));
  else io.stdout(toStackTable(check));
  if (format !== 'table' || values.policy !== undefined) printIssues(check, io);
  else
    for (const server of check.servers)
      if (server.match.note) io.stderr(`note: ${server.name}: ${server.match.note}\n`);
  if (failOn !== undefined) {
    const tripped = flowsAtOrAbove(check, failOn);
    if (tripped.length > 0) {
      io.stderr(
        `FAIL_ON_REACHED: ${tripped.length} flow${tripped.length === 1 ? ' is' : 's are'} at or above ${failOn} (--fail-on ${failOn.toLowerCase()}):\n` +
          tripped.map((flow) => `  ${flow.severity}  ${flow.id}  ${flow.summary}\n`).join(''),
      );
      return 1;
    }
  }
  return hasRefusals(check) ? 1 : 0;
};

const lock: CliCommand = async (args, io) => {
  const parsed = readArgs(args, { ...COMMON, output: { type: 'string' } });
  if (typeof parsed === 'string') return usageError(io, 'lock', parsed, LOCK_USAGE);
  const { values, positionals } = parsed;
  const { check } = await checkFiles(
    { files: positionals, introspect: values.introspect === true, allowExec: values['allow-exec'] === true },
    io,
  );
  printIssues(check, io);
  const output = values.output ?? 'toolrisk.lock';
  const locked = buildLock(check);
  await writeFile(output, formatLock(locked));
  const tools = locked.servers.reduce((sum, server) => sum + Object.keys(server.tools).length, 0);
  io.stderr(`wrote ${output}: ${locked.servers.length} servers, ${tools} tools\n`);
  return hasRefusals(check) ? 1 : 0;
};

const verify: CliCommand = async (args, io) => {
  const parsed = readArgs(args, { ...COMMON, lock: { type: 'string' } });
  if (typeof parsed === 'string') return usageError(io, 'verify', parsed, VERIFY_USAGE);
  const { values, positionals } = parsed;
  const file = values.lock ?? 'toolrisk.lock';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(
      `LOCK_UNREADABLE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const read = readLock(text);
  if (!read.ok) {
    io.stderr(`LOCK_INVALID: ${file}: ${read.message}\n`);
    return 2;
  }
  const { check } = await checkFiles(
    { files: positionals, introspect: values.introspect === true, allowExec: values['allow-exec'] === true },
    io,
  );
  printIssues(check, io);
  const changes = compareLock(read.lock, check);
  for (const change of changes) {
    // The OWASP MCP Top 10 risks of the change (a changed definition: MCP03, a possible rug pull).
    const owasp = owaspOfLockChange(change.code).map((risk) => risk.id);
    io.stderr(
      `${change.isFailure ? '' : 'note: '}${change.code}: ${change.message}${owasp.length > 0 ? ` (OWASP ${owasp.join(', ')})` : ''}\n`,
    );
  }
  const failures = changes.filter((change) => change.isFailure).length;
  io.stdout(
    failures === 0
      ? `${file}: the stack is as locked\n`
      : `${file}: ${failures} change${failures === 1 ? '' : 's'} since the lock\n`,
  );
  return failures > 0 || hasRefusals(check) ? 1 : 0;
};

/** `toolrisk scan`: the stack's servers, tools and toxic flows. */
export const scanCommand: Command = { usage: SCAN_USAGE, run: scan };
/** `toolrisk lock`: writes toolrisk.lock. */
export const lockCommand: Command = { usage: LOCK_USAGE, run: lock };
/** `toolrisk verify`: fails naming each change since toolrisk.lock. */
export const verifyCommand: Command = { usage: VERIFY_USAGE, run: verify };
