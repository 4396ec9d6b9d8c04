import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { z } from 'zod';
import { formatIssues } from '@sunlight/domain/errors';
import { AgencySchema } from '@sunlight/domain/schemas/agency';
import { CertificateSchema, type Certificate } from '@sunlight/domain/schemas/certificate';
import { disclosureRecordSchemaAt, type DisclosureInput, type Withdrawal } from '@sunlight/domain/schemas/disclosure';
import { DrawRecordSchema, type DrawRecord } from '@sunlight/domain/schemas/draw';
import { DiscretionItemSchema } from '@sunlight/domain/schemas/discretion-item';
import { EnforcementItemSchema } from '@sunlight/domain/schemas/enforcement-item';
import { EnterpriseSchema } from '@sunlight/domain/schemas/enterprise';
import { InspectionCapSchema } from '@sunlight/domain/schemas/inspection-cap';
import { InspectionItemSchema } from '@sunlight/domain/schemas/inspection-item';
import { InspectionSchema } from '@sunlight/domain/schemas/inspection';
import { InspectorSchema } from '@sunlight/domain/schemas/inspector';
import { LegalBasisSchema } from '@sunlight/domain/schemas/legal-basis';
import { PowerItemSchema } from '@sunlight/domain/schemas/power-item';
import { PublicationRulesSchema, type PublicationRule } from '@sunlight/domain/schemas/publication-rule';
import { SiteSchema } from '@sunlight/domain/schemas/site';
import { SupervisionSettingsSchema } from '@sunlight/domain/schemas/supervision-settings';
import { todayInChina } from '@sunlight/domain/validators/dates';
import type { Config } from '../config';
import type { Db } from '../db/types';
import { storeDisclosure, withdrawDisclosure } from '../disclosures/store';
import { loadDraws } from '../inspections/draws';
import { contentShifter, sampleShift } from './shift-dates';

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
interface TableSpec {
  file: string;
  schema: z.ZodType;
  table: string;
  key: string;
  columns: (r: Row) => Row;
  /** Remove rows that are no longer in the file (content owns the table outright). */
  prune: boolean;
}

const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

/** In dependency order: agencies first, everything that references them after. */
const TABLES: TableSpec[] = [
  {
    file: 'agencies.json',
    schema: AgencySchema,
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
  {
    file: 'laws.json',
    schema: LegalBasisSchema,
    table: 'laws',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, title: r.title, level: r.level }),
  },
  {
    file: 'powers.json',
    schema: PowerItemSchema,
    table: 'powers',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, type: r.type, name: r.name }),
  },
  {
    file: 'enforcement-items.json',
    schema: EnforcementItemSchema,
    table: 'enforcement_items',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, level: r.level, parent_code: str(r.parentCode) }),
  },
  {
    file: 'inspection-items.json',
    schema: InspectionItemSchema,
    table: 'inspection_items',
    key: 'code',
    prune: true,
    columns: (r) => ({ code: r.code, agency_id: r.agencyId, field: str(r.field) }),
  },
  {
    file: 'inspectors.json',
    schema: InspectorSchema,
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
  {
    file: 'discretion.json',
    schema: DiscretionItemSchema,
    table: 'discretion_items',
    key: 'id',
    prune: true,
    columns: (r) => ({ id: r.id, kind: r.kind, agency_id: r.agencyId, field: str(r.field) }),
  },
  {
    file: 'enterprises.ndjson',
    schema: EnterpriseSchema,
    table: 'enterprises',
    key: 'credit_code',
    prune: false,
    columns: (r) => ({ credit_code: r.creditCode, name: r.name, type: str(r.type), region: str(r.region) }),
  },
];

const SETTINGS: { file: string; key: string; schema: z.ZodType }[] = [
  { file: 'site.json', key: 'site', schema: SiteSchema },
  { file: 'publication-rules.json', key: 'publication-rules', schema: PublicationRulesSchema },
  { file: 'inspection-caps.json', key: 'inspection-caps', schema: InspectionCapSchema.array() },
  { file: 'supervision.json', key: 'supervision', schema: SupervisionSettingsSchema },
];

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

async function upsertRows(tx: Db, spec: TableSpec, rows: Row[]): Promise<void> {
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

  for (const s of SETTINGS) {
    const p = pending(s.file);
    if (!p) continue;
    const raw = shift(s.file, JSON.parse(fs.readFileSync(p.full, 'utf8')));
    const res = s.schema.safeParse(raw);
    if (!res.success) throw new ContentError(formatIssues(res.error, { file: p.rel }));
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO settings (key, data) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
        [s.key, JSON.stringify(res.data)],
      );
      await record(tx, s.file, p.sum, Array.isArray(res.data) ? res.data.length : 1);
    });
    loaded.push(s.file);
  }

  for (const spec of TABLES) {
    const p = pending(spec.file);
    if (!p) continue;
    const rows = await validated(p.full, spec.schema, p.rel, shift);
    await db.transaction(async (tx) => {
      await upsertRows(tx, spec, rows);
      await record(tx, spec.file, p.sum, rows.length);
    });
    loaded.push(`${spec.file} (${rows.length})`);
  }

  const inspections = pending('inspections.ndjson');
  if (inspections) {
    const rows = await validated(inspections.full, InspectionSchema, inspections.rel, shift);
    await db.transaction(async (tx) => {
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
      await record(tx, 'inspections.ndjson', inspections.sum, rows.length);
    });
    loaded.push(`inspections.ndjson (${rows.length})`);
  }

  const draws = pending('draws.ndjson');
  if (draws) {
    const rows = (await validated(draws.full, DrawRecordSchema, draws.rel, shift)) as DrawRecord[];
    const added = await db.transaction(async (tx) => {
      const n = await loadDraws(tx, rows);
      await record(tx, 'draws.ndjson', draws.sum, rows.length);
      return n;
    });
    loaded.push(`draws.ndjson (${added})`);
  }

  const certificates = options.certificates && pending('certificates.ndjson');
  if (certificates && options.certificates) {
    const store = options.certificates;
    const rows = (await validated(certificates.full, CertificateSchema, certificates.rel, shift)) as Certificate[];
    const added = await db.transaction(async (tx) => {
      const n = await store(tx, rows);
      await record(tx, 'certificates.ndjson', certificates.sum, rows.length);
      return n;
    });
    loaded.push(`certificates.ndjson (${added} signed)`);
  }

  const disclosures = pending('disclosures.ndjson');
  if (disclosures) {
    const today = todayInChina(now.getTime());
    const schema = disclosureRecordSchemaAt(() => today);
    const rows = await validated(disclosures.full, schema, disclosures.rel, shift);
    const [rules] = await db.query<{ data: PublicationRule[] }>(
      `SELECT data FROM settings WHERE key = 'publication-rules'`,
    );
    if (!rules) throw new ContentError([`${disclosures.rel}：缺少 publication-rules.json，无法计算公示期`]);
    const counts: Record<string, number> = {};
    await db.transaction(async (tx) => {
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
          rules: rules.data,
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
      await record(tx, 'disclosures.ndjson', disclosures.sum, rows.length);
    });
    loaded.push(
      `disclosures.ndjson (${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
  }
  return { loaded };
}
