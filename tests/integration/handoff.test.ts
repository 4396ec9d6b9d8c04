import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser';
import { runSunlight } from '../helpers/cli';
import { ownPortal } from '../helpers/own-portal';

/**
 * Work orders that reach the agency, over real HTTP: a supervisor hands a report's work order to the
 * market regulator's account, the agency replies with evidence, the supervisor accepts, the order is
 * closed and the reporter sees 已办结. Tried as the agency that would like to know who reported: every
 * other page of the workspace, other agencies' orders, orders not handed over, the reporter's photos.
 */

const portal = ownPortal();
const base = portal.url;
const cli = (args: string[], stdin?: string) =>
  runSunlight(args, { SUNLIGHT_DATA_DIR: portal.dataDir(), DATABASE_URL: '' }, stdin);
const PASSWORD = 'handoff integration passphrase';
const CONTACT = '13812345678';

const signedIn = async (username: string) => {
  const b = new Browser(base, PASSWORD);
  const res = await b.login(username);
  expect(res.status, username).toBe(303);
  return { b, location: res.headers.get('location') };
};

const fileReport = async () => {
  const res = await fetch(`${base()}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({
      clientId: randomUUID(),
      kind: 'no_code',
      agencyId: 'market',
      occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      place: '滨江新区示例路88号 示例餐饮店',
      description: `两名自称市场监管的人员进店检查，没有出示执法证。${randomUUID()}`,
      contact: CONTACT,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { receipt: string }).receipt;
};

const chunk = (type: string, data: Uint8Array) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([head, typed, crc]);
};
const png = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('tEXt', Buffer.from('Author\0Camera of officer 13700000000', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', new Uint8Array()),
  ]);

const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"');

beforeAll(async () => {
  for (const args of [
    ['--username', 'sv.handoff', '--role', 'supervisor'],
    ['--username', 'ag.market', '--role', 'agency', '--agency', 'market'],
    ['--username', 'ag.emergency', '--role', 'agency', '--agency', 'emergency'],
  ]) {
    const r = await cli(['supervisor', 'create', ...args], `${PASSWORD}\n`);
    expect(r.code, r.stderr).toBe(0);
  }
});

/** The work order a receipt opened, found the way a supervisor would: in the audit log. */
async function caseOf(sv: Browser, receipt: string): Promise<string> {
  const audit = await sv.page('/supervision/audit?action=case.create');
  const row = audit.html.split('<tr').find((r) => r.includes(receipt));
  expect(row, `audit row of ${receipt}`).toBeDefined();
  return /\/supervision\/cases\/(GD-\d{4}-\d{6})/.exec(row!)![1]!;
}

describe('agency accounts', () => {
  it('the CLI binds an agency account to a published agency, or refuses', async () => {
    const none = await cli(['supervisor', 'create', '--username', 'ag.none', '--role', 'agency'], `${PASSWORD}\n`);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--agency');
    const ghost = await cli(
      ['supervisor', 'create', '--username', 'ag.ghost', '--role', 'agency', '--agency', 'no-such-agency'],
      `${PASSWORD}\n`,
    );
    expect(ghost.code).toBe(1);
    const list = await cli(['supervisor', 'list']);
    expect(list.stdout).toMatch(/ag\.market\s+执法单位（market）/);
  });
});

describe('supervisor → agency → reply → supervisor accepts → closed', () => {
  it('works end to end, and the agency never learns who reported', async () => {
    const receipt = await fileReport();
    const other = await fileReport(); // an order of the same agency that is never handed over
    const { b: sv } = await signedIn('sv.handoff');
    const id = await caseOf(sv, receipt);
    const otherId = await caseOf(sv, other);
    const casePath = `/supervision/cases/${id}`;

    // A second tab moves the order on; the first tab's stale form then says so on the page.
    const page = await sv.page(casePath);
    expect(page.html).toContain('交办执法单位');
    const instruction = decode(/<textarea[^>]*id="handoff-instruction"[^>]*>([^<]*)<\/textarea>/.exec(page.html)![1]!);
    expect(instruction).toContain('入企未亮码');
    expect(instruction).not.toContain(receipt);
    expect(instruction).not.toContain(CONTACT);
    const post = (fields: Record<string, string>) => sv.post(casePath, { csrf: page.csrf!, ...fields });
    expect((await post({ action: 'transition', to: 'verifying', expected: 'pending', resolution: '' })).status).toBe(
      303,
    );
    const stale = await post({ action: 'transition', to: 'verifying', expected: 'pending', resolution: '' });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('操作没有保存');
    expect(staleHtml).toContain('工单状态已被改为“核查中”');

    // Hand-off: an instruction with the reporter's number is refused, the clean one goes through.
    const leaky = await post({
      action: 'handoff',
      account: 'ag.market',
      instruction: `${instruction}\n反映人电话 ${CONTACT}`,
      workingDays: '5',
    });
    expect(leaky.status).toBe(422);
    expect(await leaky.text()).toContain('执法单位不能知道是谁反映的');
    const handed = await post({ action: 'handoff', account: 'ag.market', instruction, workingDays: '5' });
    expect(handed.status).toBe(303);
    const after = await sv.page(casePath);
    expect(after.html).toMatch(/交办给 区市监局（账号 ag\.market）/);

    // The agency signs in and lands on its list.
    const { b: ag, location } = await signedIn('ag.market');
    expect(location).toBe('/supervision/agency');
    const list = await ag.page('/supervision/agency');
    expect(list.status).toBe(200);
    expect(list.html).toContain('交办给本单位的工单');
    expect(list.html).toContain(id);
    expect(list.html).not.toContain(otherId);
    expect(list.html).not.toContain('智慧预警');

    // Everything else of the workspace is refused to it.
    const photo = `/supervision/reports/${receipt}/photos/1`;
    for (const p of [
      '/supervision',
      '/supervision/alerts',
      '/supervision/alerts/cap-0123456789abcdef',
      '/supervision/cases',
      '/supervision/cases/new',
      casePath,
      `/supervision/cases/${otherId}`,
      `${casePath}/evidence/1/1`,
      '/supervision/reviews',
      '/supervision/assessment',
      '/supervision/assessment.csv',
      '/supervision/audit',
      '/supervision/audit?actor=ag.market',
      '/supervision/accounts',
      '/supervision/feedback',
      '/supervision/feedback?view=reports&agency=market',
      '/supervision/inspections/any',
      photo,
    ]) {
      const res = await ag.get(p);
      expect(res.status, p).toBe(403);
      const body = await res.text();
      expect(body, p).not.toContain(receipt);
      expect(body, p).not.toContain(CONTACT);
    }
    // A supervisor form posted with the agency's session changes nothing.
    const forged = await ag.post(casePath, { csrf: list.csrf!, action: 'transition', to: 'closed', resolution: 'x' });
    expect(forged.status).toBe(403);
    // An order of its own agency not handed over, and garbage ids: as if they did not exist.
    for (const p of [`/supervision/agency/cases/${otherId}`, '/supervision/agency/cases/GD-2099-999999']) {
      expect((await ag.get(p)).status, p).toBe(404);
    }
    // Another agency's account cannot see this one.
    const { b: em } = await signedIn('ag.emergency');
    expect((await em.get(`/supervision/agency/cases/${id}`)).status).toBe(404);
    expect((await em.page('/supervision/agency')).html).not.toContain(id);

    // The handed order: the instruction, and nothing of the reporter.
    const mine = await ag.page(`/supervision/agency/cases/${id}`);
    expect(mine.status).toBe(200);
    expect(decode(mine.html)).toContain('入企未亮码');
    for (const secret of [receipt, CONTACT, '回执', '联系方式', photo]) expect(mine.html, secret).not.toContain(secret);

    // The reply, with a photo whose text chunk must not survive; a second tab's copy is refused.
    const form = new FormData();
    form.set('csrf', mine.csrf!);
    form.set('body', '经核查，两名执法人员未按规定出示执法证，已批评教育并责令整改。');
    form.append('evidence', new Blob([png()], { type: 'image/png' }), 'scan.png');
    const sent = await ag.request(`/supervision/agency/cases/${id}`, {
      method: 'POST',
      headers: { origin: base() },
      body: form,
    });
    expect(sent.status).toBe(303);
    const again = await ag.request(`/supervision/agency/cases/${id}`, {
      method: 'POST',
      headers: { origin: base() },
      body: form,
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('回复没有保存');

    // The supervisor reads the reply and its evidence, and accepts.
    const review = await sv.page(casePath);
    expect(review.html).toContain('已批评教育并责令整改');
    const evidencePath = /href="(\/supervision\/cases\/GD-[^"]+\/evidence\/\d+\/1)"/.exec(review.html)![1]!;
    const evidence = await sv.get(evidencePath);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await evidence.arrayBuffer()).toString('latin1')).not.toContain('13700000000');
    expect((await ag.get(evidencePath)).status).toBe(403);
    const accepted = await sv.post(casePath, {
      csrf: review.csrf!,
      action: 'review',
      decision: 'accepted',
      text: '反映属实，已督促整改。',
    });
    expect(accepted.status).toBe(303);
    const closed = await sv.page(casePath);
    expect(closed.html).toContain('已办结');
    expect((await ag.page(`/supervision/agency/cases/${id}`)).html).toContain('回复已采纳');

    // The reporter: 已办结, without the agency's reply.
    const progress = await (await fetch(`${base()}/reports/${receipt}`)).text();
    expect(progress).toContain('已办结');
    expect(progress).not.toContain('已批评教育');

    // The audit log, in plain Chinese.
    const audit = decode((await sv.page(`/supervision/audit?actor=sv.handoff`)).html);
    expect(audit).toContain('交办给 区市监局（账号 ag.market）');
    expect(audit).toContain('状态：核查中 → 已办结');
    expect(audit).toContain('采纳并办结');
    expect(audit).not.toMatch(/\b(to|from|decision)=/);
    const agencyTrail = decode((await sv.page(`/supervision/audit?actor=ag.market`)).html);
    expect(agencyTrail).toContain('执法单位回复');
    expect(agencyTrail).toContain('执法单位账号越权访问（已拒绝）');
  });
});
