import { commands } from './cli/registry';
import { loadConfig, type Config } from './config';
import { boot, type Runtime } from './runtime';

/**
 * The runtime of the serving process, which the middleware hands to every request as
 * `Astro.locals.runtime`: booted by the server entry (`main.ts`) before it listens, or on the first
 * request under `astro dev`. The CLI's commands run inside it through the admin socket.
 */
// Under `astro dev` an edited module is loaded again; the runtime (one PGlite handle) is kept.
let current: Promise<Runtime> | undefined = import.meta.hot?.data.runtime;

export function startProcessRuntime(config: Config = loadConfig()): Promise<Runtime> {
  if (current) throw new Error('the process runtime is already started');
  const started = boot(config, { commands });
  current = started;
  if (import.meta.hot) import.meta.hot.data.runtime = started;
  started.catch(() => {
    if (current === started) current = undefined;
    if (import.meta.hot?.data.runtime === started) import.meta.hot.data.runtime = undefined;
  });
  return started;
}

export function processRuntime(): Promise<Runtime> {
  return current ?? startProcessRuntime();
}
