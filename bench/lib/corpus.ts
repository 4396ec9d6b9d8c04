/**
 * The benchmark corpus: N synthetic disclosures from content/generator/stream.ts, turned into the
 * redacted public form by the portal's own `toPublicForm` and into index documents by `toSearchDoc`,
 * i.e. the same path a real disclosure takes into the index.
 *
 * Generating 100,000 documents takes a while, so the result is cached as NDJSON under
 * /tmp/sunlight-bench (keyed by N, seed and the content of every source file involved); both
 * benchmarks and the per-library child processes of the engine comparison read the same cache.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DisclosureRecord } from '@sunlight/domain/schemas/disclosure';
import { toSearchDoc, type AgencyNames } from '@sunlight/search-indexer/document';
import type { SearchDoc } from '@sunlight/search-indexer/types';
import { toPublicForm } from '../../portal/server/disclosures/store.ts';
import { progress } from './progress.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = process.env.SUNLIGHT_BENCH_CACHE ?? '/tmp/sunlight-bench';

export interface CorpusMeta {
  requested: number;
  seed: string;
  /** Documents in the corpus (requested minus skipped). */
  documents: number;
  /** Generated records `toPublicForm` rejected, by first error message. */
  skipped: number;
  skipReasons: Record<string, number>;
  /**
   * Generated records whose status was not public (expired, withdrawn: the stream models five years of
   * decisions, most past their publication period). The benchmark indexes every generated decision, so
   * these were given status 'published' before `toPublicForm`; counted here by original status.
   */
  madePublic: Record<string, number>;
  generationSeconds: number;
  cacheKey: string;
  fromCache: boolean;
}

export interface Corpus {
  docs: SearchDoc[];
  meta: CorpusMeta;
}

function sourceFingerprint(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.ts') || p.endsWith('.json')) files.push(p);
    }
  };
  walk(join(ROOT, 'content/generator'));
  if (existsSync(join(ROOT, 'content/sample/agencies.json'))) files.push(join(ROOT, 'content/sample/agencies.json'));
  files.push(
    join(ROOT, 'portal/server/disclosures/store.ts'),
    join(ROOT, 'portal/server/disclosures/redact.ts'),
    join(ROOT, 'search-indexer/src/document.ts'),
    join(ROOT, 'bench/lib/corpus.ts'),
  );
  // Content, not mtime: touching a file (a checkout, a no-op format) keeps the cache; a real change regenerates.
  const h = createHash('sha256');
  for (const f of files.sort()) h.update(`${f}\n`).update(readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

/** Agency id → names, from content/sample/agencies.json, or from the generator's reference data. */
async function loadAgencies(): Promise<Map<string, AgencyNames>> {
  const file = join(ROOT, 'content/sample/agencies.json');
  let list: { id: string; name: string; shortName: string }[];
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    list = (Array.isArray(raw) ? raw : ((raw as { agencies?: unknown[] }).agencies ?? [])) as typeof list;
  } else {
    const { buildReference } = await import('../../content/generator/reference.ts');
    list = buildReference().agencies as unknown as typeof list;
  }
  return new Map(list.map((a) => [a.id, { name: a.name, shortName: a.shortName }]));
}

function isoDay(d: string | undefined, fallback: string): string {
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : fallback;
}

/**
 * A generated disclosure as a record that `toPublicForm` accepts. The stream yields full records
 * (id, status, dates); a bare DisclosureInput gets the record fields filled in here.
 */
function asPublishedRecord(
  raw: Record<string, unknown>,
  i: number,
  madePublic: Record<string, number>,
): DisclosureRecord {
  const r: Record<string, unknown> = { ...raw };
  const decisionDate = String(r.decisionDate);
  const status = typeof r.status === 'string' ? r.status : 'input';
  if (status !== 'published' && status !== 'corrected') {
    madePublic[status] = (madePublic[status] ?? 0) + 1;
    r.status = 'published';
    delete r.withdrawal;
  }
  if (r.status !== 'corrected') delete r.correctionNote;
  r.id ??= `bench-${i}`;
  r.publishedOn = isoDay(r.publishedOn as string | undefined, decisionDate);
  const end = `${Number(decisionDate.slice(0, 4)) + 3}${decisionDate.slice(4)}`;
  r.publicationEndDate = isoDay(r.publicationEndDate as string | undefined, end);
  if ((r.publicationEndDate as string) < (r.publishedOn as string)) r.publicationEndDate = end;
  const at = `${r.publishedOn as string}T09:00:00+08:00`;
  if (typeof r.createdAt !== 'string' || !r.createdAt) r.createdAt = at;
  if (typeof r.updatedAt !== 'string' || !r.updatedAt) r.updatedAt = r.createdAt;
  return r as unknown as DisclosureRecord;
}

async function generate(n: number, seed: string, file: string, cacheKey: string): Promise<Corpus> {
  const { generateDisclosures } = await import('../../content/generator/stream.ts');
  const agencies = await loadAgencies();
  const docs: SearchDoc[] = [];
  const skipReasons: Record<string, number> = {};
  const madePublic: Record<string, number> = {};
  let skipped = 0;
  const started = performance.now();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const bar = progress('generate', n);
  let i = 0;
  let buffer = '';
  for (const item of generateDisclosures({ count: n, seed })) {
    const record = asPublishedRecord(item.disclosure as unknown as Record<string, unknown>, i, madePublic);
    i++;
    try {
      const agency = agencies.get(record.agencyId) ?? { name: record.authorityName, shortName: record.authorityName };
      const line = JSON.stringify(toSearchDoc(toPublicForm(record).pub, agency));
      // Round-trip through JSON: flat strings, as the indexer gets them from PostgreSQL.
      docs.push(JSON.parse(line) as SearchDoc);
      buffer += line + '\n';
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
        buffer = '';
      }
    } catch (err) {
      skipped++;
      const issues = (err as { issues?: { path?: unknown[]; message?: string }[] }).issues;
      const reason = issues?.[0]
        ? `${(issues[0].path ?? []).join('.')}: ${issues[0].message}`
        : String((err as Error).message ?? err).slice(0, 160);
      skipReasons[reason] = (skipReasons[reason] ?? 0) + 1;
    }
    if (i % 1000 === 0) bar.update(i);
  }
  bar.stop(i);
  out.end(buffer);
  await new Promise<void>((r) => out.once('finish', () => r()));
  renameSync(tmp, file);
  const meta: CorpusMeta = {
    requested: n,
    seed,
    documents: docs.length,
    skipped,
    skipReasons,
    madePublic,
    generationSeconds: round((performance.now() - started) / 1000, 1),
    cacheKey,
    fromCache: false,
  };
  writeFileSync(`${file}.meta.json`, JSON.stringify(meta, null, 2));
  return { docs, meta };
}

async function readCache(file: string): Promise<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  const rl = createInterface({
    input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const line of rl) if (line) docs.push(JSON.parse(line) as SearchDoc);
  return docs;
}

export async function loadCorpus(n: number, seed: string, opts: { log?: (s: string) => void } = {}): Promise<Corpus> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const cacheKey = `${seed}-${n}-${sourceFingerprint()}`;
  const file = join(CACHE_DIR, `docs-${cacheKey}.ndjson`);
  if (existsSync(file) && existsSync(`${file}.meta.json`)) {
    log(`corpus: reading ${n.toLocaleString('en-US')} generated documents from cache ${file}`);
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CorpusMeta;
    const docs = await readCache(file);
    return { docs, meta: { ...meta, fromCache: true } };
  }
  log(`corpus: generating ${n.toLocaleString('en-US')} disclosures (seed ${seed}) → toPublicForm → toSearchDoc`);
  return generate(n, seed, file, cacheKey);
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The corpus, generated (if not cached) in a child process so that the generator's memory never
 * shows in this process's peak RSS, then read from the cache.
 */
export async function loadCorpusIsolated(n: number, seed: string): Promise<Corpus> {
  await ensureCorpus(n, seed);
  return loadCorpus(n, seed);
}

/** Makes sure the cache holds the corpus, generating it in a child process if not. */
export async function ensureCorpus(n: number, seed: string): Promise<void> {
  const cacheKey = `${seed}-${n}-${sourceFingerprint()}`;
  const file = join(CACHE_DIR, `docs-${cacheKey}.ndjson`);
  if (!existsSync(`${file}.meta.json`)) {
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', join(ROOT, 'bench/lib/generate-cli.ts'), String(n), seed],
      {
        stdio: 'inherit',
        cwd: ROOT,
      },
    );
    if (res.status !== 0) throw new Error(`corpus generation failed (exit ${res.status})`);
  }
}
