import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { CONFIG_DEFAULTS } from '../../portal/server/config';
import { example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

const portal = ownPortal();
const base = portal.url;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET without any decoding, so the test sees exactly the bytes on the wire. */
function rawGet(pathname: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(pathname, base()), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function decode(answer: RawAnswer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return zlib.gunzipSync(answer.body);
  expect(encoding).toBeUndefined();
  return answer.body;
}

async function stylesheetPath(): Promise<string> {
  const html = await (await fetch(`${base()}/about`)).text();
  const css = html.match(/href="(\/_astro\/[^"]+\.css)"/)?.[1];
  expect(css, 'the page links a stylesheet').toBeTruthy();
  return css!;
}

describe('text answers are compressed as the client asks', () => {
  const kinds = [
    { kind: 'HTML', path: async () => '/about', type: /text\/html/ },
    { kind: 'CSS', path: stylesheetPath, type: /text\/css/ },
    { kind: 'JSON', path: async () => '/api/v1/openapi.json', type: /application\/json/ },
    { kind: 'CSV export (streamed)', path: async () => '/api/v1/exports/disclosures.csv', type: /text\/csv/ },
  ];

  for (const { kind, path, type } of kinds) {
    it(`${kind}: br and gzip when accepted, identity otherwise, the same bytes every way`, async () => {
      const p = await path();
      const plain = await rawGet(p, { 'accept-encoding': 'identity' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-type']).toMatch(type);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body.length).toBeGreaterThan(1024);

      const none = await rawGet(p);
      expect(none.headers['content-encoding']).toBeUndefined();
      expect(none.body.equals(plain.body)).toBe(true);

      const br = await rawGet(p, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.body.length).toBeLessThan(plain.body.length);
      expect(decode(br).equals(plain.body)).toBe(true);

      const gzip = await rawGet(p, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.body.length).toBeLessThan(plain.body.length);
      expect(decode(gzip).equals(plain.body)).toBe(true);
    });
  }

  it('a client that refuses gzip and br gets identity even when it names them with q=0', async () => {
    const answer = await rawGet('/about', { 'accept-encoding': 'br;q=0, gzip;q=0, identity' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toContain('关于本站');
  });

  it('leaves tiny files of known length alone (compressing them would only cost time)', async () => {
    const icon = await rawGet('/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(icon.status).toBe(200);
    expect(icon.body.length).toBeLessThan(1024);
    expect(icon.headers['content-encoding']).toBeUndefined();
    // A streamed answer's length is unknown when its headers go out, so it may be compressed: still intact.
    const health = await rawGet('/healthz', { 'accept-encoding': 'br, gzip' });
    expect(JSON.parse(decode(health).toString('utf8'))).toMatchObject({ status: 'ok' });
  });
});

describe('the footer pages a new user opens', () => {
  it('/about says what the portal is, who runs it, where the data comes from, and that it is fictional', async () => {
    const res = await fetch(`${base()}/about`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>关于本站<\/h1>/);
    for (const heading of ['本站数据是虚构示例', '本站提供什么', '谁主办本站', '数据从哪里来']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('主办单位');
    expect(html).toContain('Apache-2.0');
  });

  it('/accessibility states the standard, what works, known gaps and how to report a barrier', async () => {
    const res = await fetch(`${base()}/accessibility`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>无障碍声明<\/h1>/);
    expect(html).toContain('GB/T 37668');
    expect(html).toContain('WCAG 2.1');
    for (const heading of ['您可以做到的', '已知的不足', '反映无障碍问题']) expect(html).toContain(heading);
    expect(html).toMatch(/href="mailto:[^"]+"/);
  });

  it('no footer link leads to a 404', async () => {
    const html = await (await fetch(`${base()}/`)).text();
    const footer = html.slice(html.indexOf('<footer'));
    const links = [...footer.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!);
    expect(links).toEqual(expect.arrayContaining(['/about', '/accessibility', '/open-data']));
    for (const link of links) {
      const res = await fetch(`${base()}${link}`, { redirect: 'manual' });
      expect(res.status, link).toBeLessThan(400);
    }
  });
});

describe('sunlight token create', () => {
  it('prints only the token on stdout, so TOKEN=$(npx sunlight token create …) can push at once', async () => {
    const res = await runSunlight(['token', 'create', '--agency', 'market'], {
      SUNLIGHT_DATA_DIR: portal.dataDir(),
      DATABASE_URL: '',
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^slt_[^\s]+\n$/);
    expect(res.stderr).toContain('只显示这一次');
    const token = res.stdout.trim();
    const answer = await push(base(), token, example('disclosure.json'));
    expect([200, 201]).toContain(answer.status);
  });
});

describe('the partner rate limit has one source', () => {
  it('/open-data states the default a new partner key really gets', async () => {
    const html = await (await fetch(`${base()}/open-data`)).text();
    expect(html).toContain(`合作方密钥默认每分钟 ${CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER} 次`);
    const created = await runSunlight(['partner', 'create', '--name', '默认限速合作方'], {
      SUNLIGHT_DATA_DIR: portal.dataDir(),
      DATABASE_URL: '',
    });
    expect(created.code).toBe(0);
    const res = await fetch(`${base()}/api/v1/disclosures?pageSize=1`, {
      headers: { 'x-api-key': created.stdout.trim() },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe(String(CONFIG_DEFAULTS.SUNLIGHT_RATE_LIMIT_PARTNER));
  });
});
