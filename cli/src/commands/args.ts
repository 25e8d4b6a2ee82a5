// Every command's argument parsing: node's util.parseArgs behind one call, its failures as usage errors (exit 2).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean } from './failures.js';
import type { CliIo } from './io.js';

/** The exit code of a usage error (EXIT_CODES.usage; repeated here so commands need not import the CLI). */
export const USAGE_EXIT_CODE = 2;

/** The options a command declares, as util.parseArgs reads them. */
export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/** What readArgs gives back for these options: typed values and the positionals. */
export type ReadArgs<O extends OptionsSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** The code every usage error is printed with: the command line itself is wrong (exit 2). */
export const USAGE_CODE = 'USAGE_INVALID';

/** The message of an unknown option, with the nearest option the command has when one is close. */
function unknownOptionMessage(error: Error, options: OptionsSpec): string {
  const option = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (option === undefined) return error.message;
  const names = Object.keys(options).map((name) => `--${name}`);
  const hint = didYouMean(option, names, (name) => name);
  return `unknown option '${option}'${hint || '; the usage below lists the options'}`;
}

/** A command's arguments read against its options (strict, positionals allowed), or the message naming the problem. */
export function readArgs<const O extends OptionsSpec>(args: string[], options: O): ReadArgs<O> | string {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!(error instanceof Error)) return String(error);
    const code = 'code' in error ? error.code : undefined;
    return code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOptionMessage(error, options) : error.message;
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

/** Prints `toolrisk COMMAND: USAGE_INVALID: message` and the usage on stderr; resolves to the usage exit code. */
export function usageError(io: CliIo, command: string, message: string, usage: string): number {
  io.stderr(`toolrisk ${command}: ${USAGE_CODE}: ${message}\n${usage}`);
  return USAGE_EXIT_CODE;
}
