import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, retryPolicy } from './backoff.js';

describe('backoff', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 410].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2030 00:00:10 GMT', Date.parse('2030-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('doubles the delay per attempt within the cap, and prefers Retry-After', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(backoffDelayMs(policy, 1)).toBeLessThanOrEqual(100);
    expect(backoffDelayMs(policy, 3)).toBeGreaterThanOrEqual(200);
    expect(backoffDelayMs(policy, 10)).toBe(1000);
    expect(backoffDelayMs(policy, 1, 700)).toBe(700);
    expect(backoffDelayMs(policy, 1, 60_000)).toBe(1000);
  });
});
