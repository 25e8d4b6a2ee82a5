// `toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...> |
// --sandbox --package SPEC [-- <args...>])`: list and classify a live server's tools.
import { classifyDocument, readToolsDocument, toJsonReport, toTable } from '@toolrisk/classifier';
import {
  type IntrospectResult,
  inheritedEnv,
  introspectPackage,
  introspectServer,
  type PackageIntrospectResult,
  type PackageSpec,
  parsePackageSpec,
  type ServerTarget,
} from '@toolrisk/crawler';
import { ConfigError, loadConfig } from '../config.js';
import { positiveIntegerOf, readArgs, usageError } from './args.js';
import { liftingHint } from './failures.js';
import type { CliCommand, CliIo, Command } from './io.js';

const USAGE = `usage: toolrisk introspect [--format json|table] [--timeout MS] [--allow-private] (--url URL | -- <command...>)
       toolrisk introspect [--format json|table] [--timeout MS] --sandbox --package SPEC [-- <server args...>]
  SPEC is an npm name@version (one exact version) or a local .tgz; it is installed without its scripts and
  run in a bubblewrap sandbox (no network, read-only root, private home), never on the host.
`;

interface IntrospectArgs {
  format: 'json' | 'table';
  timeoutMs: number | undefined;
  allowPrivate: boolean;
  target: ServerTarget | undefined;
  isSandboxed: boolean;
  packageSpec: string | undefined;
  /** After `--` with --package: the server's own arguments. */
  trailing: string[] | undefined;
}

/** Reads the flags; everything after `--` is the command to run. */
function parseOptions(args: string[]): IntrospectArgs | string {
  const dashes = args.indexOf('--');
  const parsed = readArgs(dashes >= 0 ? args.slice(0, dashes) : args, {
    format: { type: 'string' },
    timeout: { type: 'string' },
    url: { type: 'string' },
    'allow-private': { type: 'boolean' },
    sandbox: { type: 'boolean' },
    package: { type: 'string' },
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
  const packageSpec = values.package;
  if (packageSpec === '') return '--package needs a SPEC (name@version or a .tgz file)';
  const trailing = dashes >= 0 && packageSpec !== undefined ? args.slice(dashes + 1) : undefined;
  if (dashes >= 0 && packageSpec === undefined) {
    const [command, ...rest] = args.slice(dashes + 1);
    if (command === undefined) return 'a command must follow --';
    target = { kind: 'stdio', command, args: rest };
  }
  return {
    format: values.format ?? 'table',
    timeoutMs,
    allowPrivate: values['allow-private'] === true,
    target,
    isSandboxed: values.sandbox === true,
    packageSpec,
    trailing,
  };
}

function timeoutsOf(parsed: IntrospectArgs) {
  if (parsed.timeoutMs === undefined) return {};
  const ms = parsed.timeoutMs;
  return { totalTimeoutMs: ms, requestTimeoutMs: ms, connectTimeoutMs: ms };
}

// The same path as the crawler's: install without scripts, run only inside the sandbox, store nothing.
async function introspectInSandbox(
  spec: PackageSpec,
  parsed: IntrospectArgs,
  io: CliIo,
): Promise<PackageIntrospectResult | number> {
  let cacheDir: string;
  try {
    cacheDir = loadConfig(io.env).packageCacheDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`CONFIG_INVALID: ${error.message}\n`);
    return 3;
  }
  return introspectPackage(
    { spec, args: parsed.trailing ?? [], env: {} },
    { introspect: timeoutsOf(parsed), sandbox: { cacheDir }, searchPath: io.env.PATH },
  );
}

function describeSandbox(result: PackageIntrospectResult): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const { package: installed, peakRssBytes } = result.sandbox;
  const parts = [
    installed
      ? `${installed.name} ${mb(installed.bytes)} installed${installed.isFresh ? '' : ' (cached)'}`
      : '',
    peakRssBytes === null ? '' : `peak RSS ${mb(peakRssBytes)}`,
  ];
  return parts.filter(Boolean).join(', ');
}

async function introspectTarget(
  parsed: IntrospectArgs,
  io: CliIo,
): Promise<IntrospectResult | PackageIntrospectResult | number | string> {
  if (parsed.packageSpec !== undefined) {
    if (!parsed.isSandboxed) return 'a package runs only in the sandbox: add --sandbox';
    if (parsed.target !== undefined) return '--package cannot be combined with --url';
    const spec = parsePackageSpec(parsed.packageSpec, process.cwd());
    if (typeof spec === 'string') return `--package: ${spec}`;
    return introspectInSandbox(spec, parsed, io);
  }
  if (parsed.isSandboxed) return '--sandbox introspects a package: give --package SPEC';
  if (parsed.target === undefined) return 'give --url URL, -- <command...>, or --sandbox --package SPEC';
  // A command typed on this command line is the operator's own decision to run it.
  return introspectServer(parsed.target, {
    ...timeoutsOf(parsed),
    allowExec: parsed.target.kind === 'stdio',
    allowPrivateAddresses: parsed.allowPrivate,
    baseEnv: inheritedEnv(io.env),
  });
}

/** Introspects one server (no database) and prints its tools with their classifications; exits 1 when it fails. */
const run: CliCommand = async (args, io) => {
  const parsed = parseOptions(args);
  const fail = (message: string): number => usageError(io, 'introspect', message, USAGE);
  if (typeof parsed === 'string') return fail(parsed);
  const result = await introspectTarget(parsed, io);
  if (typeof result === 'string') return fail(result);
  if (typeof result === 'number') return result;
  const sandbox = 'sandbox' in result ? describeSandbox(result) : '';
  if (!result.ok) {
    io.stderr(
      `toolrisk introspect: ${result.code} at ${result.stage}: ${result.message}${liftingHint(result.code)}\n`,
    );
    const stderr = result.stderr.trim();
    if (sandbox && stderr) {
      io.stderr(`server stderr (first lines):\n${stderr.split('\n').slice(0, 10).join('\n')}\n`);
    }
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
    `${server.name}: ${result.tools.length} tools over ${result.transport}${sandbox ? ' in the sandbox' : ''}, ${classified.errors.length} refused${sandbox ? ` (${sandbox})` : ''}\n`,
  );
  return 0;
};

/** Introspects one server (no database) and prints its tools with their classifications; exits 1 when it fails. */
export const introspectCommand: Command = { usage: USAGE, run };
