// `toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...>)`: list and classify a live server's tools.
import { classifyDocument, readToolsDocument, toJsonReport, toTable } from '@toolrisk/classifier';
import { inheritedEnv, introspectServer, type ServerTarget } from '@toolrisk/crawler';
import type { CliCommand, CliIo, Command } from './io.js';

const USAGE =
  'usage: toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...>)\n';

interface IntrospectArgs {
  format: 'json' | 'table';
  timeoutMs: number | undefined;
  allowPrivate: boolean;
  target: ServerTarget | undefined;
}

/** Reads the flags; everything after `--` is the command to run. */
function parseArgs(args: string[]): IntrospectArgs | string {
  const parsed: IntrospectArgs = {
    format: 'table',
    timeoutMs: undefined,
    allowPrivate: false,
    target: undefined,
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      const [command, ...rest] = args.slice(index + 1);
      if (command === undefined) return 'a command must follow --';
      parsed.target = { kind: 'stdio', command, args: rest };
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    if (flag === '--allow-private') {
      parsed.allowPrivate = true;
      continue;
    }
    const value = inline ?? args[++index];
    if (flag === '--format') {
      if (value !== 'json' && value !== 'table')
        return `--format must be json or table (got "${value ?? ''}")`;
      parsed.format = value;
    } else if (flag === '--timeout') {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 1) return `--timeout must be a positive number of milliseconds`;
      parsed.timeoutMs = ms;
    } else if (flag === '--url') {
      if (value === undefined || !URL.canParse(value)) return `--url needs a valid URL`;
      parsed.target = { kind: 'http', url: value };
    } else {
      return `unknown option "${arg}"`;
    }
  }
  return parsed;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`toolrisk introspect: ${message}\n${USAGE}`);
  return 2;
}

/** Introspects one server (no database) and prints its tools with their classifications; exits 1 when it fails. */
const run: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return fail(io, parsed);
  if (parsed.target === undefined) return fail(io, 'give --url URL or -- <command...>');
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
