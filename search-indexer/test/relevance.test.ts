import { beforeAll, describe, expect, it } from 'vitest';
import { decisionNoMatch, decisionNoParts } from '../src/decision-no';
import { EmbeddedEngine } from '../src/engines/embedded';
import { parseQuery, type SearchQueryInput } from '../src/query';
import type { SearchDoc, SearchResult } from '../src/types';

/** Records as a district publishes them: zero-padded and unpadded numbers, amounts with digits, typos to catch. */
const AGENCY = {
  scjgj: { agencyName: '示例市滨江新区市场监督管理局', agencyShortName: '区市监局', field: '市场监管' },
  yjglj: { agencyName: '示例市滨江新区应急管理局', agencyShortName: '区应急局', field: '安全生产' },
  sthjj: { agencyName: '示例市滨江新区生态环境局', agencyShortName: '区生态环境局', field: '生态环境' },
} as const;

let serial = 0;
function record(
  agencyId: keyof typeof AGENCY,
  over: Partial<SearchDoc> & Pick<SearchDoc, 'decisionNo' | 'partyName'>,
): SearchDoc {
  serial++;
  return {
    id: `rec-${String(serial).padStart(3, '0')}`,
    type: 'penalty',
    version: 1,
    partyCreditCode: null,
    partyType: '法人及非法人组织',
    agencyId,
    ...AGENCY[agencyId],
    region: '江湾街道',
    procedure: '普通程序',
    categories: ['罚款'],
    violationType: '食品安全违法行为',
    violationFacts: '当事人销售超过保质期的预包装食品。',
    penaltyContent: '罚款5,000元',
    penaltyBasis: '《中华人民共和国食品安全法》第一百二十四条',
    decisionDate: `2025-0${(serial % 9) + 1}-15`,
    year: 2025,
    fineYuan: 5000,
    status: 'published',
    ...over,
  };
}

const wanjialong = record('scjgj', {
  decisionNo: '滨江市监罚〔2025〕0041号',
  partyName: '示例市万家隆餐饮管理有限公司',
  violationFacts: '当事人经营的餐饮店后厨未按规定配备防鼠设施。',
  penaltyContent: '罚款8,000元',
  decisionDate: '2025-02-10',
});
const amount41000 = record('scjgj', {
  decisionNo: '滨江市监罚〔2025〕0107号',
  partyName: '示例市恒达商贸有限公司',
  violationFacts: '当事人销售不符合食品安全标准的食品，货值金额41,000元，违法所得4,100元。',
  penaltyContent: '没收违法所得4,100元，罚款41,000元',
  fineYuan: 41000,
  decisionDate: '2025-11-30',
});
const otherAgency41 = record('yjglj', {
  decisionNo: '滨江应急罚〔2025〕41号',
  partyName: '示例市金桥化工有限公司',
  violationType: '安全生产违法行为',
  violationFacts: '当事人未对从业人员进行安全生产教育和培训。',
});
const lastYear41 = record('scjgj', { decisionNo: '滨江市监罚〔2024〕0041号', partyName: '示例市绿野建材有限公司' });
const fireSafety = record('yjglj', {
  decisionNo: '滨江应急罚〔2025〕0052号',
  partyName: '示例市鑫源化工有限公司',
  violationType: '消防安全违法行为',
  violationFacts: '当事人在生产车间内堆放易燃物品，消防通道被占用。',
});
const consumers = Array.from({ length: 6 }, (_, i) =>
  record('scjgj', {
    decisionNo: `滨江市监罚〔2025〕${String(200 + i).padStart(4, '0')}号`,
    partyName: `示例市华美商贸有限公司${i}`,
    violationFacts: '当事人以虚假宣传误导消费者，侵害消费者合法权益。',
  }),
);
// A canteen named after the agency, fined by another agency: its party name contains the agency name.
const canteen = record('sthjj', {
  decisionNo: '滨江环罚〔2025〕0009号',
  partyName: '示例市滨江新区市场监督管理局机关食堂',
  violationType: '环境污染违法行为',
  violationFacts: '当事人未经处理直接排放含油废水。',
});
const maskedPerson = record('yjglj', {
  decisionNo: '滨江应急罚〔2025〕0007号',
  partyName: '欧阳某',
  partyType: '自然人',
  violationFacts: '当事人欧阳某在住宅内违规存放瓶装液化气。',
});
const docs = [wanjialong, amount41000, otherAgency41, lastYear41, fireSafety, ...consumers, canteen, maskedPerson];

const engine = new EmbeddedEngine();
beforeAll(async () => {
  await engine.upsert(docs);
});

async function search(input: SearchQueryInput): Promise<SearchResult> {
  const parsed = parseQuery(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return engine.search(parsed.query);
}
const ids = (res: SearchResult) => res.hits.map((h) => h.id);

describe('decision numbers are matched by their parts', () => {
  it.each([
    ['滨江市监罚〔2025〕41号'],
    ['滨江市监罚[2025]41号'],
    ['滨江市监罚(2025)41'],
    ['滨江市监罚【2025】0041号'],
    ['滨江市监罚 2025 41号'],
    ['市监罚2025-41'],
    ['滨江市监罚〔2025〕0041号'],
  ])('%s finds the 万家隆 case first and not the case fined 41,000元', async (typed) => {
    const res = await search({ q: typed });
    expect(res.hits[0]?.id).toBe(wanjialong.id);
    expect(res.hits[0]?.exact).toBe(true);
    expect(ids(res)).not.toContain(amount41000.id);
    expect(ids(res)).not.toContain(lastYear41.id);
    expect(ids(res)).not.toContain(otherAgency41.id);
  });

  it('without an agency prefix, 〔2025〕0041号 finds every agency’s 41st decision of 2025 and nothing else', async () => {
    const res = await search({ q: '〔2025〕0041号' });
    expect(ids(res).sort()).toEqual([wanjialong.id, otherAgency41.id].sort());
  });

  it('the same number in another year is another case', async () => {
    const res = await search({ q: '滨江市监罚〔2024〕41号' });
    expect(ids(res)).toEqual([lastYear41.id]);
  });

  it('a number nobody issued finds nothing rather than records that happen to contain its digits', async () => {
    const res = await search({ q: '滨江市监罚〔2025〕4100号' });
    expect(res.total).toBe(0);
    expect(res.suggestion).toBeNull();
  });

  it('filters still apply to a decision-number query', async () => {
    expect((await search({ q: '〔2025〕41号', agency: ['yjglj'] })).hits.map((h) => h.id)).toEqual([otherAgency41.id]);
  });

  it('an amount typed as text still finds the amount', async () => {
    expect(ids(await search({ q: '41,000元' }))).toContain(amount41000.id);
  });

  it('the parser takes numbers apart and leaves other text alone', () => {
    expect(decisionNoParts('市监罚字〔2025〕第041号')).toEqual({ prefix: '市监罚', year: 2025, serial: 41 });
    expect(decisionNoParts('2025-41')).toBeUndefined();
    expect(decisionNoParts('2025-03-18')).toBeUndefined();
    expect(decisionNoParts('41,000元')).toBeUndefined();
    expect(decisionNoMatch(decisionNoParts('市监罚2025-41')!, '滨江市监罚〔2025〕0041号')).toBe(1);
    expect(decisionNoMatch(decisionNoParts('滨江市监罚〔2025〕41号')!, '滨江市监罚〔2025〕0041号')).toBe(2);
    expect(decisionNoMatch(decisionNoParts('应急罚〔2025〕41号')!, '滨江市监罚〔2025〕0041号')).toBe(0);
  });
});

describe('one wrong character', () => {
  it('万家龙 shows the 万家隆 case and says “您是不是要找：万家隆”', async () => {
    const res = await search({ q: '万家龙' });
    expect(res.suggestion).toEqual({ q: '万家隆', applied: true });
    expect(ids(res)).toEqual([wanjialong.id]);
    const marked = res.hits[0]!.highlights?.partyName?.filter((s) => s.match).map((s) => s.text);
    expect(marked).toEqual(['万家隆']);
  });

  it('消仿 is corrected to 消防, not to the commoner 消费', async () => {
    const res = await search({ q: '消仿' });
    expect(res.suggestion?.q).toBe('消防');
    expect(ids(res)).toEqual([fireSafety.id]);
  });

  it('a correction respects the filters: 万家龙 at the emergency agency has no correction', async () => {
    const res = await search({ q: '万家龙', agency: ['yjglj'] });
    expect(res.total).toBe(0);
    expect(res.suggestion).toBeNull();
  });

  it('a correctly spelled query that the filters empty is not “corrected”', async () => {
    const res = await search({ q: '消防', agency: ['scjgj'] });
    expect(res.total).toBe(0);
    expect(res.suggestion).toBeNull();
  });

  it('a query that finds something gets no suggestion', async () => {
    expect((await search({ q: '万家隆' })).suggestion).toBeNull();
  });

  it('when the typo happens to match one other record, that record stays and the correction is suggested', async () => {
    const withLobster = new EmbeddedEngine();
    const lobster = record('scjgj', { decisionNo: '滨江市监罚〔2025〕0300号', partyName: '示例市万家龙虾馆' });
    await withLobster.upsert([
      ...docs,
      lobster,
      { ...wanjialong, id: 'rec-wjl-2', decisionNo: '滨江市监罚〔2025〕0301号' },
    ]);
    const parsed = parseQuery({ q: '万家龙' });
    const res = await withLobster.search(parsed.ok ? parsed.query : (undefined as never));
    expect(res.hits.map((h) => h.id)).toEqual([lobster.id]);
    expect(res.suggestion).toEqual({ q: '万家隆', applied: false });
  });

  it('a rare but real term that other records outnumber is not “corrected”', async () => {
    const res = await search({ q: '万家隆' });
    expect(res.total).toBe(1);
    expect(res.suggestion).toBeNull();
  });

  it('a real name is never “corrected” into its masked form (欧阳建华 must not find 欧阳某)', async () => {
    for (const q of ['欧阳建', '欧阳建华', '欧阳 建华']) {
      const res = await search({ q });
      expect(res.suggestion, q).toBeNull();
      expect(ids(res), q).not.toContain(maskedPerson.id);
    }
  });

  it('gibberish with no close term finds nothing and suggests nothing', async () => {
    const res = await search({ q: '航天飞机' });
    expect(res.total).toBe(0);
    expect(res.suggestion).toBeNull();
  });
});

describe('agency queries rank by relevance', () => {
  const scjgjCount = docs.filter((d) => d.agencyId === 'scjgj').length;

  it('the named agency’s records come before a party whose name merely contains the agency name', async () => {
    const res = await search({ q: '市场监督管理局', pageSize: 50 });
    expect(res.hits.slice(0, scjgjCount).every((h) => h.doc.agencyId === 'scjgj')).toBe(true);
    expect(ids(res)).toContain(canteen.id);
    expect(ids(res).indexOf(canteen.id)).toBe(scjgjCount);
  });

  it('the full agency name ranks the same way', async () => {
    const res = await search({ q: '示例市滨江新区市场监督管理局', pageSize: 50 });
    expect(res.hits.slice(0, scjgjCount).every((h) => h.doc.agencyId === 'scjgj')).toBe(true);
  });

  it('an agency short name (区应急局) puts that agency first', async () => {
    const res = await search({ q: '区应急局', pageSize: 50 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.every((h) => h.doc.agencyId === 'yjglj')).toBe(true);
  });
});
