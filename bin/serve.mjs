#!/usr/bin/env node
// Starts the portal: boots the database and content, then the built Astro server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../portal/server/main.ts');
await main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
