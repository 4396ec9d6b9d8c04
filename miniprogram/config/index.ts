import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Build configuration of the mini-program (Taro 4, webpack 5, Preact). Written by hand: `taro init`
 * downloads templates, which this project's machines cannot.
 *
 * Environment at build time:
 * - SUNLIGHT_API_BASE   the portal's address (default http://localhost:4321); the h5 build also reads
 *                       `window.__SUNLIGHT__.apiBase` at run time, so one build can be pointed elsewhere.
 * - SUNLIGHT_SITE_URLS  comma-separated origins whose /verify/… QR codes are ours (default: the API base).
 * - SUNLIGHT_BUNDLED_JWKS  path of a jwks.json to bundle as the offline fallback keys
 *                       (default src/bundled-jwks.json, normally the deployment's /.well-known/jwks.json).
 * - SUNLIGHT_MP_OUTPUT  output folder (default dist/<target>); the weapp runtime test builds into its own.
 */
const root = path.resolve(__dirname, '..');
const apiBase = (process.env.SUNLIGHT_API_BASE || 'http://localhost:4321').replace(/\/+$/, '');
const siteUrls = (process.env.SUNLIGHT_SITE_URLS || apiBase)
  .split(',')
  .map((s) => s.trim().replace(/\/+$/, ''))
  .filter(Boolean);
const jwksFile = process.env.SUNLIGHT_BUNDLED_JWKS || path.join(root, 'src/bundled-jwks.json');
const bundledJwks = JSON.parse(fs.readFileSync(jwksFile, 'utf8')) as { keys: unknown[] };
if (!Array.isArray(bundledJwks.keys)) throw new Error(`${jwksFile}: not a JWKS (no "keys" array)`);

/** The workspace packages (@sunlight/domain, @sunlight/verify) are TypeScript sources: compile them too. */
const workspacePackages = path.resolve(root, '../packages');

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'sunlight-miniprogram',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.SUNLIGHT_MP_OUTPUT || `dist/${process.env.TARO_ENV}`,
    plugins: [path.join(__dirname, 'preact-mini-root.ts')],
    defineConstants: {
      SUNLIGHT_API_BASE: JSON.stringify(apiBase),
      SUNLIGHT_SITE_URLS: JSON.stringify(siteUrls),
      SUNLIGHT_BUNDLED_JWKS: JSON.stringify(bundledJwks),
    },
    // npm nests this plugin under miniprogram/node_modules (its optional peer `react` conflicts with the
    // root's): point the runtime imports of @tarojs/taro-h5 and friends at it.
    alias: {
      '@tarojs/plugin-framework-react': path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json')),
    },
    copy: { patterns: [], options: {} },
    framework: 'preact',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      // Sizes are written in rem/px: rem follows the system font size (page-meta root-font-size="system").
      postcss: { pxtransform: { enable: false, config: {} }, cssModules: { enable: false, config: {} } },
      compile: { include: [workspacePackages] },
      optimizeMainPackage: { enable: true },
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's React components (plain HTML) instead of the Stencil web components: smaller, and the
      // controls this app draws itself are native <button>/<input>/<select> (components/controls.h5.tsx).
      useHtmlComponents: true,
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      compile: { include: [workspacePackages] },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: {} },
      },
    },
  };
  return config;
});
