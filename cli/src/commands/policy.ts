// `toolrisk policy FILE [--profile P] [--format F] [--pin]`: a tools/list document in, a starter policy out in any
// of the formats the classifier writes (POLICY_FORMATS).
import {
  allIssues,
  classifyTool,
  hasErrors,
  hashDefinition,
  POLICY_FORMATS,
  POLICY_PROFILES,
  type PolicyInput,
  parseFormat,
  parseProfile,
  readToolsDocument,
  recommendPolicy,
  renderPolicy,
  serverContextOf,
  type ToolDefinition,
  ToolriskClassifierError,
} from '@toolrisk/classifier';
import { type CliIo, type Command, readInput } from './io.js';

const USAGE = `usage: toolrisk policy FILE [--profile ${POLICY_PROFILES.join('|')}] [--format ${POLICY_FORMATS.join('|')}] [--pin]\n`;

interface PolicyArgs {
  file: string | undefined;
  profile: string | undefined;
  format: string | undefined;
  pin: boolean;
}

/** Reads the flags; a message naming the problem when they are wrong. */
function parseArgs(args: string[]): PolicyArgs | string {
  const parsed: PolicyArgs = { file: undefined, profile: undefined, format: undefined, pin: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--pin') {
      parsed.pin = true;
    } else if (flag === '--profile' || flag === '--format') {
      const value = inline ?? args[index + 1];
      if (inline === undefined) index += 1;
      if (value === undefined) return `${flag} needs a value`;
      parsed[flag === '--profile' ? 'profile' : 'format'] = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option "${arg}"`;
    } else if (parsed.file === undefined) {
      parsed.file = arg;
    } else {
      return `unexpected argument "${arg}"`;
    }
  }
  return parsed;
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
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`toolrisk policy: ${parsed}\n${USAGE}`);
    return 2;
  }
  let profile: string;
  let format: string;
  try {
    profile = parseProfile(parsed.profile);
    format = parseFormat(parsed.format);
  } catch (error) {
    if (!(error instanceof ToolriskClassifierError)) throw error;
    io.stderr(`toolrisk policy: ${error.message}\n${USAGE}`);
    return 2;
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
  io.stdout(renderPolicy(policy, format));
  return 0;
}

/** The `policy` command: recommends a starter policy for one server's tools. */
export const policyCommand: Command = { usage: USAGE, run };
