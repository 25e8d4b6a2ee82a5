// Guarantees of introspection: real servers over stdio, streamable HTTP and SSE are listed; hostile ones end as coded failures.
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IntrospectResult, introspectServer } from '@toolrisk/crawler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fixtureServer,
  type RunningServer,
  referenceServer,
  startSseServer,
  startStreamableServer,
} from './mcp-servers.js';

const node = process.execPath;
const allow = { allowExec: true, allowPrivateAddresses: true };

function toolNames(result: IntrospectResult): string[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.tools.map((tool) => (tool as { name: string }).name);
}

function isAlive(pid: number): boolean {
  try {
    // A zombie still answers kill(0); /proc says whether it is really running.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

describe('introspecting real servers', () => {
  it('lists the tools of server-memory over stdio, with its serverInfo', async () => {
    const result = await introspectServer(
      { kind: 'stdio', command: node, args: [referenceServer('server-memory')] },
      allow,
    );
    expect(toolNames(result)).toContain('create_entities');
    expect(result.ok && result.serverInfo?.name).toBe('memory-server');
    expect(result.ok && result.transport).toBe('stdio');
  });

  it('lists the tools of server-filesystem over stdio, confined to a temporary directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-fs-'));
    const result = await introspectServer(
      { kind: 'stdio', command: node, args: [referenceServer('server-filesystem'), dir] },
      allow,
    );
    expect(toolNames(result)).toEqual(expect.arrayContaining(['read_text_file', 'write_file', 'move_file']));
  });

  it('lists the tools of server-everything over stdio and keeps its instructions', async () => {
    const result = await introspectServer(
      { kind: 'stdio', command: node, args: [referenceServer('server-everything'), 'stdio'] },
      allow,
    );
    expect(toolNames(result)).toContain('echo');
    expect(result.ok && result.instructions).toMatch(/Everything Server/);
    expect(result.ok && result.capabilities?.tools).toBeDefined();
  });

  it('refuses to run a command unless exec is allowed', async () => {
    const result = await introspectServer({
      kind: 'stdio',
      command: node,
      args: [referenceServer('server-memory')],
    });
    expect(result).toMatchObject({ ok: false, code: 'EXEC_NOT_ALLOWED' });
  });

  it('reports a command that cannot start as CONNECT_FAILED', async () => {
    const result = await introspectServer({ kind: 'stdio', command: '/nonexistent/toolrisk-mcp' }, allow);
    expect(result).toMatchObject({ ok: false, code: 'CONNECT_FAILED' });
  });
});

describe('introspecting remote servers', () => {
  let streamable: RunningServer;
  let sse: RunningServer;
  beforeAll(async () => {
    streamable = await startStreamableServer();
    sse = await startSseServer();
  });
  afterAll(async () => {
    await streamable?.close();
    await sse?.close();
  });

  it('lists tools over streamable HTTP', async () => {
    const result = await introspectServer({ kind: 'http', url: `${streamable.url}/mcp` }, allow);
    expect(toolNames(result).sort()).toEqual(['delete_file', 'get_weather']);
    expect(result.ok && result.transport).toBe('streamable-http');
    expect(result.ok && result.serverInfo).toMatchObject({ name: 'demo-http', version: '1.2.3' });
  });

  it('lists tools over SSE when asked for SSE', async () => {
    const result = await introspectServer({ kind: 'http', url: `${sse.url}/sse`, transport: 'sse' }, allow);
    expect(toolNames(result).sort()).toEqual(['delete_file', 'get_weather']);
  });

  it('falls back to SSE when the server refuses streamable HTTP', async () => {
    const result = await introspectServer({ kind: 'http', url: `${sse.url}/sse` }, allow);
    expect(result.ok && result.transport).toBe('sse');
  });

  it('refuses a loopback URL without connecting unless private addresses are allowed', async () => {
    const before = streamable.connections();
    const result = await introspectServer({ kind: 'http', url: `${streamable.url}/mcp` });
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(streamable.connections()).toBe(before);
  });

  it('refuses a host name that resolves to a private address, before any connection', async () => {
    const lookup = vi.fn(async () => ['10.1.2.3', '93.184.216.34']);
    const result = await introspectServer({ kind: 'http', url: 'https://mcp.example.test/mcp' }, { lookup });
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(result.ok || result.message).toMatch(/10\.1\.2\.3/);
  });

  it('refuses a host name rebound to loopback after its first check', async () => {
    let lookups = 0;
    // DNS rebinding: the first answer is public, every later one loopback. (The connection's own lookup is
    // pinned too: see crawler/src/net/pinned-dispatcher.test.ts.)
    const lookup = async () => (++lookups === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    const port = new URL(streamable.url).port;
    const before = streamable.connections();
    const result = await introspectServer(
      { kind: 'http', url: `http://rebind.example.test:${port}/mcp` },
      { lookup, retry: { retries: 0 } },
    );
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(lookups).toBeGreaterThanOrEqual(2);
    expect(streamable.connections()).toBe(before);
  });

  it.each(['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '2130706433'])(
    'refuses the live loopback server spelt as %s without connecting (IPv4-mapped SSRF bypass)',
    async (host) => {
      const port = new URL(streamable.url).port;
      const before = streamable.connections();
      const result = await introspectServer({ kind: 'http', url: `http://${host}:${port}/mcp` });
      expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
      expect(result.ok || result.message).toMatch(/non-public address/);
      expect(streamable.connections()).toBe(before);
    },
  );

  it('refuses link-local metadata addresses', async () => {
    const result = await introspectServer({ kind: 'http', url: 'http://169.254.169.254/latest' });
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });
});

describe('hostile servers over stdio', () => {
  const run = (name: string, options: Parameters<typeof introspectServer>[1] = {}, args: string[] = []) =>
    introspectServer(
      { kind: 'stdio', command: node, args: [fixtureServer(name), ...args] },
      { ...allow, ...options },
    );

  it('a server that hangs on tools/list times out, and its whole process tree is killed', async () => {
    const result = await run('hang', { requestTimeoutMs: 300, totalTimeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', stage: 'tools/list' });
    const pid = Number(/grandchild (\d+)/.exec(result.ok ? '' : result.stderr)?.[1]);
    expect(pid).toBeGreaterThan(0);
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false));
  });

  it('a grandchild that left the process group (setsid) is killed with the server all the same', async () => {
    const result = await run('detached-grandchild', { requestTimeoutMs: 300, totalTimeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', stage: 'tools/list' });
    const pid = Number(/grandchild (\d+)/.exec(result.ok ? '' : result.stderr)?.[1]);
    expect(pid).toBeGreaterThan(0);
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false));
  });

  it('a server that refuses initialize is INITIALIZE_FAILED', async () => {
    expect(await run('never-initializes')).toMatchObject({
      ok: false,
      code: 'INITIALIZE_FAILED',
      stage: 'initialize',
    });
  });

  it('a server that never answers initialize is a TIMEOUT at initialize', async () => {
    const result = await introspectServer(
      { kind: 'stdio', command: node, args: ['-e', 'process.stdin.resume()'] },
      { ...allow, connectTimeoutMs: 300 },
    );
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', stage: 'initialize' });
  });

  it('a server listing 10,000 tools hits the cap: LIMIT_EXCEEDED, nothing partial', async () => {
    const result = await run('many-tools');
    expect(result).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED', stage: 'tools/list' });
    expect(result.ok || result.message).toMatch(/1000/);
  });

  it('a server listing 10,000 tools is listed whole when the cap allows it', async () => {
    const result = await run('many-tools', { maxTools: 10_000 });
    expect(result.ok && result.tools.length).toBe(10_000);
  });

  it('a server writing malformed JSON-RPC is a PROTOCOL_ERROR', async () => {
    expect(await run('malformed')).toMatchObject({
      ok: false,
      code: 'PROTOCOL_ERROR',
      message: 'stdout is not JSON-RPC: {"jsonrpc": "2.0", "id": oops, "result"',
    });
  });

  it('a server that logs to stdout around its answers (text and JSON records) is listed, as clients list it', async () => {
    expect(toolNames(await run('logs-on-stdout'))).toEqual(['get_status', 'get_logs']);
  });

  it('a server writing more than 1,000 lines of stdout that are not JSON-RPC is a PROTOCOL_ERROR', async () => {
    expect(await run('logs-on-stdout', {}, ['flood'])).toMatchObject({
      ok: false,
      code: 'PROTOCOL_ERROR',
      message: 'more than 1000 lines of stdout are not JSON-RPC, the last: debug line 1000',
    });
  });

  it('a server crashing mid-list is SERVER_CRASHED', async () => {
    const result = await run('crash-mid-list');
    expect(result).toMatchObject({ ok: false, code: 'SERVER_CRASHED', stage: 'tools/list' });
    expect(result.ok || result.message).toMatch(/code 3/);
  });

  it('a server whose output passes the byte cap is LIMIT_EXCEEDED', async () => {
    expect(await run('huge-description', { maxStdoutBytes: 1024 * 1024 })).toMatchObject({
      ok: false,
      code: 'LIMIT_EXCEEDED',
    });
  });

  it('a 5 MB description still arrives whole under the default cap (validation refuses it later)', async () => {
    const result = await run('huge-description');
    expect(result.ok && result.tools.length).toBe(3);
  });
});
