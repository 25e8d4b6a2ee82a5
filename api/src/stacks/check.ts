// Checking a stack sent as configuration files: read each, match its servers to the catalogue, find the flows.
import { checkStack, type McpClient, readClientConfig, type StackCheck } from '@toolrisk/classifier';
import type { Database } from '@toolrisk/db';
import { resolveStack } from './resolve.js';

/** One configuration file as the API, the page and the MCP tool receive it. */
export interface SentConfigFile {
  name: string;
  text: string;
  client?: McpClient;
}

/** The stack check of the files sent, against the catalogue; nothing is stored. */
export async function checkSentStack(
  db: Database,
  files: readonly SentConfigFile[],
  profile: string,
): Promise<StackCheck> {
  const readings = files.map((file) =>
    readClientConfig(file.text, file.name, file.client === undefined ? {} : { client: file.client }),
  );
  return checkStack(readings, await resolveStack(db, readings), { profile });
}
