// The tools toolrisk's MCP server lists, in order: what every MCP suite (SDK client, Inspector CLI) expects to see.
// Its own file, not world.ts, so a suite that only spawns processes does not import the app to read it.

/** The names tools/list answers, in the order it lists them. */
export const MCP_TOOL_NAMES = [
  'check_server',
  'check_tool',
  'search_tools',
  'classify_tools',
  'get_policy',
  'check_stack',
] as const;
