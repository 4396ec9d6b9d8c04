// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import preact from '@astrojs/preact';

export default defineConfig({
  srcDir: './portal',
  publicDir: './portal/public',
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [preact()],
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '0.0.0.0' },
  security: { checkOrigin: true },
  vite: {
    ssr: { external: ['@electric-sql/pglite', 'pg', 'cli-progress'] },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  },
});
