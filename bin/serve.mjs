#!/usr/bin/env node
// Starts the built portal (npm run build): dist/server/main.mjs boots the database and content, then
// serves the Astro app, in one module graph.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/main.mjs', import.meta.url);
if (!fs.existsSync(entry)) {
  console.error(`未找到构建产物 ${fileURLToPath(entry)}。请先运行 npm run build（npm start 会自动构建）。`);
  process.exit(1);
}
const { main } = await import(entry.href);
await main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
