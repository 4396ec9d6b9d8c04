import { describe, expect, it } from 'vitest';
import { cookieOptions, safeNext } from './web';

describe('workspace cookies and redirects', () => {
  it('cookies are HttpOnly and SameSite=Strict, scoped to the workspace, and Secure when the site is https', () => {
    expect(cookieOptions('http://localhost:4321', 600)).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      secure: false,
      path: '/supervision',
      maxAge: 600,
    });
    expect(cookieOptions('https://sunlight.example.org')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
    });
    expect(cookieOptions('https://sunlight.example.org', 60, '/supervision/login').path).toBe('/supervision/login');
  });

  it('after signing in, only follows paths inside the workspace', () => {
    expect(safeNext('/supervision/cases?status=pending')).toBe('/supervision/cases?status=pending');
    expect(safeNext('/supervision')).toBe('/supervision');
    expect(safeNext('/supervision?from=2026-01-01')).toBe('/supervision?from=2026-01-01');
    for (const bad of [
      'https://evil.example/supervision',
      '//evil.example',
      '/supervisionx',
      '/disclosures',
      '/supervision/login',
      '/supervision/\\evil',
      '/supervision/a b',
      null,
      undefined,
      '',
    ]) {
      expect(safeNext(bad)).toBe('/supervision');
    }
  });
});
