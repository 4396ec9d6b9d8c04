import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer } from '../helpers/server';

declare module 'vitest' {
  export interface ProvidedContext {
    portalUrl: string;
    portalDataDir: string;
    seededDataDir: string;
  }
}

/**
 * Seeds the sample content once (a portal started and stopped; its data dir is kept), then starts the shared
 * portal from a copy of it for the files that only read. Files that change data start their own from another
 * copy (tests/helpers/own-portal.ts).
 */
export default async function setup(project: TestProject) {
  const seeding = await startServer({}, { keepDataDir: true });
  await seeding.stop();
  const server = await startServer({}, { copyOf: seeding.dataDir });
  project.provide('portalUrl', server.url);
  project.provide('portalDataDir', server.dataDir);
  project.provide('seededDataDir', seeding.dataDir);
  return async () => {
    await server.stop();
    fs.rmSync(seeding.dataDir, { recursive: true, force: true });
  };
}
