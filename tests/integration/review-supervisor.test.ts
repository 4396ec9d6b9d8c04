import { beforeAll, describe, expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createToken, example, push } from '../helpers/ingest';
import { Browser } from '../helpers/browser';
import { ownPortal } from '../helpers/own-portal';

/** A supervisor releases a held decision in the workspace (脱敏审核); an auditor cannot; nothing is public before. */
const portal = ownPortal();
const base = portal.url;
const env = () => ({ SUNLIGHT_DATA_DIR: portal.dataDir(), DATABASE_URL: '' });
const PASSWORD = 'review passphrase 2026 ok';

async function signedIn(username: string) {
  const b = new Browser(base, PASSWORD);
  expect((await b.login(username, PASSWORD)).status).toBe(303);
  return b;
}

describe('supervision workspace: 脱敏审核', () => {
  let id = '';
  beforeAll(async () => {
    for (const [u, role] of [
      ['sv.review', 'supervisor'],
      ['au.review', 'auditor'],
    ] as const) {
      const r = await runSunlight(['supervisor', 'create', '--username', u, '--role', role], env(), `${PASSWORD}\n`);
      expect(r.code, r.stderr).toBe(0);
    }
    const token = await createToken(portal.dataDir(), 'market');
    const rec = {
      ...JSON.parse(example('disclosure.json')),
      decisionNo: '滨江市监罚〔2026〕8951号',
      remarks: '另记：1234 5678 901',
    };
    const res = await push(base(), token, JSON.stringify(rec));
    expect(res.status).toBe(202);
    id = ((await res.json()) as { id: string }).id;
  });

  it('lists the held decision with the field, the reason and the text as pushed', async () => {
    const b = await signedIn('sv.review');
    const { status, html } = await b.page('/supervision/reviews');
    expect(status).toBe(200);
    expect(html).toContain('滨江市监罚〔2026〕8951号');
    expect(html).toMatch(/<label class="label" for="review-[^"]+-remarks">备注<\/label>/);
    expect(html).toContain('另记：1234 5678 901');
    expect(html).toContain('分段书写的11位数字');
  });

  it('an auditor cannot release; a form without the CSRF token is refused', async () => {
    const au = await signedIn('au.review');
    const { csrf } = await au.page('/supervision/reviews');
    const res = await au.post('/supervision/reviews', { csrf: csrf!, id, 'field.remarks': '另记：已核实' });
    expect(res.status).toBe(403);
    const sv = await signedIn('sv.review');
    const forged = await sv.post('/supervision/reviews', { csrf: 'forged', id, 'field.remarks': '另记：已核实' });
    expect(forged.status).toBe(403);
    expect((await fetch(`${base()}/api/v1/disclosures/${id}`)).status).toBe(404);
  });

  it('an empty corrected text is refused with the field named; a corrected text publishes it', async () => {
    const sv = await signedIn('sv.review');
    const { csrf } = await sv.page('/supervision/reviews');
    const empty = await sv.post('/supervision/reviews', { csrf: csrf!, id, 'field.remarks': '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(`href="#review-${id}-remarks"`);
    const ok = await sv.post('/supervision/reviews', {
      csrf: csrf!,
      id,
      'field.remarks': '另记：现场数字已核实，与个人无关。',
    });
    expect(ok.status).toBe(303);
    const pub = (await (await fetch(`${base()}/api/v1/disclosures/${id}`)).json()) as { remarks: string };
    expect(pub.remarks).toBe('另记：现场数字已核实，与个人无关。');
    expect((await sv.page('/supervision/reviews')).html).not.toContain(`review-${id}-title`);
  });
});
