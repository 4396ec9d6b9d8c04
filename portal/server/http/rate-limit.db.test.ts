import { describe, expect, it } from 'vitest';
import { databaseKinds, migratedDatabaseForBlock } from '../../../tests/helpers/databases';
import { DatabaseRateLimiter, MemoryRateLimiter, type RateLimiter } from './rate-limit';

describe('a client’s budget in one process’s memory', () => {
  it('allows perMinute requests at once, then one more per interval, and says when to retry', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await limiter.take('ip:203.0.113.9', 10));
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect(answers[9]).toMatchObject({ ok: true, remaining: 0, resetSeconds: 60 });
    expect(answers[10]).toMatchObject({ ok: false, remaining: 0, retryAfter: 6 });
    // another client is not affected
    expect((await limiter.take('ip:198.51.100.1', 10)).ok).toBe(true);
    now += 6_000; // one interval later: exactly one more
    expect((await limiter.take('ip:203.0.113.9', 10)).ok).toBe(true);
    expect((await limiter.take('ip:203.0.113.9', 10)).ok).toBe(false);
    now += 60_000; // a minute later the budget is full again
    expect(await limiter.take('ip:203.0.113.9', 10)).toMatchObject({ ok: true, remaining: 9 });
  });
});

describe.each(databaseKinds())('a client’s budget shared through the database on %s', (kind) => {
  const database = migratedDatabaseForBlock(kind);

  it('holds across several processes: a client spreading requests over three gets one budget', async () => {
    const db = database();
    // three limiters on one database stand for three portal processes behind a balancer
    const processes: RateLimiter[] = [
      new DatabaseRateLimiter(db),
      new DatabaseRateLimiter(db),
      new DatabaseRateLimiter(db),
    ];
    const answers = await Promise.all(
      Array.from({ length: 45 }, (_, i) => processes[i % 3]!.take('ip:203.0.113.77', 30)),
    );
    const accepted = answers.filter((a) => a.ok).length;
    // 30 at once, plus at most one refilled during the run (one every 2 s)
    expect(accepted).toBeGreaterThanOrEqual(30);
    expect(accepted).toBeLessThanOrEqual(31);
    const refused = answers.find((a) => !a.ok)!;
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(2);
    expect(refused.remaining).toBe(0);
    // another client has its own budget
    expect((await processes[0]!.take('ip:198.51.100.1', 30)).ok).toBe(true);
  });

  it('prunes only full budgets', async () => {
    const db = database();
    await db.query(`INSERT INTO rate_budgets (key, tat) VALUES ('ip:old', 0)`);
    await DatabaseRateLimiter.prune(db);
    const keys = (await db.query<{ key: string }>(`SELECT key FROM rate_budgets ORDER BY key`)).map((r) => r.key);
    expect(keys).not.toContain('ip:old');
    expect(keys).toContain('ip:203.0.113.77'); // still spent: kept
  });
});
