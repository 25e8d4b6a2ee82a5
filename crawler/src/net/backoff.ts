// Retrying with exponential backoff: which failures deserve another try, and how long to wait before it.

/** How often and how patiently to retry. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits between attempts; tests may pass a no-op. */
  sleep: (ms: number) => Promise<void>;
}

/** The default: 5 retries, 500 ms doubling up to 30 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
});

/** The full policy from a partial one. */
export function retryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...partial };
}

/** True for the statuses worth another try: 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds, or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before attempt `attempt` (1-based retry number): the server's Retry-After if given, else doubling with jitter. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfter?: number): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxDelayMs);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  // Full jitter on the upper half keeps many crawlers from retrying in lockstep.
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.min(jittered, policy.maxDelayMs);
}
