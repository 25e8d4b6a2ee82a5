// `toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...>)`: list and classify a live server's tools.
import { classifyDocument, readToolsDocument, toJsonReport, toTable } from '@toolrisk/classifier';
import { inheritedEnv, introspectServer, type ServerTarget } from '@toolrisk/crawler';
import { positiveIntegerOf, readArgs, usageError } from './args.js';
import type { CliCommand, Command } from './io.js';

const USAGE =
  'usage: toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...>)\n';

interface IntrospectArgs {
  format: 'json' | 'table';
  timeoutMs: number | undefined;
  allowPrivate: boolean;
  target: ServerTarget | undefined;
}

/** Reads the flags; everything after `--` is the command to run. */
function parseOptions(args: string[]): IntrospectArgs | string {
  const dashes = args.indexOf('--');
  const parsed = readArgs(dashes >= 0 ? args.slice(0, dashes) : args, {
    format: { type: 'string' },
    timeout: { type: 'string' },
    url: { type: 'string' },
    'allow-private': { type: 'boolean' },
  });
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return `unexpected argument "${positionals[0]}"`;
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'table')
    return `--format must be json or table (got "${values.format}")`;
  const timeoutMs = positiveIntegerOf(values.timeout, '--timeout');
  if (typeof timeoutMs === 'string') return `--timeout must be a positive number of milliseconds`;
  if (values.url !== undefined && !URL.canParse(values.url)) return `--url needs a valid URL`;
  let target: ServerTarget | undefined =
    values.url === undefined ? undefined : { kind: 'http', url: values.url };
  if (dashes >= 0) {
    const [command, ...rest] = args.slice(dashes + 1);
    if (command === undefined) return 'a command must follow --';
    target = { kind: 'stdio', command, args: rest };
  }
  return {
    format: values.format ?? 'table',
    timeoutMs,
    allowPrivate: values['allow-private'] === true,
    target,
  };
}

/** Introspects one server (no database) and prints its tools with their classifications; exits 1 when it fails. */
const run: CliCommand = async (args, io) => {
  const parsed = parseOptions(args);
  const fail = (message: string): number => usageError(io, 'introspect', message, USAGE);
  if (typeof parsed === 'string') return fail(parsed);
  if (parsed.target === undefined) return fail('give --url URL or -- <command...>');
  const timeouts =
    parsed.timeoutMs === undefined
      ? {}
      : {
          totalTimeoutMs: parsed.timeoutMs,
          requestTimeoutMs: parsed.timeoutMs,
          connectTimeoutMs: parsed.timeoutMs,
        };
  // A command typed on this command line is the operator's own decision to run it.
  const result = await introspectServer(parsed.target, {
    ...timeouts,
    allowExec: parsed.target.kind === 'stdio',
    allowPrivateAddresses: parsed.allowPrivate,
    baseEnv: inheritedEnv(io.env),
  });
  if (!result.ok) {
    io.stderr(`toolrisk introspect: ${result.code} at ${result.stage}: ${result.message}\n`);
    return 1;
  }
  const info = result.serverInfo ?? {};
  const server = {
    name: typeof info.name === 'string' ? info.name : result.target,
    ...(typeof info.version === 'string' ? { version: info.version } : {}),
    ...(result.instructions ? { description: result.instructions.slice(0, 2000) } : {}),
  };
  const classified = classifyDocument(readToolsDocument({ server, tools: result.tools }));
  if (parsed.format === 'json') io.stdout(`${JSON.stringify(toJsonReport(classified), null, 2)}\n`);
  else io.stdout(toTable(classified));
  for (const error of classified.errors) io.stderr(`error: ${error.path}: ${error.code}: ${error.message}\n`);
  io.stderr(
    `${server.name}: ${result.tools.length} tools over ${result.transport}, ${classified.errors.length} refused\n`,
  );
  return 0;
};

/** Introspects one server (no database) and prints its tools with their classifications; exits 1 when it fails. */
export const introspectCommand: Command = { usage: USAGE, run };
