/** 四张清单 (不予/减轻/从轻/从重处罚清单): browse, counts, one item with the decisions that applied it. */
import { type Field } from '@sunlight/domain/schemas/common';
import { DISCRETION_KINDS, type DiscretionItem, type DiscretionKind } from '@sunlight/domain/schemas/discretion-item';
import { POWER_CODE_PATTERN } from '@sunlight/domain/schemas/power-item';
import type { Db, SqlParam } from '../db/types';
import {
  addBasisFilter,
  allWithTitles,
  addSearch,
  basisListText,
  clampPage,
  lawTitles,
  PAGE_SIZE,
  paged,
  paramsOf,
  pick,
  resolveBasis,
  sharedListFilters,
  TOTAL_CAP,
  Where,
  type Paged,
  type ResolvedBasis,
  type ListQuery,
} from './common';
import { PUBLIC_STATUS_SQL } from '../disclosures/status-sql';
import type { CsvValue } from '../csv';

/** ORDER BY expression putting the lists in their natural order: 不予, 减轻, 从轻, 从重. */
export const discretionOrder = (column = 'kind') =>
  `CASE ${column} WHEN '不予处罚' THEN 1 WHEN '减轻处罚' THEN 2 WHEN '从轻处罚' THEN 3 ELSE 4 END`;

export interface DiscretionFilters {
  q?: string | undefined;
  kind?: DiscretionKind | undefined;
  agency?: string | undefined;
  field?: Field | undefined;
  power?: string | undefined;
  law?: string | undefined;
  article?: number | undefined;
  page: number;
}

export function parseDiscretionFilters(sp: URLSearchParams): DiscretionFilters {
  const power = sp.get('power')?.trim().toUpperCase();
  return {
    ...sharedListFilters(sp),
    kind: pick(sp.get('kind'), DISCRETION_KINDS),
    power: power && POWER_CODE_PATTERN.test(power) ? power : undefined,
  };
}

export function discretionParams(f: DiscretionFilters) {
  return paramsOf(f, ['q', 'kind', 'agency', 'field', 'power', 'law', 'article', 'page']);
}

function discretionWhere(f: DiscretionFilters, { ignoreKind = false } = {}): Where {
  const w = new Where();
  if (f.kind && !ignoreKind) w.add('d.kind = {}', f.kind);
  if (f.agency) w.add('d.agency_id = {}', f.agency);
  if (f.field) w.add('d.field = {}', f.field);
  if (f.power) w.add(`d.data->>'powerCode' = {}`, f.power);
  addBasisFilter(w, `d.data->'basis'`, f.law, f.article);
  addSearch(w, f.q, ['d.id', `d.data->>'violation'`, `d.data->>'outcome'`, `d.data->>'conditions'`], {
    column: `d.data->'basis'`,
  });
  return w;
}

const ITEMS: ListQuery = {
  from: 'discretion_items d',
  join: 'JOIN agencies a ON a.id = d.agency_id',
  columns: 'd.data, a.name, a.short_name',
  order: `${discretionOrder('d.kind')}, d.id`,
};

export interface DiscretionRow {
  item: DiscretionItem;
  agencyName: string;
  agencyShortName: string;
}

export interface DiscretionList extends Paged<DiscretionRow> {
  /** Law titles for every basis on the page. */
  titles: Map<string, string>;
  /** Matches per kind under the other filters (the kind "tabs"). */
  kindCounts: Record<DiscretionKind, number>;
}

export async function listDiscretion(db: Db, f: DiscretionFilters, pageSize = PAGE_SIZE): Promise<DiscretionList> {
  const wAll = discretionWhere(f, { ignoreKind: true });
  const counts = await db.query<{ kind: DiscretionKind; n: number }>(
    `SELECT d.kind, count(*)::int AS n FROM discretion_items d ${wAll.sql} GROUP BY d.kind`,
    wAll.params,
  );
  const kindCounts = Object.fromEntries(DISCRETION_KINDS.map((k) => [k, 0])) as Record<DiscretionKind, number>;
  for (const c of counts) kindCounts[c.kind] = c.n;
  const total = f.kind ? kindCounts[f.kind] : Object.values(kindCounts).reduce((a, b) => a + b, 0);
  const page = clampPage(f.page, total, pageSize);
  const w = discretionWhere(f);
  const rows = total
    ? await db.query<{ data: DiscretionItem; name: string; short_name: string | null }>(
        `SELECT ${ITEMS.columns} FROM ${ITEMS.from} ${ITEMS.join} ${w.sql}
         ORDER BY ${ITEMS.order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        w.params,
      )
    : [];
  const items = rows.map((r) => ({ item: r.data, agencyName: r.name, agencyShortName: r.short_name ?? r.name }));
  const titles = await lawTitles(
    db,
    items.map((r) => r.item.basis),
  );
  return { ...paged(items, total, page, pageSize), titles, kindCounts };
}

export const DISCRETION_CSV_HEADERS = [
  '清单事项编号',
  '清单类别',
  '违法行为',
  '法律依据',
  '适用条件',
  '处理结果',
  '实施主体',
  '执法领域',
  '对应权责事项编码',
  '备注',
] as const;

export async function discretionCsvRows(db: Db, f: DiscretionFilters): Promise<CsvValue[][]> {
  const { rows, titles } = await allWithTitles<{ data: DiscretionItem; name: string }>(
    db,
    ITEMS,
    discretionWhere(f),
    (r) => r.data.basis,
  );
  return rows.map(({ data: d, name }) => [
    d.id,
    d.kind,
    d.violation,
    basisListText(d.basis, titles),
    d.conditions.map((c, i) => `${i + 1}. ${c}`).join('\n'),
    d.outcome,
    name,
    d.field,
    d.powerCode,
    d.notes,
  ]);
}

export interface DiscretionCounts {
  byKind: { kind: DiscretionKind; n: number }[];
  byAgency: { id: string; name: string; shortName: string; counts: Record<DiscretionKind, number>; total: number }[];
  total: number;
}

/** How many items each list has, overall and per agency (agencies with no items are left out). */
export async function discretionCounts(db: Db): Promise<DiscretionCounts> {
  const rows = await db.query<{ id: string; name: string; short_name: string | null; kind: DiscretionKind; n: number }>(
    `SELECT a.id, a.name, a.short_name, d.kind, count(*)::int AS n
     FROM discretion_items d JOIN agencies a ON a.id = d.agency_id
     GROUP BY a.id, a.name, a.short_name, a.category, d.kind ORDER BY a.category, a.name`,
  );
  const agencies = new Map<string, DiscretionCounts['byAgency'][number]>();
  const kinds = Object.fromEntries(DISCRETION_KINDS.map((k) => [k, 0])) as Record<DiscretionKind, number>;
  for (const r of rows) {
    let a = agencies.get(r.id);
    if (!a) {
      a = {
        id: r.id,
        name: r.name,
        shortName: r.short_name ?? r.name,
        counts: Object.fromEntries(DISCRETION_KINDS.map((k) => [k, 0])) as Record<DiscretionKind, number>,
        total: 0,
      };
      agencies.set(r.id, a);
    }
    a.counts[r.kind] += r.n;
    a.total += r.n;
    kinds[r.kind] += r.n;
  }
  const byKind = DISCRETION_KINDS.map((kind) => ({ kind, n: kinds[kind] }));
  return {
    byKind,
    byAgency: [...agencies.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN')),
    total: byKind.reduce((s, k) => s + k.n, 0),
  };
}

export interface DecisionLink {
  id: string;
  decisionNo: string;
  partyName: string;
  decisionDate: string;
  agencyShortName?: string;
}

export interface DiscretionDetail {
  item: DiscretionItem;
  agency: { id: string; name: string; shortName: string };
  basis: ResolvedBasis[];
  power: { code: string; name: string; type: string } | undefined;
  /** Other items for the same power. */
  siblings: Pick<DiscretionItem, 'id' | 'kind' | 'violation'>[];
  decisions: Paged<DecisionLink>;
}

export async function getDiscretionItem(
  db: Db,
  id: string,
  page = 1,
  pageSize = PAGE_SIZE,
): Promise<DiscretionDetail | undefined> {
  const [row] = await db.query<{ data: DiscretionItem; name: string; short_name: string | null }>(
    `SELECT d.data, a.name, a.short_name FROM discretion_items d JOIN agencies a ON a.id = d.agency_id WHERE d.id = $1`,
    [id],
  );
  if (!row) return undefined;
  const item = row.data;
  const [basis, power, siblings, decisions] = await Promise.all([
    resolveBasis(db, item.basis),
    item.powerCode
      ? db.query<{ code: string; name: string; type: string }>('SELECT code, name, type FROM powers WHERE code = $1', [
          item.powerCode,
        ])
      : Promise.resolve([]),
    item.powerCode
      ? db.query<Pick<DiscretionItem, 'id' | 'kind' | 'violation'>>(
          `SELECT id, kind, data->>'violation' AS violation FROM discretion_items
           WHERE data->>'powerCode' = $1 AND id <> $2 ORDER BY ${discretionOrder()}, id`,
          [item.powerCode, id],
        )
      : Promise.resolve([]),
    decisionsApplying(db, id, page, pageSize),
  ]);
  return {
    item,
    agency: { id: item.agencyId, name: row.name, shortName: row.short_name ?? row.name },
    basis,
    power: power[0],
    siblings,
    decisions,
  };
}

/** Public decisions (published or corrected) that applied this list item, newest first. */
export async function decisionsApplying(
  db: Db,
  id: string,
  page: number,
  pageSize: number,
): Promise<Paged<DecisionLink>> {
  return pagedDecisions(db, `d.data->>'discretionItemId' = $1`, [id], page, pageSize);
}

/**
 * One page of public decisions matching `condition` (on alias d), newest first. The total is counted only up
 * to TOTAL_CAP (then `capped`: "10,000 个以上") and pages go no further, so no request reads more than
 * TOTAL_CAP index entries however many decisions match. The page's ids come first (read in index order);
 * only its rows' stored records are opened.
 */
export async function pagedDecisions(
  db: Db,
  condition: string,
  params: SqlParam[],
  page: number,
  pageSize: number,
): Promise<Paged<DecisionLink>> {
  const where = `d.status IN ${PUBLIC_STATUS_SQL} AND ${condition}`;
  const run = (p: number) =>
    db.query<DecisionLink>(
      `SELECT d.id, d.decision_no AS "decisionNo", d.data->>'partyName' AS "partyName",
              d.decision_date::text AS "decisionDate", coalesce(a.short_name, a.name) AS "agencyShortName"
       FROM (SELECT d.id FROM disclosures d WHERE ${where}
             ORDER BY d.decision_date DESC, d.id LIMIT ${pageSize} OFFSET ${(p - 1) * pageSize}) shown
       JOIN disclosures d ON d.id = shown.id JOIN agencies a ON a.id = d.agency_id
       ORDER BY d.decision_date DESC, d.id`,
      params,
    );
  const count = async () => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM disclosures d WHERE ${where} LIMIT ${TOTAL_CAP + 1}) matches`,
      params,
    );
    return row?.n ?? 0;
  };
  const asked = clampPage(page, TOTAL_CAP, pageSize);
  let [rows, n] = await Promise.all([run(asked), count()]);
  const total = Math.min(n, TOTAL_CAP);
  const shown = clampPage(asked, total, pageSize);
  if (shown !== asked) rows = await run(shown);
  return paged(rows, total, shown, pageSize, n > TOTAL_CAP);
}
