// Every client's configuration file, in its published format, read into servers; every bad input a coded issue naming file and path.
import { readFileSync } from 'node:fs';
import { type ClientConfigReading, MAX_CONFIG_BYTES, readClientConfig } from '@toolrisk/classifier';
import { describe, expect, it } from 'vitest';
import { CONFIGS_DIR } from './reference-stack.js';

function read(relative: string): ClientConfigReading {
  const file = `${CONFIGS_DIR}/${relative}`;
  return readClientConfig(readFileSync(file, 'utf8'), file);
}

function byName(reading: ClientConfigReading, name: string) {
  const server = reading.servers.find((item) => item.name === name);
  if (!server) throw new Error(`no server ${name} in ${reading.file}`);
  return server;
}

/** Every string a reading holds, to prove no secret value survives in it. */
function allText(reading: ClientConfigReading): string {
  return JSON.stringify(reading);
}

describe('client configuration readers', () => {
  it('Claude Desktop: mcpServers, packages from npx and docker, plain-text secrets reported by name only', () => {
    const reading = read('claude-desktop/claude_desktop_config.json');
    expect(reading.client).toBe('claude-desktop');
    expect(reading.servers.map((server) => server.name)).toEqual(['filesystem', 'fetch', 'gmail', 'github']);
    expect(byName(reading, 'filesystem').identity).toEqual({
      kind: 'npm',
      identifier: '@modelcontextprotocol/server-filesystem',
    });
    expect(byName(reading, 'gmail').identity).toEqual({ kind: 'oci', identifier: 'yashtekwani/gmail-mcp' });
    expect(byName(reading, 'github').secrets).toEqual([
      { where: 'env', key: 'GITHUB_PERSONAL_ACCESS_TOKEN', isPlainText: true },
    ]);
    expect(byName(reading, 'gmail').env).toEqual(['EMAIL_ADDRESS', 'EMAIL_PASSWORD']);
    const warnings = reading.issues.filter((issue) => issue.code === 'SECRET_IN_PLAIN_TEXT');
    expect(warnings.map((issue) => issue.path).sort()).toEqual([
      '/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN',
      '/mcpServers/gmail/env/EMAIL_PASSWORD',
    ]);
    expect(allText(reading)).not.toContain('ghp_R3alLook1ng');
    expect(allText(reading)).not.toContain('abcd efgh');
  });

  it('Claude Code .mcp.json: stdio, http and sse servers; references are not plain text; a shared file', () => {
    const reading = read('claude-code/.mcp.json');
    expect(reading.client).toBe('claude-code');
    expect(byName(reading, 'sentry')).toMatchObject({
      transport: 'http',
      url: 'https://mcp.sentry.dev/mcp',
      headers: ['Authorization'],
    });
    expect(byName(reading, 'sentry').secrets).toEqual([
      { where: 'header', key: 'Authorization', isPlainText: false },
    ]);
    expect(byName(reading, 'context7')).toMatchObject({
      transport: 'sse',
      identity: { kind: 'remote', url: 'https://mcp.context7.com/sse' },
    });
    expect(byName(reading, 'github').secrets).toEqual([
      { where: 'env', key: 'GITHUB_PERSONAL_ACCESS_TOKEN', isPlainText: false },
    ]);
    expect(reading.issues).toEqual([]);
  });

  it("Claude Code ~/.claude.json: user servers and each project's, with a password in a connection string removed", () => {
    const reading = read('claude-code/.claude.json');
    expect(reading.servers.map((server) => [server.name, server.path])).toEqual([
      ['memory', '/mcpServers/memory'],
      ['postgres', '/projects/~1home~1alex~1work~1api/mcpServers/postgres'],
    ]);
    const postgres = byName(reading, 'postgres');
    expect(postgres.args).toContain('postgresql://localhost/app');
    expect(postgres.secrets).toEqual([{ where: 'url', key: 'userinfo', isPlainText: true }]);
    expect(allText(reading)).not.toContain('s3cret-pass');
    // ~/.claude.json holds many app settings besides servers: those are not reported.
    expect(reading.issues.filter((issue) => issue.code === 'CONFIG_KEY_UNKNOWN')).toEqual([]);
  });

  it('Cursor: a pinned npm version, a remote server with a plain-text bearer token in a shared project file', () => {
    const reading = read('cursor/.cursor/mcp.json');
    expect(reading.client).toBe('cursor');
    expect(byName(reading, 'playwright').identity).toEqual({
      kind: 'npm',
      identifier: '@playwright/mcp',
      version: '0.0.83',
    });
    expect(byName(reading, 'notion').secrets).toEqual([
      { where: 'header', key: 'Authorization', isPlainText: true },
    ]);
    const warning = reading.issues.find((issue) => issue.code === 'SECRET_IN_PLAIN_TEXT');
    expect(warning?.message).toContain('shared project file');
    expect(warning?.path).toBe('/mcpServers/notion/headers/Authorization');
    expect(allText(reading)).not.toContain('ntn_4f8a');
  });

  it('VS Code: JSONC with comments and trailing commas, servers and inputs, an undefined input reported', () => {
    const reading = read('vscode/.vscode/mcp.json');
    expect(reading.client).toBe('vscode');
    expect(reading.servers.map((server) => server.name)).toEqual(['github', 'fetch', 'brave']);
    expect(byName(reading, 'github').secrets).toEqual([
      { where: 'header', key: 'Authorization', isPlainText: false },
    ]);
    expect(reading.issues).toEqual([
      expect.objectContaining({
        code: 'INPUT_UNDEFINED',
        severity: 'warning',
        path: '/servers/brave/env/BRAVE_API_KEY',
      }),
    ]);
  });

  it('Windsurf: serverUrl for a remote server, a disabled server kept but not enabled', () => {
    const reading = read('windsurf/mcp_config.json');
    expect(reading.client).toBe('windsurf');
    expect(byName(reading, 'figma')).toMatchObject({
      transport: 'http',
      url: 'https://mcp.figma.com/mcp',
      isEnabled: false,
    });
    expect(byName(reading, 'tavily').identity).toEqual({
      kind: 'npm',
      identifier: 'tavily-mcp',
      version: '0.2.22',
    });
    expect(byName(reading, 'tavily').secrets).toEqual([
      { where: 'env', key: 'TAVILY_API_KEY', isPlainText: true },
    ]);
  });

  it('Codex: [mcp_servers.NAME] tables in TOML, a bearer token read from the environment, an env sub-table', () => {
    const reading = read('codex/config.toml');
    expect(reading.client).toBe('codex');
    expect(reading.servers.map((server) => server.name)).toEqual(['filesystem', 'github', 'code-runner']);
    expect(byName(reading, 'github')).toMatchObject({
      transport: 'http',
      secrets: [{ where: 'header', key: 'Authorization', isPlainText: false }],
    });
    expect(byName(reading, 'code-runner').env).toEqual(['CODE_RUNNER_TOKEN']);
    expect(reading.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['SECRET_IN_PLAIN_TEXT', '/mcp_servers/code-runner/env/CODE_RUNNER_TOKEN'],
    ]);
    expect(allText(reading)).not.toContain('sk_live_');
  });
});

describe('bad client configurations', () => {
  it('broken JSON: CONFIG_MALFORMED naming the file, line and column, and no text of the file', () => {
    const reading = read('bad/broken.json');
    expect(reading.servers).toEqual([]);
    expect(reading.issues).toHaveLength(1);
    expect(reading.issues[0]?.code).toBe('CONFIG_MALFORMED');
    expect(reading.issues[0]?.message).toMatch(
      /broken\.json: malformed JSON: expected "," or "}" after a property at line 4, column 5/,
    );
  });

  it('broken TOML: CONFIG_MALFORMED with line and column, without the source line smol-toml quotes', () => {
    const reading = read('bad/broken.toml');
    expect(reading.issues[0]?.code).toBe('CONFIG_MALFORMED');
    expect(reading.issues[0]?.message).toMatch(/broken\.toml: malformed TOML at line \d+, column \d+/);
    expect(reading.issues[0]?.message).not.toContain('mcp-npx-fetch');
  });

  it('unknown keys, no command nor url, a non-http url, a non-object entry: each coded at its path, the rest still read', () => {
    const reading = read('bad/unknown-keys.json');
    expect(reading.servers.map((server) => server.name)).toEqual(['fetch']);
    expect(reading.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['CONFIG_KEY_UNKNOWN', '/mcpServers/fetch/autoStart'],
      ['CONFIG_KEY_UNKNOWN', '/mcpServers/nothing/description'],
      ['SERVER_NO_TRANSPORT', '/mcpServers/nothing'],
      ['SERVER_URL_INVALID', '/mcpServers/ftp/url'],
      ['SERVER_NOT_OBJECT', '/mcpServers/list'],
    ]);
    for (const issue of reading.issues) expect(issue.message).toContain('unknown-keys.json');
    expect(allText(reading)).not.toContain('not-shown-anywhere');
  });

  it('a 10 MB file: CONFIG_TOO_LARGE, not parsed', () => {
    const huge = `{"mcpServers": {}, "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`;
    const reading = readClientConfig(huge, 'huge/claude_desktop_config.json');
    expect(reading.issues.map((issue) => issue.code)).toEqual(['CONFIG_TOO_LARGE']);
    expect(reading.issues[0]?.message).toContain(`more than the ${MAX_CONFIG_BYTES}`);
  });

  it('a document that is not an object, and nesting past the limit', () => {
    expect(readClientConfig('[1, 2]', 'a/.mcp.json').issues.map((issue) => issue.code)).toEqual([
      'CONFIG_NOT_OBJECT',
    ]);
    const deep = `{"mcpServers": ${'['.repeat(500)}${']'.repeat(500)}}`;
    const reading = readClientConfig(deep, 'a/.mcp.json');
    expect(reading.issues[0]?.code).toBe('CONFIG_MALFORMED');
    expect(reading.issues[0]?.message).toContain('nested deeper than');
  });

  it('a server named __proto__ is a server, not a prototype', () => {
    const reading = readClientConfig(
      '{"mcpServers": {"__proto__": {"command": "npx", "args": ["x"]}}}',
      'a/.mcp.json',
    );
    expect(reading.servers.map((server) => server.name)).toEqual(['__proto__']);
  });
});
