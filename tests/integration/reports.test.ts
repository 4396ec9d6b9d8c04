import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser as SessionBrowser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { createToken } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

/**
 * 反映问题 over real HTTP: a report without any certificate, from the API (as the mini-program sends it)
 * and from the portal's form, becomes a work order; the reporter follows it by receipt and reads the reply;
 * the agency reported against never learns who reported.
 */

// Behind a trusted proxy, so each test speaks from an address of its own (the daily limit is per sender).
const portal = ownPortal({ SUNLIGHT_TRUST_PROXY: 'true' });
const base = portal.url;
const PASSWORD = 'integration passphrase 2026';
const cli = (args: string[], stdin?: string) =>
  runSunlight(args, { SUNLIGHT_DATA_DIR: portal.dataDir(), DATABASE_URL: '' }, stdin);

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const report = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  kind: 'no_code',
  agencyId: 'market',
  occurredAt: hoursAgo(3),
  place: '滨江新区示例路88号 示例餐饮店',
  description: `两名自称市场监管的人员进店检查，没有出示执法证，也没有电子检查证二维码。${randomUUID()}`,
  contact: '13912345678',
  ...over,
});
let sender = 0;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base()}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${++sender % 250}`, ...headers },
    body: JSON.stringify(body),
  });

let agencyToken = '';
beforeAll(async () => {
  agencyToken = await createToken(portal.dataDir(), 'market');
  const r = await cli(['supervisor', 'create', '--username', 'sv.reports', '--role', 'supervisor'], `${PASSWORD}\n`);
  expect(r.code, r.stderr).toBe(0);
});

describe('filing a report without a certificate', () => {
  it('answers a receipt, opens a work order, and a retry with the same clientId is the same report', async () => {
    const body = report({ clientId: randomUUID() });
    const res = await post(body, { 'x-forwarded-for': '198.51.100.1' });
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt).toMatchObject({ kind: 'no_code', status: 'received', statusLabel: '已受理', reply: null });
    expect(receipt.receipt).toMatch(/^FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(res.headers.get('location')).toBe(`${base()}/reports/${receipt.receipt}`);
    expect(JSON.stringify(receipt)).not.toContain('13912345678');
    expect(JSON.stringify(receipt)).not.toContain('没有出示执法证');

    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).receipt).toBe(receipt.receipt);

    const reused = await post({ ...body, description: '另一份完全不同的反映内容，用了同一个提交编号。' });
    expect(reused.status).toBe(409);
    expect((await reused.json()).errors[0].field).toBe('clientId');

    const page = await fetch(`${base()}/reports/${receipt.receipt}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('已受理');
    expect(html).not.toContain('13912345678');
  });

  it('names the field and the fix for bad input, in Chinese problem+json, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'spam' }, 'kind'],
      [{ agencyId: 'no-such-agency' }, 'agencyId'],
      [{ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'occurredAt'],
      [{ occurredAt: new Date(Date.now() - 400 * 86_400_000).toISOString() }, 'occurredAt'],
      [{ description: '太短' }, 'description'],
      [{ place: '' }, 'place'],
      [{ contact: 'x'.repeat(101) }, 'contact'],
      [{ unexpected: 1 }, 'unexpected'],
    ];
    for (const [over, field] of cases) {
      const res = await post(report(over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const p = await res.json();
      expect(p.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(p.detail).toMatch(/[\u4e00-\u9fff]/);
    }
    const xml = await fetch(`${base()}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<report/>',
    });
    expect(xml.status).toBe(415);
  });

  it('an unknown agency and a certificate number are accepted; the certificate links the report to its inspection', async () => {
    const res = await post(report({ agencyId: 'unknown', certificateNo: 'JCZ-2026-0000000-0' }));
    expect(res.status).toBe(201);
    expect((await res.json()).agencyName).toBeNull();
  });

  it('limits one sender to five reports a day, and tells them where else to go', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(report(), ip)).status);
    expect(statuses.slice(0, 5).every((s) => s === 201)).toBe(true);
    const limited = await post(report(), ip);
    expect(limited.status).toBe(429);
    expect((await limited.json()).detail).toContain('12345');
  });

  it('the portal form files a report without JavaScript and shows the receipt; errors name the field', async () => {
    const form = await fetch(`${base()}/reports/new`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const clientId = /name="clientId" value="([^"]+)"/.exec(html)![1]!;
    const fields = {
      clientId,
      kind: 'repeated',
      agencyId: 'market',
      date: new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
      time: '10:30',
      place: '示例街道 示例五金店',
      description: '同一个月里市场监管来检查了三次，每次查的都是同样的内容。',
    };
    const send = (f: Record<string, string>) =>
      fetch(`${base()}/reports/new`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base() },
        body: new URLSearchParams(f).toString(),
        redirect: 'manual',
      });
    const bad = await send({ ...fields, description: '太短', time: '' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#report-description"');
    expect(badHtml).toContain('href="#report-time"');
    const ok = await send(fields);
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/reports\/FY\d{8}-/);
    const shown = await (await fetch(`${base()}${location}`)).text();
    expect(shown).toContain('已受理您的反映');
    const twice = await send(fields);
    expect(twice.headers.get('location')).toBe(location);
  });
});

/** A JPEG as a phone writes it, with the position and camera in its EXIF. */
const phoneJpeg = () => {
  const seg = (marker: number, body: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude=31.2304N BodySerialNumber=CAM-998877', 'latin1')),
    seg(0xc0, Buffer.from([8, 0, 16, 0, 32, 1, 1, 0x11, 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
};

describe('photos', () => {
  it('the reporter adds up to three photos, stripped of EXIF; nobody else can add or read them', async () => {
    const body = report();
    const filed = await (await post(body)).json();
    const add = (bytes: Buffer, clientId = body.clientId, type = 'image/jpeg') =>
      fetch(`${base()}/api/v1/reports/${filed.receipt}/photos`, {
        method: 'POST',
        headers: { 'content-type': type, 'x-client-id': clientId },
        body: new Uint8Array(bytes),
      });
    // Someone who only knows the receipt (or the agency) cannot attach anything.
    expect((await add(phoneJpeg(), randomUUID())).status).toBe(404);
    expect((await add(Buffer.from('<svg onload="alert(1)"/>'), body.clientId, 'image/png')).status).toBe(415);
    expect((await add(phoneJpeg(), body.clientId, 'image/svg+xml')).status).toBe(415);
    const first = await add(phoneJpeg());
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ seq: 1, photos: 1 });
    // The same photo twice is kept once.
    expect(await (await add(phoneJpeg())).json()).toEqual({ seq: 1, photos: 1 });
    for (let i = 0; i < 2; i++) expect((await add(Buffer.concat([phoneJpeg(), Buffer.from([i])]))).status).toBe(201);
    const fourth = await add(Buffer.concat([phoneJpeg(), Buffer.from([9])]));
    expect(fourth.status).toBe(422);

    // Only a signed-in supervisor sees it, without the EXIF; the agency's token and anonymous readers are sent to sign in.
    const path = `/supervision/reports/${filed.receipt}/photos/1`;
    for (const headers of [{}, { authorization: `Bearer ${agencyToken}` }] as Record<string, string>[]) {
      const res = await fetch(`${base()}${path}`, { headers, redirect: 'manual' });
      expect([302, 303]).toContain(res.status);
    }
    const b = new SessionBrowser(base, PASSWORD);
    expect((await b.login('sv.reports')).status).toBe(303);
    const photo = await b.get(path);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-security-policy')).toBe("default-src 'none'");
    const served = Buffer.from(await photo.arrayBuffer()).toString('latin1');
    expect(served).not.toMatch(/Exif|GPS|CAM-998877/);
    expect(served).toContain('JFIF');
  });

  it('the portal form takes photos with the report, and refuses a file that is not a photo without filing', async () => {
    const html = await (await fetch(`${base()}/reports/new`)).text();
    const clientId = /name="clientId" value="([^"]+)"/.exec(html)![1]!;
    const form = (file: Blob, name: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({
        clientId,
        kind: 'arbitrary',
        agencyId: 'market',
        date: new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10),
        time: '15:00',
        place: '示例街道 示例食品店',
        description: '没有说明任何理由就要求停业检查，也没有出示检查通知。',
      }))
        f.set(k, v);
      f.set('photos', file, name);
      return fetch(`${base()}/reports/new`, {
        method: 'POST',
        body: f,
        headers: { origin: base() },
        redirect: 'manual',
      });
    };
    const bad = await form(new Blob(['not a photo'], { type: 'text/plain' }), 'notes.txt');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('不是 JPEG 或 PNG 照片');
    expect(await (await fetch(`${base()}/api/v1/reports/FY20260101-00000-00000`)).status).toBe(404);
    const ok = await form(new Blob([phoneJpeg()], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    expect(ok.status).toBe(303);
    const receipt = /FY\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(ok.headers.get('location')!)![0];
    const b = new SessionBrowser(base, PASSWORD);
    await b.login('sv.reports');
    const photo = await b.get(`/supervision/reports/${receipt}/photos/1`);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).toString('latin1')).not.toContain('GPS');
  });
});

describe('the reply, and the agency that was reported', () => {
  it('a supervisor sees the work order with the contact, moves it on and replies; the reporter reads the reply; the agency learns nothing', async () => {
    const filed = await (
      await post(
        report({
          description: '检查人员态度生硬，未出示证件，反映人张三丰，电话13700001111。',
          officer: '执法证号 ZF 9901 1601 0001 12',
        }),
      )
    ).json();

    const b = new SessionBrowser(base, PASSWORD);
    expect((await b.login('sv.reports')).status).toBe(303);
    const list = await b.page('/supervision/cases');
    expect(list.html).toContain('反映问题：入企未亮码/未亮证');
    const caseId =
      new RegExp(`/supervision/cases/(GD-\\d{4}-\\d{6})[^>]*>[^<]*反映问题`).exec(list.html)?.[1] ??
      /\/supervision\/cases\/(GD-\d{4}-\d{6})/.exec(list.html)![1]!;
    const all = [...list.html.matchAll(/\/supervision\/cases\/(GD-\d{4}-\d{6})/g)].map((m) => m[1]!);
    let casePath = '';
    for (const id of new Set([caseId, ...all])) {
      const page = await b.page(`/supervision/cases/${id}`);
      if (page.html.includes(filed.receipt)) casePath = `/supervision/cases/${id}`;
    }
    expect(casePath).not.toBe('');
    const page = await b.page(casePath);
    expect(page.html).toContain('13912345678');
    // The officer named by 执法证号 (written with spaces) is linked to the public officer page.
    expect(page.html).toContain('href="/inspectors/ZF99011601000112"');
    const step = (fields: Record<string, string>) => b.post(casePath, { csrf: page.csrf!, ...fields });
    expect((await step({ action: 'transition', to: 'verifying', expected: 'pending', resolution: '' })).status).toBe(
      303,
    );
    expect((await (await fetch(`${base()}/api/v1/reports/${filed.receipt}`)).json()).statusLabel).toBe('核查中');
    expect((await step({ action: 'reply', reply: '' })).status).toBe(422);
    expect(
      (
        await step({
          action: 'reply',
          reply:
            '经核查，检查人员未按规定亮证，已责令整改并通报。如有疑问请找联系人王五 13800002222，当事人证件号110101199003071234。',
        })
      ).status,
    ).toBe(303);
    expect(
      (await step({ action: 'transition', to: 'closed', expected: 'verifying', resolution: '核查属实，已督促整改。' }))
        .status,
    ).toBe(303);

    const followed = await (await fetch(`${base()}/api/v1/reports/${filed.receipt}`)).json();
    expect(followed.status).toBe('closed');
    expect(followed.reply).toContain('已责令整改');
    expect(followed.reply).not.toContain('13800002222');
    expect(followed.reply).not.toContain('王五');
    expect(followed.reply).not.toContain('110101199003071234');
    const html = await (await fetch(`${base()}/reports/${filed.receipt}`)).text();
    expect(html).toContain('已责令整改');

    // The agency reported against, with its own token, reaches nothing that names the reporter.
    const auth = { authorization: `Bearer ${agencyToken}` };
    for (const path of [`/api/v1/reports/${filed.receipt}`, '/api/v1/changes', '/api/v1/exports/disclosures.ndjson']) {
      const text = await (await fetch(`${base()}${path}`, { headers: auth })).text();
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('张三丰');
    }
    for (const path of ['/supervision/cases', casePath]) {
      const res = await fetch(`${base()}${path}`, { headers: auth, redirect: 'manual' });
      expect([302, 303]).toContain(res.status);
      expect(res.headers.get('location')).toContain('/supervision/login');
    }
  });

  it('receipts cannot be guessed: a well-formed unknown receipt is 404 and a malformed one too', async () => {
    for (const r of ['FY20260101-00000-00000', 'FY1', '../../etc/passwd', "' OR 1=1 --"]) {
      const res = await fetch(`${base()}/api/v1/reports/${encodeURIComponent(r)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await fetch(`${base()}/reports/FY20260101-00000-00000`)).status).toBe(404);
  });
});
