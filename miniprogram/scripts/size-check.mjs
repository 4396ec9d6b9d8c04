#!/usr/bin/env node
// Size gate of the mini-program builds (run after `npm run mp:weapp` / `npm run mp:h5`):
// - weapp: the main package (everything outside the subpackage roots in app.json) must stay within
//   1.5 MB (WeChat refuses more than 2 MB); each subpackage within 2 MB. Exit 1 when exceeded.
// - h5: reports the JavaScript the first page load fetches (the entry scripts of index.html), raw and
//   gzipped. Informational; the end-to-end test measures the real first load in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const MB = 1024 * 1024;
const LIMIT_MAIN = Number(process.env.MP_MAIN_LIMIT_BYTES ?? 1.5 * MB);
const LIMIT_SUB = 2 * MB;
let failed = false;

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const weapp = path.join(root, 'dist/weapp');
if (fs.existsSync(path.join(weapp, 'app.json'))) {
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''));
  // project.config.json and *.LICENSE.txt are not uploaded as code; count everything else.
  const counted = files(weapp).filter((f) => !/\.LICENSE\.txt$/.test(f) && path.basename(f) !== 'project.config.json');
  const sizes = { main: 0 };
  for (const r of subRoots) sizes[r] = 0;
  for (const f of counted) {
    const rel = path.relative(weapp, f).split(path.sep).join('/');
    const sub = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`));
    sizes[sub ?? 'main'] += fs.statSync(f).size;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const okMain = sizes.main <= LIMIT_MAIN;
  console.log(
    `weapp main package: ${sizes.main} bytes (${kb(sizes.main)}), limit ${LIMIT_MAIN} bytes — ${okMain ? 'OK' : 'TOO LARGE'}`,
  );
  for (const r of subRoots) {
    const ok = sizes[r] <= LIMIT_SUB;
    console.log(`weapp subpackage ${r}/: ${sizes[r]} bytes (${kb(sizes[r])}) — ${ok ? 'OK' : 'TOO LARGE (2 MB)'}`);
    if (!ok) failed = true;
  }
  console.log(`weapp total: ${total} bytes (${kb(total)})`);
  if (!okMain) failed = true;
} else {
  console.error('dist/weapp/app.json is missing: run `npm run mp:weapp` first.');
  failed = true;
}

const h5 = path.join(root, 'dist/h5');
if (fs.existsSync(path.join(h5, 'index.html'))) {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const s of scripts) {
    const buf = fs.readFileSync(path.join(h5, s.replace(/^\.?\//, '')));
    raw += buf.length;
    gz += zlib.gzipSync(buf, { level: 9 }).length;
  }
  const allJs = files(h5).filter((f) => f.endsWith('.js'));
  const allRaw = allJs.reduce((a, f) => a + fs.statSync(f).size, 0);
  console.log(
    `h5 entry JS (index.html): ${scripts.length} files, ${raw} bytes (${kb(raw)}), gzip ${gz} bytes (${kb(gz)}); all JS chunks ${kb(allRaw)}`,
  );
} else {
  console.log('dist/h5 is missing: h5 size not reported (run `npm run mp:h5`).');
}
process.exit(failed ? 1 : 0);
