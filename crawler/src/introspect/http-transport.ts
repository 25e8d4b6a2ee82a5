// Remote MCP transports (streamable HTTP, SSE) behind a fetch that re-checks addresses and caps response bytes.
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { checkUrlAddress } from '../net/address-guard.js';
import { addressRefusal, pinnedDispatcher } from '../net/pinned-dispatcher.js';
import type { IntrospectOptions } from './limits.js';
import type { TransportWatch } from './watch.js';

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch that refuses non-public addresses on every request (redirects included) and counts response bytes. */
export function guardedFetch(options: IntrospectOptions, watch: TransportWatch): Fetch {
  let received = 0;
  // The connection itself re-checks each address it dials, so a name cannot be rebound between check and connect.
  const dispatcher = options.allowPrivateAddresses ? undefined : pinnedDispatcher(options.lookup);
  return async (url, init) => {
    const check = await checkUrlAddress(String(url), options);
    if (!check.ok) {
      watch.failure ??= { code: check.code, message: check.reason };
      throw new Error(check.reason);
    }
    const response = await fetch(url, dispatcher ? { ...init, dispatcher } : init).catch((error: unknown) => {
      const refusal = addressRefusal(error);
      if (refusal !== null) watch.failure ??= { code: 'ADDRESS_NOT_ALLOWED', message: refusal };
      throw error;
    });
    if (!response.body) return response;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > options.maxStdoutBytes) {
          const message = `responses passed ${options.maxStdoutBytes} bytes`;
          watch.failure ??= { code: 'LIMIT_EXCEEDED', message };
          controller.error(new Error(message));
          return;
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The client transport for a remote server of the given kind. */
export function httpTransport(
  kind: 'streamable-http' | 'sse',
  url: string,
  headers: Record<string, string>,
  options: IntrospectOptions,
  watch: TransportWatch,
): Transport {
  const fetch = guardedFetch(options, watch);
  const requestInit: RequestInit = { headers };
  return kind === 'sse'
    ? new SSEClientTransport(new URL(url), { fetch, requestInit, eventSourceInit: { fetch } })
    : new StreamableHTTPClientTransport(new URL(url), { fetch, requestInit });
}
