// check_stack: a client configuration in, its servers matched to the catalogue and the flows between them out; nothing stored.
import { exportStackPolicy, MAX_CONFIG_BYTES, presentStackCheck } from '@toolrisk/classifier';
import type { Database } from '@toolrisk/db';
import { ApiError } from '../errors.js';
import { checkSentStack } from '../stacks/check.js';
import type { McpAnswer } from './answer.js';
import type { CheckStackOutput, McpToolArguments } from './tools.js';

/** The file name a configuration is read under when none is given: TOML for text that looks like Codex's, else JSON by shape. */
function fileNameOf(args: McpToolArguments<'check_stack'>, text: string): string {
  if (args.file !== undefined) return args.file;
  return /^\s*\[mcp_servers\./m.test(text) && !/^\s*[{[]/.test(text) ? 'config.toml' : 'mcp.json';
}

/** Reading problems that leave nothing of the configuration to check: the call is a tool error, not an empty check. */
const UNREADABLE_CONFIG = new Set(['CONFIG_MALFORMED', 'CONFIG_NOT_OBJECT']);

/** The configuration as text, refused as BODY_TOO_LARGE past the size a client configuration may have. */
function configText(config: McpToolArguments<'check_stack'>['config']): string {
  const text = typeof config === 'string' ? config : JSON.stringify(config);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ApiError(
      'BODY_TOO_LARGE',
      `/config: ${bytes} bytes, more than the ${MAX_CONFIG_BYTES} allowed`,
      {
        limit: MAX_CONFIG_BYTES,
      },
    );
  }
  return text;
}

/** check_stack: the stack check of one configuration, and its policy file when a format is asked. */
export async function checkStackAnswer(
  db: Database,
  args: McpToolArguments<'check_stack'>,
): Promise<McpAnswer<typeof CheckStackOutput>> {
  const text = configText(args.config);
  const check = await checkSentStack(
    db,
    [{ name: fileNameOf(args, text), text, ...(args.client === undefined ? {} : { client: args.client }) }],
    args.profile ?? 'balanced',
  );
  const unreadable = check.issues.find((issue) => UNREADABLE_CONFIG.has(issue.code));
  if (unreadable)
    throw new ApiError('DOCUMENT_INVALID', `/config: ${unreadable.code}: ${unreadable.message}`);
  const answer = presentStackCheck(check);
  const exported = args.format === undefined ? undefined : exportStackPolicy(check.policies, args.format);
  const policy = exported?.text;
  const notes = exported?.notes ?? [];
  const open = check.flows.filter((flow) => !flow.isBrokenByPolicy);
  const worst = open[0];
  return {
    structured: {
      ...answer,
      ...(args.format === undefined || policy === undefined
        ? {}
        : { policy: { format: args.format, content: policy } }),
    },
    ...(policy === undefined ? {} : { extraText: policy }),
    summary:
      `${check.summary.servers} servers (${check.summary.matched} in the catalogue), ${check.summary.tools} tools, ` +
      `${check.flows.length} flows, ${open.length} open under ${check.profile}` +
      (worst ? `; worst: ${worst.severity} ${worst.summary}` : '') +
      (check.issues.length > 0 ? `; ${check.issues.length} configuration issues` : '') +
      '.' +
      notes.map((note) => `\n${note.message}`).join(''),
  };
}
