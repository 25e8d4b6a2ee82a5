// `toolrisk policy FILE [--profile P] [--format F] [--pin]`: a tools/list document in, a starter policy out in any
// of the formats the classifier writes (POLICY_FORMATS).
import {
  allIssues,
  classifyTool,
  exportPolicy,
  hasErrors,
  hashDefinition,
  POLICY_FORMATS,
  POLICY_PROFILES,
  type PolicyInput,
  type PolicyNameNote,
  parseFormat,
  parseProfile,
  readToolsDocument,
  recommendPolicy,
  serverContextOf,
  type ToolDefinition,
  ToolriskClassifierError,
} from '@toolrisk/classifier';
import { readArgs, usageError } from './args.js';
import { type CliIo, type Command, readInput } from './io.js';

const USAGE = `usage: toolrisk policy FILE [--profile ${POLICY_PROFILES.join('|')}] [--format ${POLICY_FORMATS.join('|')}] [--pin]\n`;

interface PolicyArgs {
  file: string | undefined;
  profile: string | undefined;
  format: string | undefined;
  pin: boolean;
}

/** Reads the flags; a message naming the problem when they are wrong. */
function parseOptions(args: string[]): PolicyArgs | string {
  const parsed = readArgs(args, {
    profile: { type: 'string' },
    format: { type: 'string' },
    pin: { type: 'boolean' },
  });
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  const [file, extra] = positionals;
  if (extra !== undefined) return `unexpected argument "${extra}"`;
  return { file, profile: values.profile, format: values.format, pin: values.pin === true };
}

/** Classifies every usable tool of the document into policy inputs (with definition hashes for pins). */
function policyInputs(
  tools: ToolDefinition[],
  server: { name?: string; description?: string },
): PolicyInput[] {
  return tools.map((tool) => ({
    name: tool.name,
    classification: classifyTool(tool, serverContextOf(server, tools)),
    definitionHash: hashDefinition(tool),
    inputSchema: tool.inputSchema,
  }));
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(args);
  if (typeof parsed === 'string') return usageError(io, 'policy', parsed, USAGE);
  let profile: string;
  let format: string;
  try {
    profile = parseProfile(parsed.profile);
    format = parseFormat(parsed.format);
  } catch (error) {
    if (!(error instanceof ToolriskClassifierError)) throw error;
    return usageError(io, 'policy', error.message, USAGE);
  }
  let value: unknown;
  try {
    value = JSON.parse(await readInput(parsed.file, io));
  } catch (error) {
    io.stderr(
      `toolrisk policy: cannot read ${parsed.file ?? 'standard input'}: ${(error as Error).message}\n`,
    );
    return 1;
  }
  const document = readToolsDocument(value);
  for (const issue of allIssues(document))
    io.stderr(`${issue.severity}: ${issue.path}: ${issue.message} (${issue.code})\n`);
  if (hasErrors(document)) return 1;
  const tools = document.entries.flatMap((entry) => (entry.tool ? [entry.tool] : []));
  const server = {
    ...(document.server?.name !== undefined ? { name: document.server.name } : {}),
    ...(document.server?.description !== undefined ? { description: document.server.description } : {}),
  };
  const policy = recommendPolicy(policyInputs(tools, server), {
    profile,
    pin: parsed.pin,
    ...(server.name !== undefined ? { serverName: server.name } : {}),
  });
  const exported = exportPolicy(policy, format);
  io.stdout(exported.text);
  printNameNotes(exported.notes, io);
  return 0;
}

/** Prints each name a policy file could not write exactly on stderr (the file still is the best the format holds). */
export function printNameNotes(notes: readonly PolicyNameNote[], io: Pick<CliIo, 'stderr'>): void {
  for (const note of notes)
    io.stderr(
      `warning: ${note.format}: ${note.message} (${note.kind === 'merged' ? 'POLICY_NAME_MERGED' : 'POLICY_NAME_NOT_WRITTEN'})\n`,
    );
}

/** The `policy` command: recommends a starter policy for one server's tools. */
export const policyCommand: Command = { usage: USAGE, run };
