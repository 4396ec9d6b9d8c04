import { afterAll, beforeAll, inject } from 'vitest';
import { startServer, type RunningServer } from './server';

/**
 * A portal of the calling test file's own, for files that change data (ingest, corrections, withdrawals,
 * reviews, tokens, supervisors, inspections): it starts from a copy of the data the shared portal
 * (tests/integration/global-setup.ts) was seeded with, so no file sees another file's changes and the
 * shared portal stays as seeded for the files that only read. Call it at the top of the file, before the
 * file's own beforeAll hooks.
 */
export function ownPortal(extraEnv: NodeJS.ProcessEnv = {}) {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer(extraEnv, { copyOf: inject('seededDataDir') });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const running = () => {
    if (!server) throw new Error('this file’s portal did not start (see the beforeAll error above)');
    return server;
  };
  return { url: () => running().url, dataDir: () => running().dataDir };
}
