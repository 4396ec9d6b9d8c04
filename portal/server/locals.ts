import { AstroError } from 'astro/errors';
import type { Runtime } from './runtime';

/**
 * Declares `locals.runtime` (database, search, configuration) for one request and returns its setter.
 * Read before the middleware set it, it throws an error that says why, instead of an undefined runtime.
 */
export function declareRuntime(locals: App.Locals): (runtime: Runtime) => void {
  let runtime: Runtime | undefined;
  Object.defineProperty(locals, 'runtime', {
    enumerable: true,
    get() {
      if (!runtime) {
        throw new AstroError(
          '`locals.runtime` is not set',
          'The middleware (portal/middleware.ts) sets it on every request before a page or endpoint runs. ' +
            'Code that renders outside a request (a component test with the container API) passes `locals: { runtime }` itself.',
        );
      }
      return runtime;
    },
  });
  return (value) => {
    runtime = value;
  };
}
