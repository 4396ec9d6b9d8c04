import { makeCreditCode } from '@sunlight/domain/validators/credit-code';
import { makeIdNumber } from '@sunlight/domain/validators/id-number';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken, eventually, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

const portal = ownPortal();
const base = portal.url;

/** Luhn check digit, to plant a bank card number that a real detector would recognise. */
function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

const personId = makeIdNumber('11990119800229003');
const witnessId = makeIdNumber('11990119920715452');
const repId = makeIdNumber('11990119660101771');
const card = luhn('622202123456789012');
const secrets = {
  personId,
  witnessId,
  witnessIdSpaced: `${witnessId.slice(0, 6)} ${witnessId.slice(6, 14)} ${witnessId.slice(14)}`,
  repId,
  mobile: '13912345678',
  mobileSpaced: '139 1234 5678',
  card,
  person: '欧阳建华',
  witness: '王晓明',
  rep: '司马光明',
  employee: '陈小红',
  operator: '赵建国',
  address: '幸福路88号3单元',
};

describe('nothing personal leaks to any public surface', () => {
  const urls = new Set<string>();
  const base0 = JSON.parse(example('disclosure.json'));

  beforeAll(async () => {
    const token = await createToken(portal.dataDir(), 'market');
    const records = [
      {
        ...base0,
        decisionNo: '滨江市监罚〔2026〕0981号',
        partyName: secrets.person,
        partyType: '自然人',
        partyCreditCode: undefined,
        legalRepresentative: undefined,
        legalRepIdType: undefined,
        legalRepIdNumber: undefined,
        partyIdType: '身份证',
        partyIdNumber: secrets.personId,
        violationFacts: `经查，当事人${secrets.person}（身份证号${secrets.personId}，住址：示例市滨江新区${secrets.address}501室，联系电话${secrets.mobile}）无证经营熟食，证人${secrets.witness}（身份证号码 ${secrets.witnessIdSpaced}，电话 ${secrets.mobileSpaced}）证实上述事实。违法所得经银行卡${secrets.card}收取。`,
        penaltyContent: `没收违法所得，并处罚款人民币3,000元。${secrets.person}已当场签收。`,
        fineAmount: 0.3,
        confiscatedAmount: 0.01,
      },
      {
        ...base0,
        decisionNo: '滨江市监罚〔2026〕0982号',
        legalRepresentative: secrets.rep,
        legalRepIdNumber: secrets.repId,
        violationFacts: `经查，当事人法定代表人${secrets.rep}指使员工${secrets.employee}（电话${secrets.mobile}）销售过期食品，${secrets.rep}对此事实无异议。`,
      },
      {
        ...base0,
        decisionNo: '滨江市监罚〔2026〕0983号',
        partyName: '示例市滨江新区老赵卤味店',
        partyType: '个体工商户',
        partyCreditCode: makeCreditCode('92990116MA0D9Q1X7'),
        legalRepresentative: secrets.operator,
        legalRepIdNumber: secrets.repId,
        violationFacts: `经查，经营者${secrets.operator}在店内销售未标明生产日期的卤制品，收款账号${secrets.card}。`,
      },
    ];
    const res = await push(
      base(),
      token,
      records.map((r) => JSON.stringify(r)).join('\n') + '\n',
      'application/x-ndjson',
    );
    const out = await res.json();
    expect(out.accepted).toBe(3);
    for (const r of out.results) {
      urls.add(r.url);
      urls.add(`${base()}/api/v1/disclosures/${r.id}`);
    }
    await eventually(
      async () =>
        (await (await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent('滨江市监罚〔2026〕0982号')}`)).json())
          .total,
      (n) => n > 0,
    );
    const enterprise = makeCreditCode('92990116MA0D9Q1X7');
    for (const u of [
      '/',
      '/disclosures',
      '/disclosures?q=%E7%86%9F%E9%A3%9F',
      '/disclosures?q=%E5%8D%A4%E5%91%B3',
      `/disclosures?q=${encodeURIComponent('滨江市监罚〔2026〕098')}`,
      '/disclosures?partyType=%E8%87%AA%E7%84%B6%E4%BA%BA',
      `/enterprises/${enterprise}`,
      `/api/v1/enterprises/${enterprise}`,
      `/enterprises/${base0.partyCreditCode}`,
      `/api/v1/enterprises/${base0.partyCreditCode}`,
      '/api/v1/disclosures?q=%E7%86%9F%E9%A3%9F&facets=agency,region',
      '/api/v1/disclosures?partyType=%E8%87%AA%E7%84%B6%E4%BA%BA&pageSize=100',
      '/api/v1/disclosures?q=%E5%8D%A4%E5%91%B3',
    ]) {
      urls.add(`${base()}${u}`);
    }
  });

  it('shows a natural person as 姓+某 and other names masked', async () => {
    const rec = await (await fetch([...urls].find((u) => u.includes('/api/v1/disclosures/'))!)).json();
    expect(rec.partyName).toBe('欧阳某');
    expect(rec.violationFacts).toContain('证人王某');
  });

  it('a search for a person’s full name or ID number finds nothing', async () => {
    for (const q of [secrets.person, secrets.witness, secrets.rep, secrets.personId, secrets.mobile]) {
      const res = await (await fetch(`${base()}/api/v1/disclosures?q=${encodeURIComponent(q)}`)).json();
      expect(
        res.hits.map((h: { decisionNo: string }) => h.decisionNo),
        q,
      ).toEqual([]);
    }
  });

  it('no page, API answer or search result reachable from them contains an ID, phone or card number or a full name', async () => {
    const seen = new Set<string>();
    const queue = [...urls].map((u) => ({ url: u, depth: 0 }));
    const leaks: string[] = [];
    while (queue.length && seen.size < 250) {
      const { url, depth } = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      const body = await res.text();
      for (const [name, secret] of Object.entries(secrets)) {
        if (body.includes(secret)) leaks.push(`${url} contains ${name}`);
      }
      if (depth < 1 && (res.headers.get('content-type') ?? '').includes('text/html')) {
        for (const m of body.matchAll(/href="(\/(?:disclosures|enterprises|api)[^"#]*)"/g)) {
          queue.push({ url: `${base()}${m[1]!.replace(/&amp;/g, '&')}`, depth: depth + 1 });
        }
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
