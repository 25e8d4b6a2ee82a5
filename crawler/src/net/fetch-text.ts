// Fetching a remote document with retries, an address guard, a timeout and a size cap; failures are values.
import type { CrawlErrorCode } from '../errors.js';
import { checkUrlAddress, type HostLookup } from './address-guard.js';
import { backoffDelayMs, isRetryableStatus, type RetryPolicy, retryAfterMs } from './backoff.js';
import { addressRefusal, pinnedDispatcher } from './pinned-dispatcher.js';

/** A fetch implementation (the global one by default). */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** How to fetch one remote document. */
export interface FetchTextOptions {
  retry: RetryPolicy;
  /** Code for a source that stays unreachable (REGISTRY_UNAVAILABLE, LIST_UNAVAILABLE). */
  unavailableCode: CrawlErrorCode;
  allowPrivateAddresses?: boolean | undefined;
  lookup?: HostLookup | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  maxBytes?: number | undefined;
  headers?: Record<string, string> | undefined;
}

/** The body text, or a failure with its code; `attempts` counts every request made. */
export type FetchTextResult =
  | { ok: true; text: string; attempts: number }
  | { ok: false; code: CrawlErrorCode; message: string; attempts: number };

/** Fetches a URL's text; retries network errors, 429 and 5xx (honouring Retry-After), nothing else. */
export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchTextResult> {
  const check = await checkUrlAddress(url, options);
  if (!check.ok) return { ok: false, code: check.code, message: check.reason, attempts: 0 };
  let lastMessage = '';
  for (let attempt = 0; attempt <= options.retry.retries; attempt++) {
    let wait: number | undefined;
    try {
      const response = await fetchFollowing(url, options);
      if (typeof response === 'string')
        return { ok: false, code: 'ADDRESS_NOT_ALLOWED', message: response, attempts: attempt + 1 };
      if (response.ok) return await readBody(response, url, options, attempt + 1);
      lastMessage = `${url} answered ${response.status} ${response.statusText}`;
      await response.body?.cancel();
      if (!isRetryableStatus(response.status)) {
        return { ok: false, code: options.unavailableCode, message: lastMessage, attempts: attempt + 1 };
      }
      wait = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      const refusal = addressRefusal(error);
      if (refusal !== null)
        return { ok: false, code: 'ADDRESS_NOT_ALLOWED', message: refusal, attempts: attempt + 1 };
      lastMessage = `${url}: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (attempt < options.retry.retries) {
      await options.retry.sleep(backoffDelayMs(options.retry, attempt + 1, wait));
    }
  }
  return {
    ok: false,
    code: options.unavailableCode,
    message: `${lastMessage} (after ${options.retry.retries + 1} attempts)`,
    attempts: options.retry.retries + 1,
  };
}

const MAX_REDIRECTS = 5;

/** Fetches, following up to 5 redirects by hand so each new address passes the guard; a string when one does not. */
async function fetchFollowing(url: string, options: FetchTextOptions): Promise<Response | string> {
  // Without private addresses allowed, every connection goes through the pinned dispatcher (no DNS rebinding).
  const dispatcher = options.allowPrivateAddresses ? undefined : pinnedDispatcher(options.lookup);
  const doFetch =
    options.fetch ??
    ((input: string, init?: RequestInit) => fetch(input, dispatcher ? { ...init, dispatcher } : init));
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await doFetch(current, {
      headers: { accept: 'application/json, text/markdown, text/html;q=0.9', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) return `${url}: more than ${MAX_REDIRECTS} redirects`;
    current = new URL(location, current).toString();
    const check = await checkUrlAddress(current, options);
    if (!check.ok) return `${url} redirects to a refused address: ${check.reason}`;
  }
}

async function readBody(
  response: Response,
  url: string,
  options: FetchTextOptions,
  attempts: number,
): Promise<FetchTextResult> {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return {
      ok: false,
      code: 'LIMIT_EXCEEDED',
      message: `${url}: ${declared} bytes, over ${maxBytes}`,
      attempts,
    };
  }
  // Read chunk by chunk and stop at the cap: a server that sends no length (or lies about it) cannot make us buffer more.
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return {
        ok: false,
        code: 'LIMIT_EXCEEDED',
        message: `${url}: more than ${maxBytes} bytes`,
        attempts,
      };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)), attempts };
}
