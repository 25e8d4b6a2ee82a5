// Turning whatever an introspection threw into one stable failure code (errors.ts), using what the transport saw.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CrawlErrorCode } from '../errors.js';
import type { TransportWatch } from './watch.js';

/** Where an introspection was when it failed. */
export type IntrospectStage = 'install' | 'connect' | 'initialize' | 'tools/list';

/** A failure's code and message. */
export interface StageFailure {
  code: CrawlErrorCode;
  message: string;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** True for errors of the network itself (refused, reset, DNS), the only ones worth a retry. */
export function isNetworkError(error: unknown): boolean {
  const text = messageOf(error);
  return /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|socket hang up/i.test(
    text,
  );
}

/** Classifies an error thrown at `stage`; the transport's own observations come first. */
export function classifyFailure(
  error: unknown,
  stage: IntrospectStage,
  watch: TransportWatch,
  isTotalTimeout: boolean,
): StageFailure {
  if (watch.failure) return watch.failure;
  const message = messageOf(error);
  if (isTotalTimeout) return { code: 'TIMEOUT', message: `total time limit reached during ${stage}` };
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return { code: 'TIMEOUT', message: `${stage} timed out: ${message}` };
  }
  if (watch.exit) {
    const { code, signal } = watch.exit;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const stderr = watch.stderr.trim().slice(0, 500);
    return {
      code: 'SERVER_CRASHED',
      message: `server exited (${how}) during ${stage}${stderr ? `: ${stderr}` : ''}`,
    };
  }
  if (stage === 'connect' || isNetworkError(error)) return { code: 'CONNECT_FAILED', message };
  if (
    /StreamableHTTPError|SseError|Error POSTing|SSE error/i.test(
      `${error instanceof Error ? error.name : ''} ${message}`,
    )
  ) {
    return { code: 'CONNECT_FAILED', message };
  }
  if (stage === 'initialize') return { code: 'INITIALIZE_FAILED', message };
  return { code: 'PROTOCOL_ERROR', message: `${stage}: ${message}` };
}
