// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

/**
 * Builds the server entry (portal/server/main.ts) with the pages, as dist/server/main.mjs beside the
 * adapter's entry.mjs: one build, so the two share their chunks and `node bin/serve.mjs` loads every
 * server module once.
 * @returns {import('astro').AstroIntegration}
 */
function serverEntry() {
  return {
    name: 'sunlight:server-entry',
    hooks: {
      'astro:build:setup': ({ vite, target, updateConfig }) => {
        if (target !== 'server') return;
        const main = fileURLToPath(new URL('./portal/server/main.ts', import.meta.url));
        // Astro names every input of the server build after its `build.serverEntry` (entry.mjs).
        const output = vite.build?.rolldownOptions?.output;
        const astroNames = output && !Array.isArray(output) ? output.entryFileNames : undefined;
        /** @param {import('rolldown').PreRenderedChunk} chunk */
        const entryFileNames = (chunk) =>
          chunk.name === 'main'
            ? 'main.mjs'
            : typeof astroNames === 'function'
              ? astroNames(chunk)
              : (astroNames ?? '[name].mjs');
        updateConfig({
          build: { rolldownOptions: { output: { entryFileNames } } },
          environments: { ssr: { build: { rolldownOptions: { input: { main } } } } },
        });
      },
    },
  };
}

export default defineConfig({
  srcDir: './portal',
  publicDir: './portal/public',
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [preact(), serverEntry()],
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '0.0.0.0' },
  security: { checkOrigin: true },
  vite: {
    ssr: { external: ['@electric-sql/pglite', 'pg', 'cli-progress'] },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  },
});
