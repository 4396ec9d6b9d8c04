import { describe, expect, inject, it } from 'vitest';

const base = () => inject('portalUrl');

describe('portal over HTTP', () => {
  it('serves the home page in Chinese with live counts from the database', async () => {
    const res = await fetch(`${base()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html[^>]+lang="zh-CN"/);
    expect(html).toContain('阳光执法');
    expect(html).toContain('虚构');
    const counts = [...html.matchAll(/data-count="(\w+)"[^>]*>\s*([\d,]+)/g)].map((m) => [
      m[1],
      Number(m[2]!.replace(/,/g, '')),
    ]);
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.some(([, n]) => (n as number) > 0)).toBe(true);
  });

  it('answers unknown pages with a Chinese 404 that says what to do next', async () => {
    const res = await fetch(`${base()}/this/does/not/exist`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toMatch(/页面不存在|找不到/);
    expect(html).toContain('href="/"');
  });

  it('reports health with the database kind', async () => {
    const res = await fetch(`${base()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'PGlite' });
  });
});
