// check_stack: a client configuration in, its servers matched to the catalogue and the flows between them out; nothing stored.
import { presentStackCheck, renderStackPolicy } from '@toolrisk/classifier';
import type { Database } from '@toolrisk/db';
import { checkSentStack } from '../stacks/check.js';
import type { McpAnswer } from './answer.js';
import type { CheckStackOutput, McpToolArguments } from './tools.js';

/** The file name a configuration is read under when none is given: TOML for text that looks like Codex's, else JSON by shape. */
function fileNameOf(args: McpToolArguments<'check_stack'>, text: string): string {
  if (args.file !== undefined) return args.file;
  return /^\s*\[mcp_servers\./m.test(text) && !/^\s*[{[]/.test(text) ? 'config.toml' : 'mcp.json';
}

/** check_stack: the stack check of one configuration, and its policy file when a format is asked. */
export async function checkStackAnswer(
  db: Database,
  args: McpToolArguments<'check_stack'>,
): Promise<McpAnswer<typeof CheckStackOutput>> {
  const text = typeof args.config === 'string' ? args.config : JSON.stringify(args.config);
  const check = await checkSentStack(
    db,
    [{ name: fileNameOf(args, text), text, ...(args.client === undefined ? {} : { client: args.client }) }],
    args.profile ?? 'balanced',
  );
  const answer = presentStackCheck(check);
  const open = check.flows.filter((flow) => !flow.isBrokenByPolicy);
  const worst = open[0];
  return {
    structured: {
      ...answer,
      ...(args.format === undefined
        ? {}
        : { policy: { format: args.format, content: renderStackPolicy(check.policies, args.format) } }),
    },
    summary:
      `${check.summary.servers} servers (${check.summary.matched} in the catalogue), ${check.summary.tools} tools, ` +
      `${check.flows.length} flows, ${open.length} open under ${check.profile}` +
      (worst ? `; worst: ${worst.severity} ${worst.summary}` : '') +
      (check.issues.length > 0 ? `; ${check.issues.length} configuration issues` : '') +
      '.',
  };
}
