// The `toolrisk` command line: one explicit list of commands, each in its own module under commands/.
import { DB_ERROR_CODES, databaseFailureOf } from '@toolrisk/db';
import { didYouMean } from './commands/failures.js';
import { type CliIo, type Command, processIo } from './commands/io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {};

/** Registers a command; called once per command module in the list below. */
function command(name: string, summary: string, load: () => Promise<Command>): void {
  COMMANDS[name] = { summary, load };
}

// The command list. Each module exports one CliCommand.
command(
  'serve',
  'migrate, seed and serve the catalogue over HTTP',
  async () => (await import('./commands/serve.js')).serveCommand,
);
command(
  'crawl',
  'enumerate servers into the catalogue: toolrisk crawl registry|list|servers|submissions|classify, and crawl status|errors (see toolrisk crawl --help)',
  async () => (await import('./commands/crawl.js')).crawlCommand,
);
command(
  'worker',
  'work the crawl job queue (shared by every worker on one DATABASE_URL): toolrisk worker [--concurrency N] [--allow-exec] [--allow-private]',
  async () => (await import('./commands/worker.js')).workerCommand,
);
command(
  'introspect',
  "classify a live server's tools without storing: toolrisk introspect [--format json|table] -- COMMAND... | --url URL",
  async () => (await import('./commands/introspect.js')).introspectCommand,
);
command(
  'mcp',
  'serve the catalogue as a read-only MCP server over stdio: toolrisk mcp',
  async () => (await import('./commands/mcp.js')).mcpCommand,
);
command(
  'import',
  'import MCP tools/list documents: toolrisk import FILE|DIR...',
  async () => (await import('./commands/import.js')).importCommand,
);
command(
  'keys',
  'manage API keys: toolrisk keys create --name N [--scope S] | list | revoke ID',
  async () => (await import('./commands/keys.js')).keysCommand,
);
command(
  'policy',
  'recommend a starter policy, in any of the formats policy --help lists: toolrisk policy FILE [--profile P] [--format F] [--pin]',
  async () => (await import('./commands/policy.js')).policyCommand,
);
command(
  'classify',
  'classify the tools of a tools/list document: toolrisk classify [FILE|-] [--format json|table|sarif] [--fail-on LEVEL]',
  async () => (await import('./commands/classify.js')).classifyCommand,
);
command(
  'scan',
  'check the MCP servers your clients are configured with, and the toxic flows between them: toolrisk scan [FILE...] [--format table|json|sarif] [--fail-on LEVEL]',
  async () => (await import('./commands/stack.js')).scanCommand,
);
command(
  'lock',
  'pin the configured servers and their tools in toolrisk.lock: toolrisk lock [FILE...] [--output FILE]',
  async () => (await import('./commands/stack.js')).lockCommand,
);
command(
  'verify',
  'fail naming each change since toolrisk.lock: toolrisk verify [FILE...] [--lock FILE]',
  async () => (await import('./commands/stack.js')).verifyCommand,
);
command(
  'second-opinion',
  'ask Claude about low-confidence or conflicting classifications: toolrisk second-opinion [--batch] [--eval [--dir DIR]]',
  async () => (await import('./commands/second-opinion.js')).secondOpinionCommand,
);

/** Exit codes of every command (the README's table). */
export const EXIT_CODES = {
  /** Done. */
  ok: 0,
  /** The command ran and reports a failure: a refused file, a --fail-on gate, a missing key. */
  failed: 1,
  /** Bad arguments; the usage was printed. */
  usage: 2,
  /** A setting is invalid (CONFIG_INVALID). */
  config: 3,
  /** The database cannot be opened or used: DATA_DIR_*, DATABASE_UNAVAILABLE, MIGRATION_FAILED. */
  database: 4,
  /** A bug: an error without a code of ours. */
  internal: 70,
} as const;

const DATABASE_CODES: readonly string[] = [...DB_ERROR_CODES];

/** The stable code of an error, when it carries one of ours. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' && /^[A-Z][A-Z_]+$/.test(error.code) ? error.code : undefined;
}

/**
 * `CODE: message`, then each cause on its own line; never a stack trace. A failure of the database itself (a full
 * disk under the data directory, say) is described as itself, wherever a query wrapped it.
 */
export function describeError(thrown: unknown): string {
  const error = databaseFailureOf(thrown) ?? thrown;
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${codeOf(error) ?? 'INTERNAL_ERROR'}: ${message}`];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth += 1) {
    lines.push(`  cause: ${cause instanceof Error ? cause.message : String(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return `${lines.join('\n')}\n`;
}

/** The exit code of a command that threw. */
function exitCodeOf(error: unknown): number {
  const code = codeOf(databaseFailureOf(error) ?? error);
  if (code === 'CONFIG_INVALID') return EXIT_CODES.config;
  if (code !== undefined && DATABASE_CODES.includes(code)) return EXIT_CODES.database;
  return code === undefined ? EXIT_CODES.internal : EXIT_CODES.failed;
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(15)} ${summary}`);
  return `usage: toolrisk <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    io.stderr(`toolrisk: COMMAND_UNKNOWN: no command "${name}"${hint}\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  // Only options before `--` are ours: introspect passes what follows to the server it starts.
  const ours = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (ours.includes('--help') || ours.includes('-h')) {
    io.stdout(command.usage);
    return EXIT_CODES.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(describeError(error));
    return exitCodeOf(error);
  }
}
