#!/usr/bin/env node
// The `sunlight` command. TypeScript sources run through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../portal/server/cli/main.ts');
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
