// Every command's argument parsing: node's util.parseArgs behind one call, its failures as usage errors (exit 2).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CliIo } from './io.js';

/** The exit code of a usage error (EXIT_CODES.usage; repeated here so commands need not import the CLI). */
export const USAGE_EXIT_CODE = 2;

/** The options a command declares, as util.parseArgs reads them. */
export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/** What readArgs gives back for these options: typed values and the positionals. */
export type ReadArgs<O extends OptionsSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** A command's arguments read against its options (strict, positionals allowed), or the message naming the problem. */
export function readArgs<const O extends OptionsSpec>(args: string[], options: O): ReadArgs<O> | string {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The value of an integer option: undefined when absent, a message when it is not a positive integer. */
export function positiveIntegerOf(value: string | undefined, flag: string): number | undefined | string {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number > 0
    ? number
    : `${flag} must be a positive integer (got "${value}")`;
}

/** Prints `toolrisk COMMAND: message` and the usage on stderr; resolves to the usage exit code. */
export function usageError(io: CliIo, command: string, message: string, usage: string): number {
  io.stderr(`toolrisk ${command}: ${message}\n${usage}`);
  return USAGE_EXIT_CODE;
}
