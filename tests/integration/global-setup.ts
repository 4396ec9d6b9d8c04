import type { TestProject } from 'vitest/node';
import { startServer } from '../helpers/server';

declare module 'vitest' {
  export interface ProvidedContext {
    portalUrl: string;
    portalDataDir: string;
  }
}

/** One real portal process (built bundle, PGlite in a temp dir) for all integration tests. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('portalUrl', server.url);
  project.provide('portalDataDir', server.dataDir);
  return async () => {
    await server.stop();
  };
}
