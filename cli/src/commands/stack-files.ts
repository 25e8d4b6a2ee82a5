// Where the MCP clients keep their configuration, and reading those files with their size bounded before parsing.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ClientConfigReading,
  MAX_CONFIG_BYTES,
  type McpClient,
  readClientConfig,
  refusedConfig,
} from '@toolrisk/classifier';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The usual places of each client's configuration (user-wide and in the current project), per the clients' documentation. */
export function usualConfigPlaces(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { file: string; client: McpClient }[] {
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const places: { file: string; client: McpClient }[] = [];
  const add = (client: McpClient, ...parts: string[]) => places.push({ file: join(...parts), client });
  if (home !== '') {
    add('claude-desktop', home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
    add('claude-desktop', home, '.config', 'Claude', 'claude_desktop_config.json');
    add('claude-code', home, '.claude.json');
    add('cursor', home, '.cursor', 'mcp.json');
    add('vscode', home, 'Library', 'Application Support', 'Code', 'User', 'mcp.json');
    add('vscode', home, '.config', 'Code', 'User', 'mcp.json');
    add('windsurf', home, '.codeium', 'windsurf', 'mcp_config.json');
  }
  if (env.APPDATA) {
    add('claude-desktop', env.APPDATA, 'Claude', 'claude_desktop_config.json');
    add('vscode', env.APPDATA, 'Code', 'User', 'mcp.json');
  }
  const codexHome = env.CODEX_HOME ?? (home === '' ? '' : join(home, '.codex'));
  if (codexHome !== '') add('codex', codexHome, 'config.toml');
  add('claude-code', cwd, '.mcp.json');
  add('cursor', cwd, '.cursor', 'mcp.json');
  add('vscode', cwd, '.vscode', 'mcp.json');
  return places;
}

/** The text of a file, or why not: bigger than MAX_CONFIG_BYTES (only its size is read), missing, a directory. */
export async function readConfigFile(file: string, client?: McpClient): Promise<ClientConfigReading | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    if (client !== undefined && (code === 'ENOENT' || code === 'ENOTDIR')) return null;
    return refusedConfig(file, { reason: code === 'ENOENT' ? 'no such file' : messageOf(error) });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return refusedConfig(file, { reason: 'a directory, not a file' });
    if (stats.size > MAX_CONFIG_BYTES) return refusedConfig(file, { bytes: stats.size });
    const text = await handle.readFile('utf8');
    return readClientConfig(text, file, client === undefined ? {} : { client });
  } catch (error) {
    return refusedConfig(file, { reason: messageOf(error) });
  } finally {
    await handle.close();
  }
}

/** The readings of the files named, or of every usual place that exists when none is. */
export async function readStackFiles(
  files: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<ClientConfigReading[]> {
  if (files.length > 0)
    return (await Promise.all(files.map((file) => readConfigFile(file)))).flatMap((r) => (r ? [r] : []));
  const places = usualConfigPlaces(env, cwd);
  const readings = await Promise.all(places.map((place) => readConfigFile(place.file, place.client)));
  return readings.flatMap((reading) => (reading ? [reading] : []));
}
