// The Cedar context ToolHive gives a tools/call, which the Cedar export's argument rules are written against.

/** A value of that context: a string, a boolean, or a Cedar decimal. */
export type ToolhiveCedarValue = string | boolean | { __extn: { fn: 'decimal'; arg: string } };

/**
 * The Cedar context ToolHive builds for a tools/call (pkg/authz/authorizers/cedar, preprocessArguments): a string,
 * boolean or number argument as `arg_<name>` (a JSON number becomes a Cedar decimal), anything else (a list, an
 * object, null) only as `arg_<name>_present: true`.
 */
export function toolhiveContext(args: Record<string, unknown>): Record<string, ToolhiveCedarValue> {
  const context: Record<string, ToolhiveCedarValue> = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' || typeof value === 'boolean') context[`arg_${name}`] = value;
    else if (typeof value === 'number')
      context[`arg_${name}`] = { __extn: { fn: 'decimal', arg: value.toFixed(4) } };
    else context[`arg_${name}_present`] = true;
  }
  return context;
}
