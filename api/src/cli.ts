// The `toolrisk` command line: one explicit list of commands, each in its own module under cli/.
import { type CliCommand, type CliIo, processIo } from './cli/io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {};

/** Registers a command; called once per command module in the list below. */
function command(name: string, summary: string, load: () => Promise<CliCommand>): void {
  COMMANDS[name] = { summary, load };
}

// The command list. Each module exports one CliCommand.
command(
  'serve',
  'migrate, seed and serve the catalogue over HTTP',
  async () => (await import('./cli/serve.js')).serveCommand,
);
command(
  'crawl',
  'enumerate servers into the catalogue: toolrisk crawl registry|list|servers|submissions (see toolrisk crawl --help)',
  async () => (await import('./cli/crawl.js')).crawlCommand,
);
command(
  'introspect',
  "classify a live server's tools without storing: toolrisk introspect [--format json|table] -- COMMAND... | --url URL",
  async () => (await import('./cli/introspect.js')).introspectCommand,
);
command(
  'import',
  'import MCP tools/list documents: toolrisk import FILE|DIR...',
  async () => (await import('./cli/import.js')).importCommand,
);
command(
  'keys',
  'manage API keys: toolrisk keys create --name N [--scope S] | list | revoke ID',
  async () => (await import('./cli/keys.js')).keysCommand,
);
command(
  'policy',
  'recommend a starter gateway policy: toolrisk policy FILE [--profile P] [--format json|yaml] [--pin]',
  async () => (await import('./cli/policy.js')).policyCommand,
);
command(
  'classify',
  'classify the tools of a tools/list document: toolrisk classify [FILE|-] [--format json|table|sarif] [--fail-on LEVEL]',
  async () => (await import('./cli/classify.js')).classifyCommand,
);
command(
  'second-opinion',
  'ask Claude about low-confidence or conflicting classifications: toolrisk second-opinion [--batch] [--eval [--dir DIR]]',
  async () => (await import('./cli/second-opinion.js')).secondOpinionCommand,
);

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
    io.stderr(`toolrisk: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const run = await entry.load();
  return run(rest, io);
}
