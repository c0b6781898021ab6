/**
 * Fixed-window counters in process memory: cheap enough to run on every request. Each process
 * counts on its own, so behind a load balancer the effective limit is per process (docs/operations.md).
 */
export function createRateLimiter(options: { limit: number; windowMs: number }) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = Date.now() + options.windowMs;

  return {
    /** Counts one request for `key`; `allowed: false` with the seconds until the window resets when over. */
    hit(key: string): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
      const now = Date.now();
      if (now > nextSweep) {
        for (const [windowKey, window] of windows) if (window.resetAt <= now) windows.delete(windowKey);
        nextSweep = now + options.windowMs;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
      return {
        allowed: window.count <= options.limit,
        remaining: Math.max(0, options.limit - window.count),
        retryAfterSeconds,
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
