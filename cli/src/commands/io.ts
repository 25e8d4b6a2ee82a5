// What a CLI command may touch: its arguments, standard streams and files, passed in so tests can drive it.
import { readFile } from 'node:fs/promises';

/** The outside world of one CLI command. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<string>;
  /** The process environment, read only through loadConfig. */
  env: Readonly<Record<string, string | undefined>>;
}

/** A command: arguments after its name in, exit code out. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** A command with its usage, which `toolrisk COMMAND --help` prints. */
export interface Command {
  usage: string;
  run: CliCommand;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    // biome-ignore lint/style/noProcessEnv: the one door to the environment; loadConfig parses it.
    env: process.env,
  };
}

/** Reads FILE, or standard input when FILE is `-` or absent. */
export async function readInput(file: string | undefined, io: CliIo): Promise<string> {
  if (file === undefined || file === '-') return io.readStdin();
  return readFile(file, 'utf8');
}
