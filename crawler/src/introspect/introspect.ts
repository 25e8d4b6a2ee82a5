// Introspecting one MCP server: connect, initialize, list every tool page, all within bounds; failures are values.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { z } from 'zod';
import type { CrawlErrorCode } from '../errors.js';
import { checkUrlAddress } from '../net/address-guard.js';
import { backoffDelayMs, retryPolicy } from '../net/backoff.js';
import { classifyFailure, type IntrospectStage, isNetworkError } from './failure.js';
import { httpTransport } from './http-transport.js';
import { describeTarget, type IntrospectOptions, introspectOptions, type ServerTarget } from './limits.js';
import { BoundedStdioTransport, type StdioLaunch } from './stdio-transport.js';
import { newWatch, type TransportWatch } from './watch.js';

/** What a server said about itself and the raw tools it listed (validated later, per tool). */
export interface IntrospectSuccess {
  ok: true;
  target: string;
  serverInfo: Record<string, unknown> | null;
  instructions: string | null;
  capabilities: Record<string, unknown> | null;
  /** Tools exactly as listed: unknown until readToolsDocument reads them. */
  tools: unknown[];
  pages: number;
  /** The transport used in the end (SSE when streamable HTTP was refused). */
  transport: 'stdio' | 'streamable-http' | 'sse';
}

/** Why an introspection failed, with the stage it reached. */
export interface IntrospectFailure {
  ok: false;
  target: string;
  code: CrawlErrorCode;
  stage: IntrospectStage;
  message: string;
  stderr: string;
}

/** The outcome of one introspection. */
export type IntrospectResult = IntrospectSuccess | IntrospectFailure;

// Loose on purpose: each tool is checked by readToolsDocument, so one bad tool does not sink the list.
const ToolsPageSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

/** Introspects one server; never throws for the server's misbehaviour. */
export async function introspectServer(
  target: ServerTarget,
  partial: Partial<IntrospectOptions> = {},
): Promise<IntrospectResult> {
  const options = introspectOptions(partial);
  const label = describeTarget(target);
  const refuse = (code: CrawlErrorCode, message: string): IntrospectFailure => ({
    ok: false,
    target: label,
    code,
    stage: 'connect',
    message,
    stderr: '',
  });
  if (target.kind === 'stdio') {
    if (!options.allowExec) return refuse('EXEC_NOT_ALLOWED', `running ${label} was not allowed`);
    return attempt(label, 'stdio', options, (watch) => makeTransport(target, 'stdio', options, watch));
  }
  // Checked before any connection: a refused address is never contacted.
  const check = await checkUrlAddress(target.url, options);
  if (!check.ok) return refuse(check.code, check.reason);
  const retry = retryPolicy(options.retry);
  let result = await attemptRemote(target, options);
  for (
    let retryNumber = 1;
    !result.ok && result.code === 'CONNECT_FAILED' && retryNumber <= retry.retries;
    retryNumber++
  ) {
    if (!isNetworkError(result.message)) break;
    await retry.sleep(backoffDelayMs(retry, retryNumber));
    result = await attemptRemote(target, options);
  }
  return result;
}

async function attemptRemote(
  target: Extract<ServerTarget, { kind: 'http' }>,
  options: IntrospectOptions,
): Promise<IntrospectResult> {
  const remote = (kind: IntrospectSuccess['transport']) =>
    attempt(target.url, kind, options, (watch) => makeTransport(target, kind, options, watch));
  if (target.transport === 'sse') return remote('sse');
  const streamable = await remote('streamable-http');
  // A server that refuses streamable HTTP at initialize (404, 405) may still speak the older SSE transport.
  if (streamable.ok || target.transport === 'streamable-http' || streamable.stage !== 'initialize')
    return streamable;
  if (
    !['CONNECT_FAILED', 'INITIALIZE_FAILED'].includes(streamable.code) ||
    isNetworkError(streamable.message)
  ) {
    return streamable;
  }
  const sse = await remote('sse');
  return sse.ok ? sse : streamable;
}

function makeTransport(
  target: ServerTarget,
  kind: IntrospectSuccess['transport'],
  options: IntrospectOptions,
  watch: TransportWatch,
): Transport {
  if (target.kind === 'stdio') {
    const launch = {
      command: target.command,
      args: target.args ?? [],
      env: { ...options.baseEnv, ...target.env },
      cwd: target.cwd,
      maxStdoutBytes: options.maxStdoutBytes,
      maxStderrBytes: options.maxStderrBytes,
    };
    return new BoundedStdioTransport(launch, watch);
  }
  return httpTransport(
    kind === 'sse' ? 'sse' : 'streamable-http',
    target.url,
    target.headers ?? {},
    options,
    watch,
  );
}

/**
 * Introspects over a stdio launch built by the caller: the sandbox wraps the server in bwrap this way. Internal
 * to the crawler (not in index.ts): the launch is run as given, with no allowExec check of its own.
 */
export function introspectLaunch(
  label: string,
  launch: StdioLaunch,
  partial: Partial<IntrospectOptions>,
  onStart?: (transport: BoundedStdioTransport) => void,
): Promise<IntrospectResult> {
  const options = introspectOptions(partial);
  return attempt(label, 'stdio', options, (watch) => {
    const transport = new BoundedStdioTransport(launch, watch);
    if (onStart) transport.onstarted = () => onStart(transport);
    return transport;
  });
}

async function attempt(
  label: string,
  kind: IntrospectSuccess['transport'],
  options: IntrospectOptions,
  build: (watch: TransportWatch) => Transport,
): Promise<IntrospectResult> {
  const watch = newWatch();
  const total = AbortSignal.timeout(options.totalTimeoutMs);
  const client = new Client({ name: 'toolrisk-crawler', version: '0.1.0' }, { capabilities: {} });
  const transport = build(watch);
  let stage: IntrospectStage = 'initialize';
  try {
    await client.connect(transport, { signal: total, timeout: options.connectTimeoutMs });
    stage = 'tools/list';
    const listed = await listTools(client, options, total);
    if (typeof listed === 'string') throw new ListLimitError(listed);
    return success(label, client, listed, kind);
  } catch (error) {
    const failure =
      error instanceof ListLimitError
        ? { code: error.code, message: error.message }
        : classifyFailure(error, stage, watch, total.aborted);
    return { ok: false, target: label, stage, ...failure, stderr: watch.stderr };
  } finally {
    await client.close().catch(() => {});
    await transport.close().catch(() => {});
  }
}

class ListLimitError extends Error {
  readonly code: CrawlErrorCode = 'LIMIT_EXCEEDED';
}

async function listTools(
  client: Client,
  options: IntrospectOptions,
  signal: AbortSignal,
): Promise<{ tools: unknown[]; pages: number } | string> {
  // A server without the tools capability has no tools to list.
  if (client.getServerCapabilities()?.tools === undefined) return { tools: [], pages: 0 };
  const tools: unknown[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      ToolsPageSchema,
      { signal, timeout: options.requestTimeoutMs },
    );
    pages++;
    tools.push(...page.tools);
    if (tools.length > options.maxTools) return `more than ${options.maxTools} tools (cap)`;
    cursor = page.nextCursor === '' ? undefined : page.nextCursor;
    if (cursor !== undefined && cursors.has(cursor)) return `cursor ${cursor.slice(0, 40)} repeated`;
    if (cursor !== undefined) cursors.add(cursor);
    if (pages >= options.maxPages && cursor !== undefined) return `more than ${options.maxPages} pages (cap)`;
  } while (cursor !== undefined);
  return { tools, pages };
}

function success(
  label: string,
  client: Client,
  listed: { tools: unknown[]; pages: number },
  kind: IntrospectSuccess['transport'],
): IntrospectSuccess {
  const serverInfo = client.getServerVersion();
  const capabilities = client.getServerCapabilities();
  return {
    ok: true,
    target: label,
    serverInfo: serverInfo ? { ...serverInfo } : null,
    instructions: client.getInstructions() ?? null,
    capabilities: capabilities ? { ...capabilities } : null,
    tools: listed.tools,
    pages: listed.pages,
    transport: kind,
  };
}
