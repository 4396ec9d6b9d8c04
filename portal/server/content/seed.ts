import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { z } from 'zod';
import { formatIssues } from '@sunlight/domain/errors';
import { CONTENT_FILES, type ContentFile, type ContentFileKey } from '@sunlight/domain/content-files';
import type { Certificate } from '@sunlight/domain/schemas/certificate';
import { disclosureRecordSchemaAt, type DisclosureInput, type Withdrawal } from '@sunlight/domain/schemas/disclosure';
import type { DrawRecord } from '@sunlight/domain/schemas/draw';
import { permitRecordSchemaAt, type PermitInput, type PermitWithdrawal } from '@sunlight/domain/schemas/permit';
import type { Inspection } from '@sunlight/domain/schemas/inspection';
import type { PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Config } from '../config';
import type { Db } from '../db/types';
import { storeDisclosure, withdrawDisclosure } from '../disclosures/store';
import { loadDraws } from '../inspections/draws';
import { endPermitLife, storePermit } from '../permits/store';
import { seedInspectionResults } from '../inspection-results/store';
import { storeSampleFeedback } from './sample-feedback';
import { storeSampleReports } from './sample-reports';
import { contentShifter, sampleShift } from './shift-dates';
import type { SampleReport } from '@sunlight/domain/schemas/sample-report';
import type { SampleFeedback } from '@sunlight/domain/schemas/sample-feedback';

export interface SeedResult {
  loaded: string[];
}

export interface SeedOptions {
  /**
   * Stores sample certificates (certificates.ndjson) through the deployment's issuing code, which signs
   * them with its own key at load time; returns how many were new. Without it the file is left for a
   * later start that has a signer.
   */
  certificates?: (tx: Db, rows: Certificate[]) => Promise<number>;
  /** The clock: "today" for publication periods, and the day a sample's dates are shifted to (default: now). */
  now?: Date;
}

export class ContentError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `内容文件有 ${problems.length} 处问题，未加载（已存储的数据保持不变）：\n${problems.slice(0, 50).join('\n')}`,
    );
  }
}

type Row = Record<string, unknown>;

/** A catalogue table loaded from one content file: each record validated by its schema. */
interface TableStore {
  table: string;
  key: string;
  columns: (r: Row) => Row;
  /** Remove rows that are no longer in the file (content owns the table outright). */
  prune: boolean;
}

/** How each file of the content registry is stored: a settings row, a table, or through its own write path. */
type Store =
  | { settings: string }
  | TableStore
  | 'inspections'
  | 'certificates'
  | 'disclosures'
  | 'draws'
  | 'permits'
  | 'feedback'
  | 'reports';

const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

const STORES: Record<ContentFileKey, Store> = {
  site: { settings: 'site' },
  publicationRules: { settings: 'publication-rules' },
  supervision: { settings: 'supervision' },
  calendar: { settings: 'calendar' },
  agencies: {
    table: 'agencies',
    key: 'id',
    prune: false,
    columns: (r) => ({
      id: r.id,
      name: r.name,
      short_name: str(r.shortName),
      credit_code: str(r.creditCode),
      category: r.category,
    }),
  },
  laws: { table: 'laws', key: 'code', prune: true, columns: (r) => ({ code: r.code, title: r.title, level: r.level }) },
  powers: {
    table: 'powers',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, type: r.type, name: r.name }),
  },
  enforcementItems: {
    table: 'enforcement_items',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, level: r.level, parent_code: str(r.parentCode) }),
  },
  inspectionItems: {
    table: 'inspection_items',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, field: str(r.field) }),
  },
  inspectors: {
    table: 'inspectors',
    key: 'id',
    prune: true,
    columns: (r) => ({
      id: r.id,
      certificate_no: r.certificateNo,
      agency_id: r.agencyId,
      name: r.name,
      status: r.status,
    }),
  },
  discretion: {
    table: 'discretion_items',
    key: 'id',
    prune: true,
    columns: (r) => ({ id: r.id, kind: r.kind, agency_id: r.agencyId, field: str(r.field) }),
  },
  inspectionCaps: { settings: 'inspection-caps' },
  enterprises: {
    table: 'enterprises',
    key: 'credit_code',
    prune: false,
    columns: (r) => ({ credit_code: r.creditCode, name: r.name, type: str(r.type), region: str(r.region) }),
  },
  disclosures: 'disclosures',
  inspections: 'inspections',
  certificates: 'certificates',
  draws: 'draws',
  permits: 'permits',
  feedback: 'feedback',
  reports: 'reports',
  sampleClock: { settings: 'sample-reference' },
};

/** Reads a .json array or an .ndjson file as records with their position (1-based line or index). */
export async function* readRecords(file: string): AsyncGenerator<{ at: number; value: unknown; error?: string }> {
  if (file.endsWith('.ndjson')) {
    const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let at = 0;
    for await (const line of lines) {
      at++;
      if (!line.trim()) continue;
      try {
        yield { at, value: JSON.parse(line) };
      } catch (err) {
        yield { at, value: undefined, error: `不是有效的 JSON：${(err as Error).message}` };
      }
    }
    return;
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) {
    yield { at: 0, value: parsed };
    return;
  }
  for (let i = 0; i < parsed.length; i++) yield { at: i + 1, value: parsed[i] };
}

function checksum(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Moves a record's dates (see shift-dates.ts); identity outside the sample. */
type Shift = (file: string, value: unknown) => unknown;
const noShift: Shift = (_file, value) => value;

async function validated(file: string, schema: z.ZodType, rel: string, shift: Shift = noShift): Promise<Row[]> {
  const rows: Row[] = [];
  const problems: string[] = [];
  for await (const { at, value, error } of readRecords(file)) {
    if (error) {
      problems.push(`${rel} 第${at}行：${error}`);
      continue;
    }
    const res = schema.safeParse(shift(path.basename(file), value));
    if (res.success) rows.push(res.data as Row);
    else
      problems.push(
        ...formatIssues(res.error, { file: rel, record: at, id: (value as Row | undefined)?.id as string | undefined }),
      );
  }
  if (problems.length) throw new ContentError(problems);
  return rows;
}

async function upsertRows(tx: Db, spec: TableStore, rows: Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(spec.columns(first));
  const select = cols.map((c) => `e->>'${c}'`).join(', ');
  const updates = cols.filter((c) => c !== spec.key).map((c) => `${c} = EXCLUDED.${c}`);
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000).map((r) => ({ ...spec.columns(r), data: r }));
    await tx.query(
      `INSERT INTO ${spec.table} (${cols.join(', ')}, data)
       SELECT ${select}, e->'data' FROM jsonb_array_elements($1::jsonb) e
       ON CONFLICT (${spec.key}) DO UPDATE SET ${[...updates, 'data = EXCLUDED.data', 'updated_at = now()'].join(', ')}`,
      [JSON.stringify(batch)],
    );
  }
  if (spec.prune) {
    await tx.query(`DELETE FROM ${spec.table} WHERE NOT (${spec.key} = ANY($1))`, [
      rows.map((r) => String(spec.columns(r)[spec.key])),
    ]);
  }
}

/**
 * Loads content/ into the database at start-up. Each file is loaded in its own transaction and only
 * when its checksum changed, so restarts never duplicate anything and a bad file leaves what is
 * stored untouched. Decisions go through the same write path as agency ingest (redaction, periods).
 */
export async function seedContent(
  db: Db,
  config: Config,
  log: (line: string) => void,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const dir = config.contentDir;
  const loaded: string[] = [];
  if (!fs.existsSync(dir)) {
    log(`[sunlight] content dir ${dir} not found; starting with an empty catalogue`);
    return { loaded };
  }
  const now = options.now ?? new Date();
  const today = todayInChina(now.getTime());
  const clock = await sampleShift(db, dir, now);
  if (clock?.shiftDays)
    log(`[sunlight] sample dates shifted by ${clock.shiftDays} days (first seeded ${clock.firstSeededOn})`);
  const shift: Shift = clock ? contentShifter(dir, clock.shiftDays) : noShift;
  const done = new Map(
    (await db.query<{ kind: string; checksum: string }>('SELECT kind, checksum FROM content_loads')).map((r) => [
      r.kind,
      r.checksum,
    ]),
  );
  const pending = (file: string) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) return undefined;
    const sum = checksum(full);
    return done.get(file) === sum ? undefined : { full, sum, rel: path.relative(config.rootDir, full) };
  };
  const record = (tx: Db, file: string, sum: string, n: number) =>
    tx.query(
      `INSERT INTO content_loads (kind, checksum, records) VALUES ($1, $2, $3)
       ON CONFLICT (kind) DO UPDATE SET checksum = EXCLUDED.checksum, records = EXCLUDED.records, loaded_at = now()`,
      [file, sum, n],
    );

  for (const [key, file] of Object.entries(CONTENT_FILES) as [ContentFileKey, ContentFile][]) {
    const store = STORES[key];
    const certificates = options.certificates;
    // Check-ins and evaluations need the certificates they are about (and their tokens).
    if ((store === 'certificates' || store === 'feedback') && !certificates) continue;
    const p = pending(file.name);
    if (!p) continue;
    if (store === 'feedback' && !(clock && (await fictionalSite(db))))
      throw new ContentError([
        `${p.rel}：只有虚构的示例数据（site.json 中 fictional 为 true，且有 sample-clock.json）可以包含企业登记和评价；真实部署的登记和评价只能由企业本人提交`,
      ]);
    if (store === 'reports' && !(clock && (await fictionalSite(db))))
      throw new ContentError([
        `${p.rel}：只有虚构的示例数据（site.json 中 fictional 为 true，且有 sample-clock.json）可以包含反映问题；真实部署的反映只能由企业和群众本人提交`,
      ]);
    if (typeof store === 'object' && 'settings' in store) {
      const schema = file.shape === 'document' ? file.schema : file.schema.array();
      const res = schema.safeParse(shift(file.name, JSON.parse(fs.readFileSync(p.full, 'utf8'))));
      if (!res.success) throw new ContentError(formatIssues(res.error, { file: p.rel }));
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO settings (key, data) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
          [store.settings, JSON.stringify(res.data)],
        );
        await record(tx, file.name, p.sum, Array.isArray(res.data) ? res.data.length : 1);
      });
      loaded.push(file.name);
      continue;
    }
    // Sample decisions are checked against the seed's clock ("not after today").
    const schema =
      store === 'disclosures'
        ? disclosureRecordSchemaAt(() => today)
        : store === 'permits'
          ? permitRecordSchemaAt(() => today)
          : file.schema;
    const rows = await validated(p.full, schema, p.rel, shift);
    const rules =
      store === 'disclosures'
        ? (await db.query<{ data: PublicationRule[] }>(`SELECT data FROM settings WHERE key = 'publication-rules'`))[0]
        : undefined;
    if (store === 'disclosures' && !rules)
      throw new ContentError([`${p.rel}：缺少 publication-rules.json，无法计算公示期`]);
    const note = await db.transaction(async (tx) => {
      let note = String(rows.length);
      if (typeof store === 'object') await upsertRows(tx, store, rows);
      else if (store === 'inspections') note = await storeInspections(tx, rows, now, config.inspectionResultDelayDays);
      else if (store === 'certificates' && certificates)
        note = `${await certificates(tx, rows as Certificate[])} signed`;
      else if (store === 'draws') note = String(await loadDraws(tx, rows as DrawRecord[]));
      else if (store === 'disclosures' && rules) note = await storeDisclosures(tx, rows, rules.data, now);
      else if (store === 'permits') note = await storePermits(tx, rows, now);
      else if (store === 'feedback') {
        const { counts, problems } = await storeSampleFeedback(tx, rows as SampleFeedback[], p.rel, now);
        if (problems.length) throw new ContentError(problems);
        note = `${counts.checkins} check-ins, ${counts.evaluations} evaluations, ${counts.subjects} sample businesses, ${counts.impostors} refused impostor attempts`;
      } else if (store === 'reports') {
        const { counts, problems } = await storeSampleReports(tx, rows as SampleReport[], p.rel);
        if (problems.length) throw new ContentError(problems);
        note = `${counts.reports} reports, ${counts.replies} replies`;
      }
      await record(tx, file.name, p.sum, rows.length);
      return note;
    });
    loaded.push(`${file.name} (${note})`);
  }
  return { loaded };
}

async function fictionalSite(db: Db): Promise<boolean> {
  const [site] = await db.query<{ data: { fictional?: boolean } }>(`SELECT data FROM settings WHERE key = 'site'`);
  return site?.data.fictional === true;
}

async function storeInspections(tx: Db, rows: Row[], now: Date, delayDays: number): Promise<string> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.query(
      `INSERT INTO inspections (id, agency_id, enterprise_credit_code, source, status, window_start, window_end, data)
       SELECT e->>'id', e->>'agencyId', e->>'enterpriseCreditCode', e->>'source', e->>'status',
              (e->>'windowStart')::timestamptz, (e->>'windowEnd')::timestamptz, e
       FROM jsonb_array_elements($1::jsonb) e
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows.slice(i, i + 1000))],
    );
  }
  // Completed tasks publish their results (recorded on the day of completion, public after the delay).
  const counts = await seedInspectionResults(tx, rows as Inspection[], now, delayDays);
  return [String(rows.length), ...Object.entries(counts).map(([k, v]) => `results ${k} ${v}`)].join(', ');
}

/** Decisions go through the agency ingest write path; returns how many ended in each status. */
async function storeDisclosures(tx: Db, rows: Row[], rules: PublicationRule[], now: Date): Promise<string> {
  const today = todayInChina(now.getTime());
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const {
      id,
      status,
      publishedOn,
      publicationEndDate: _e,
      publicationRuleId: _r,
      createdAt: _c,
      updatedAt: _u,
      withdrawal,
      correctionNote,
      ...input
    } = r;
    const out = await storeDisclosure(tx, input as DisclosureInput, {
      rules,
      today,
      now,
      publishedOn: publishedOn as string,
      id: id as string,
      ...(status === 'corrected' ? { correctionNote: (correctionNote as string | undefined) ?? '信息已更正' } : {}),
    });
    const key = 'status' in out ? out.status : out.outcome;
    if (status === 'withdrawn' && withdrawal && 'status' in out && out.status !== 'expired') {
      const w = withdrawal as Withdrawal;
      await withdrawDisclosure(tx, out.id, { type: w.type, reason: w.reason }, new Date(w.at));
      counts.withdrawn = (counts.withdrawn ?? 0) + 1;
    } else counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Permits go through the agency ingest write path (redaction, validity); returns how many ended in each status. */
async function storePermits(tx: Db, rows: Row[], now: Date): Promise<string> {
  const today = todayInChina(now.getTime());
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const { id, status, publishedOn, createdAt: _c, updatedAt: _u, withdrawal, correctionNote, ...input } = r;
    const out = await storePermit(tx, input as PermitInput, {
      today,
      now,
      publishedOn: publishedOn as string,
      ...(status === 'corrected' ? { correctionNote: (correctionNote as string | undefined) ?? '信息已更正' } : {}),
    });
    if (out.id !== id)
      throw new ContentError([`permits.ndjson：记录 ${String(id)} 的编号应为 ${out.id}（由机关和决定文书号得出）`]);
    const key = 'status' in out ? out.status : out.outcome;
    if (status === 'withdrawn' && withdrawal && 'status' in out && out.status !== 'expired') {
      const w = withdrawal as PermitWithdrawal;
      await endPermitLife(tx, out.id, 'withdrawn', w.reason, new Date(w.at), w.type);
      counts.withdrawn = (counts.withdrawn ?? 0) + 1;
    } else counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
