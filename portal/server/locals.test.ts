import { describe, expect, it } from 'vitest';
import { declareRuntime } from './locals';
import type { Runtime } from './runtime';

describe('locals.runtime', () => {
  it('read before the middleware set it, says where it comes from; once set, is the runtime', () => {
    const locals = {} as App.Locals;
    const provide = declareRuntime(locals);
    expect(() => locals.runtime).toThrow(/`locals.runtime` is not set/);
    expect(() => locals.runtime).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('portal/middleware.ts') }),
    );
    const runtime = { startedAt: new Date(0) } as Runtime;
    provide(runtime);
    expect(locals.runtime).toBe(runtime);
  });
});
