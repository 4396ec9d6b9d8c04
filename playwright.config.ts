import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  throw new Error(
    `没有找到 Chromium（${chromium}）。Playwright 测试使用系统的 Chromium，不下载浏览器。\n` +
      `请安装：apt-get update && apt-get install -y chromium\n` +
      `或用 CHROMIUM_PATH 指向已安装的 Chromium 可执行文件。`,
  );
}

const port = Number(process.env.E2E_PORT ?? 4411);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/sunlight-e2e-${port}`;
/** The mini-program's h5 build (miniprogram/dist/h5), served as static files against the portal above. */
const mpPort = Number(process.env.E2E_MP_PORT ?? port + 1);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A hang guard, not a speed target: the mini-program journeys take ~25 s on a loaded 2-core machine.
  timeout: 90_000,
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  // `@phone`: a test of phone screens, which a desktop browser narrowed to the same width would only repeat.
  // `@desktop`: a test the phone project would repeat (e.g. a page the phone layout sweep already checks).
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, grepInvert: /@phone/ },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined }, grepInvert: /@desktop/ },
  ],
  webServer: [
    {
      command: `rm -rf ${dataDir} && node bin/serve.mjs`,
      url: `http://127.0.0.1:${port}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        SUNLIGHT_DATA_DIR: dataDir,
        DATABASE_URL: '',
        SUNLIGHT_RATE_LIMIT_ANON: '100000',
        // Tests stand for several clients with X-Forwarded-For (sign-in throttling is per client).
        SUNLIGHT_TRUST_PROXY: '1',
      },
    },
    {
      command: `node scripts/serve-h5.mjs miniprogram/dist/h5 ${mpPort} http://127.0.0.1:${port} http://localhost:${port},http://127.0.0.1:${port}`,
      url: `http://127.0.0.1:${mpPort}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
  ],
});
