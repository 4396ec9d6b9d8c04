/**
 * Token buckets, one per client (partner key or IP), in this process's memory: each allows
 * `perMinute` requests a minute with bursts up to the same number. With several portal processes
 * behind a load balancer each enforces its own share.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  take(
    key: string,
    perMinute: number,
    now = Date.now(),
  ): { ok: boolean; remaining: number; resetSeconds: number; retryAfter: number } {
    const rate = perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.prune(now, rate);
    return {
      ok,
      remaining: Math.floor(b.tokens),
      resetSeconds: Math.ceil((perMinute - b.tokens) / rate / 1000),
      retryAfter: ok ? 0 : Math.ceil((1 - b.tokens) / rate / 1000),
    };
  }

  private prune(now: number, rate: number): void {
    for (const [k, b] of this.buckets) if (now - b.at > 1 / rate + 60_000) this.buckets.delete(k);
  }
}
