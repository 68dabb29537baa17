// Retries below the typed client, on the wire: a request is tried again after a network error, a
// 429 or a 5xx, a bounded number of times, with exponential backoff and full jitter (so that many
// workstations retrying after one outage spread out). Only what may be repeated is: reads, and
// commands that carry an Idempotency-Key. Each attempt sends a clone of the same Request, so a
// command's key never changes between attempts: the API answers a repeat with the first answer.

export type RetryPolicy = {
  /** Tries in all, the first included. */
  attempts: number;
  /** The backoff before the second try, doubled for each further one (before jitter). */
  baseDelayMs: number;
  /** The backoff never exceeds this (nor does a server's Retry-After). */
  maxDelayMs: number;
  /** [0, 1): the jitter's source; Math.random by default. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 };

type Fetch = (request: Request) => Promise<Response>;

const mayRepeat = (request: Request) => request.method === 'GET' || request.method === 'HEAD' || request.headers.has('idempotency-key');

const worthRetrying = (status: number) => status === 429 || status >= 500;

/** Retry-After in seconds (or an HTTP date), as milliseconds. */
const retryAfterMs = (response: Response): number | null => {
  const value = response.headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
};

const isAbort = (error: unknown) => error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** A fetch that retries as the policy says; what it cannot retry it hands back or throws as it came. */
export const retryingFetch = (inner: Fetch, policy: RetryPolicy = defaultRetryPolicy): Fetch => {
  const random = policy.random ?? Math.random;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = (attempt: number) => random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return async (request) => {
    if (!mayRepeat(request)) return inner(request);
    for (let attempt = 1; ; attempt++) {
      let wait: number;
      try {
        const response = await inner(request.clone());
        if (!worthRetrying(response.status) || attempt >= policy.attempts) return response;
        wait = Math.min(policy.maxDelayMs, retryAfterMs(response) ?? backoff(attempt));
        await response.body?.cancel();
      } catch (error) {
        if (isAbort(error) || attempt >= policy.attempts) throw error;
        wait = backoff(attempt);
      }
      await sleep(wait);
    }
  };
};
