// Running the toolrisk CLI in-process with captured output.
import { runCli } from '@toolrisk/cli';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `toolrisk <args>` with the given environment and standard input. */
export async function runToolrisk(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin = '',
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => stdin,
    env,
  });
  return { code, stdout, stderr };
}
