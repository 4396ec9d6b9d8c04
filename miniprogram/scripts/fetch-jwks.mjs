#!/usr/bin/env node
// Copies a portal's published public keys into the app as the offline fallback:
//   node miniprogram/scripts/fetch-jwks.mjs https://sunlight.example.gov.cn
// writes miniprogram/src/bundled-jwks.json (only public keys: `d` is refused). Run before a release build.
import fs from 'node:fs';
import path from 'node:path';

const base = (process.argv[2] || process.env.SUNLIGHT_API_BASE || 'http://localhost:4321').replace(/\/+$/, '');
const res = await fetch(`${base}/.well-known/jwks.json`);
if (!res.ok) {
  console.error(`${base}/.well-known/jwks.json answered ${res.status}`);
  process.exit(1);
}
const jwks = await res.json();
const keys = Array.isArray(jwks.keys) ? jwks.keys : [];
const ok = keys.filter(
  (k) => k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.x === 'string' && typeof k.kid === 'string',
);
if (!ok.length || keys.some((k) => 'd' in k)) {
  console.error('not a public Ed25519 JWKS: refusing to bundle it');
  process.exit(1);
}
const out = path.resolve(import.meta.dirname, '../src/bundled-jwks.json');
fs.writeFileSync(out, `${JSON.stringify({ keys: ok }, null, 2)}\n`);
console.log(`bundled ${ok.length} key(s) (${ok.map((k) => k.kid).join(', ')}) into ${out}`);
