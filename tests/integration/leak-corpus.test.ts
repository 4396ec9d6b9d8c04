import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { eventually, example, push } from '../helpers/ingest';
import { leaked, loadLeakCorpus, xlsxRows, type LeakVariant } from '../helpers/leak-corpus';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * The leak corpus (tests/fixtures/leak-corpus.tsv, one variant per line) pushed through a running portal
 * as an agency would (NDJSON batches, corrections, withdrawals), then looked for on every public surface:
 * record page, record API, tombstone, search (API and page, by the planted value), CSV and NDJSON
 * exports, today's snapshot, the change feed and the Atom feeds. On PGlite and, when DATABASE_URL is
 * set, on PostgreSQL.
 */
const corpus = loadLeakCorpus();
const base0 = JSON.parse(example('disclosure.json'));
const AGENCY = 'market';

interface Portal {
  url: string;
  env: NodeJS.ProcessEnv;
}

interface Planted {
  v: LeakVariant;
  id: string;
  decisionNo: string;
  record: Record<string, unknown>;
  ingest: { outcome: string; review?: { field: string }[] };
}

function recordFor(v: LeakVariant, serial: number): Record<string, unknown> {
  const r: Record<string, unknown> = { ...base0, decisionNo: `滨江市监罚〔2026〕${7000 + serial}号` };
  const person = {
    partyCreditCode: undefined,
    legalRepresentative: undefined,
    legalRepIdType: undefined,
    legalRepIdNumber: undefined,
  };
  if (v.party.kind === '自然人') {
    Object.assign(r, person, {
      partyType: '自然人',
      partyName: v.party.name,
      partyIdType: '身份证',
      partyIdNumber: '119901198002290036',
      fineAmount: 0.05,
      penaltyContent: '没收违法所得48元，并处罚款人民币500元。',
    });
  }
  if (v.party.kind === '个体工商户') {
    Object.assign(r, person, {
      partyType: '个体工商户',
      partyName: v.party.name,
      partyCreditCode: '92990116MA0D9Q1X7E',
    });
  }
  if (v.party.kind === '法定代表人') r.legalRepresentative = v.party.name;
  if (v.via === 'push') r[v.field] = v.text;
  return JSON.parse(JSON.stringify(r));
}

async function text(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

function corpusSuite(kind: 'PGlite' | 'PostgreSQL') {
  describe(`leak corpus (${corpus.length} variants) on ${kind}`, () => {
    let portal: Portal;
    let server: RunningServer | undefined;
    let database: TestDatabase | undefined;
    let token = '';
    const planted: Planted[] = [];
    const surfaces = new Map<string, { name: string; body: string }[]>();
    const add = (id: string, name: string, body: string) => {
      if (!surfaces.has(id)) surfaces.set(id, []);
      surfaces.get(id)!.push({ name, body });
    };

    beforeAll(async () => {
      if (kind === 'PGlite') {
        server = await startServer({}, { copyOf: inject('seededDataDir') });
        portal = { url: server.url, env: { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' } };
      } else {
        database = await createTestDatabase('PostgreSQL');
        server = await startServer({ DATABASE_URL: database.url! });
        portal = { url: server.url, env: { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: database.url! } };
      }
      const created = await runSunlight(['token', 'create', '--agency', AGENCY], portal.env);
      expect(created.code, created.stderr).toBe(0);
      token = created.stdout.trim();
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      // 1. Push every variant's record as NDJSON, in two batches.
      const records = corpus.map((v, i) => recordFor(v, i));
      const half = Math.ceil(records.length / 2);
      for (const [from, to] of [
        [0, half],
        [half, records.length],
      ] as const) {
        const body =
          records
            .slice(from, to)
            .map((r) => JSON.stringify(r))
            .join('\n') + '\n';
        const res = await push(portal.url, token, body, 'application/x-ndjson');
        expect(res.status).toBe(200);
        const out = (await res.json()) as {
          results: (Planted['ingest'] & { ok: boolean; id: string; line: number })[];
        };
        for (const r of out.results) {
          const i = from + r.line - 1;
          expect(r.ok, `${corpus[i]!.key}: ${JSON.stringify(r)}`).toBe(true);
          planted.push({
            v: corpus[i]!,
            id: r.id,
            decisionNo: records[i]!.decisionNo as string,
            record: records[i]!,
            ingest: r,
          });
        }
      }
      // 2. Corrections and withdrawals carry their text through the amend API.
      for (const p of planted) {
        if (p.v.via === 'correct') {
          const res = await fetch(`${portal.url}/api/v1/ingest/disclosures/${p.id}/correct`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({
              ...p.record,
              penaltyContent: '没收违法所得48元，并处罚款人民币40,000元。',
              fineAmount: 4,
              correctionNote: p.v.text,
            }),
          });
          expect(res.status, `${p.v.key}: ${await res.clone().text()}`).toBe(200);
        }
        if (p.v.via === 'withdraw') {
          const res = await fetch(`${portal.url}/api/v1/ingest/disclosures/${p.id}/withdraw`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ type: '撤销', reason: p.v.text }),
          });
          expect(res.status, `${p.v.key}: ${await res.clone().text()}`).toBe(200);
          add(p.id, 'withdraw answer', await res.text());
        }
      }
      // 3. Today's snapshot, written now so that it holds the planted records.
      const snap = await runSunlight(['snapshots', 'write'], portal.env);
      expect(snap.code, snap.stderr).toBe(0);
      const last = planted.filter((p) => p.v.expect !== 'hold' && p.v.via !== 'withdraw').at(-1)!;
      await eventually(
        async () =>
          (await (await fetch(`${portal.url}/api/v1/disclosures?q=${encodeURIComponent(last.decisionNo)}`)).json())
            .total,
        (n) => n > 0,
        15_000,
      );

      // 4. Collect every surface, keeping for each record only the parts that are about it.
      const ids = new Set(planted.map((p) => p.id));
      for (const p of planted) {
        add(p.id, 'record page', (await text(`${portal.url}/disclosures/${p.id}`)).body);
        add(p.id, 'record API', (await text(`${portal.url}/api/v1/disclosures/${p.id}`)).body);
      }
      for (const [name, path] of [
        ['CSV export', '/api/v1/exports/disclosures.csv'],
        ['NDJSON export', '/api/v1/exports/disclosures.ndjson'],
      ]) {
        for (const line of (await text(`${portal.url}${path}`)).body.split('\n')) {
          const id = line.match(/d[0-9a-z]{15}/g)?.find((x) => ids.has(x));
          if (id) add(id, name!, line);
        }
      }
      for (const row of await xlsxRows(`${portal.url}/api/v1/exports/disclosures.xlsx`)) {
        const id = row.match(/d[0-9a-z]{15}/g)?.find((x) => ids.has(x));
        if (id) add(id, 'Excel export', row);
      }
      const snapshots = (await (await fetch(`${portal.url}/api/v1/exports/snapshots`)).json()) as {
        snapshots: { url: string }[];
      };
      expect(snapshots.snapshots.length).toBeGreaterThan(0);
      const snapshot = (await text(snapshots.snapshots[0]!.url)).body;
      for (const line of snapshot.split('\n')) {
        const id = line.match(/d[0-9a-z]{15}/g)?.find((x) => ids.has(x));
        if (id) add(id, 'snapshot', line);
      }
      for (let since = '0'; ;) {
        const page = (await (await fetch(`${portal.url}/api/v1/changes?since=${since}`)).json()) as {
          events: { id: string }[];
          nextCursor: string;
          hasMore: boolean;
        };
        for (const e of page.events) if (ids.has(e.id)) add(e.id, 'change feed', JSON.stringify(e));
        if (!page.hasMore) break;
        since = page.nextCursor;
      }
      for (const feed of ['/feeds/disclosures.atom', `/feeds/agencies/${AGENCY}.atom`]) {
        for (const entry of (await text(`${portal.url}${feed}`)).body.split('<entry>').slice(1)) {
          const id = entry.match(/d[0-9a-z]{15}/g)?.find((x) => ids.has(x));
          if (id) add(id, `Atom ${feed}`, entry);
        }
      }
      // The public log: every entry of every planted record, as a monitor reads it (leaf bytes decoded).
      const lastLogged = planted.filter((p) => p.v.expect !== 'hold').at(-1)!;
      await eventually(
        () => fetch(`${portal.url}/api/v1/log/inclusion?id=${lastLogged.id}`),
        (r) => r.status === 200,
        15_000,
      );
      const size = ((await (await fetch(`${portal.url}/api/v1/log/sth`)).json()) as { tree_size: number }).tree_size;
      for (let start = 0; start < size; start += 1000) {
        const page = JSON.parse(
          (await text(`${portal.url}/api/v1/log/entries?start=${start}&end=${start + 999}`)).body,
        ) as {
          entries: { leaf: string; entry: { id: string } }[];
        };
        for (const e of page.entries) {
          if (ids.has(e.entry.id)) add(e.entry.id, 'public log', Buffer.from(e.leaf, 'base64').toString('utf8'));
        }
      }
    });

    afterAll(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('the ingest answer says what was held, which field and why', () => {
      for (const p of planted.filter((x) => x.v.via === 'push')) {
        if (p.v.expect === 'hold') {
          expect(p.ingest.outcome, p.v.key).toBe('held');
          expect(
            p.ingest.review?.map((r) => r.field),
            p.v.key,
          ).toContain(p.v.field);
        } else expect(p.ingest.outcome, `${p.v.key}: ${JSON.stringify(p.ingest)}`).toBe('created');
      }
    });

    it('every surface was reached: record pages, APIs, exports (CSV, NDJSON, Excel), snapshot, change feed, Atom, public log', () => {
      const names = new Set([...surfaces.values()].flat().map((s) => s.name));
      for (const n of [
        'record page',
        'record API',
        'CSV export',
        'NDJSON export',
        'Excel export',
        'snapshot',
        'change feed',
        'public log',
      ]) {
        expect(names, n).toContain(n);
      }
      expect([...names].some((n) => n.startsWith('Atom'))).toBe(true);
      const withdrawn = planted.filter((p) => p.v.via === 'withdraw');
      for (const p of withdrawn) {
        expect(
          surfaces.get(p.id)!.map((s) => s.name),
          p.v.key,
        ).toContain('change feed');
      }
    });

    it('no planted value appears on any surface of its record', () => {
      const leaks: string[] = [];
      for (const p of planted) {
        if (p.v.expect === 'keep') continue;
        for (const s of surfaces.get(p.id) ?? []) {
          for (const secret of leaked(s.body, p.v.secrets)) leaks.push(`${p.v.key}: ${s.name} shows “${secret}”`);
        }
      }
      expect(leaks).toEqual([]);
    });

    it('search by the planted value never finds the record, in the API or on the page', async () => {
      const found: string[] = [];
      for (const p of planted) {
        if (p.v.expect === 'keep') continue;
        for (const secret of p.v.secrets) {
          const q = encodeURIComponent(secret);
          const api = (await (await fetch(`${portal.url}/api/v1/disclosures?q=${q}&pageSize=100`)).json()) as {
            hits: { id: string }[];
          };
          if (api.hits.some((h) => h.id === p.id)) found.push(`${p.v.key}: API search “${secret}”`);
          const page = (await text(`${portal.url}/disclosures?q=${q}`)).body;
          if (page.includes(`/disclosures/${p.id}`)) found.push(`${p.v.key}: search page “${secret}”`);
        }
      }
      expect(found).toEqual([]);
    });

    it('held records are on no public surface and wait in the agency’s queue', async () => {
      const held = planted.filter((p) => p.v.expect === 'hold');
      expect(held.length).toBeGreaterThan(0);
      const queue = (await (
        await fetch(`${portal.url}/api/v1/ingest/disclosures/review`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { held: { id: string; doubts: { field: string }[] }[] };
      for (const p of held) {
        expect((await fetch(`${portal.url}/api/v1/disclosures/${p.id}`)).status, p.v.key).toBe(404);
        expect((await fetch(`${portal.url}/disclosures/${p.id}`)).status, p.v.key).toBe(404);
        expect(
          surfaces.get(p.id)!.filter((s) => !s.name.startsWith('record')),
          p.v.key,
        ).toEqual([]);
        expect(
          queue.held.find((h) => h.id === p.id)?.doubts.map((d) => d.field),
          p.v.key,
        ).toContain(p.v.field);
      }
    });

    it('masked records stay public, and real content survives redaction', async () => {
      for (const p of planted.filter((x) => x.v.expect !== 'hold' && x.v.via !== 'withdraw')) {
        const res = await fetch(`${portal.url}/api/v1/disclosures/${p.id}`);
        expect(res.status, p.v.key).toBe(200);
        if (p.v.expect === 'keep') {
          const body = await res.text();
          expect(leaked(body, p.v.secrets), p.v.key).toEqual(p.v.secrets);
        }
      }
    });

    it('withdrawn records show only a redacted tombstone', async () => {
      for (const p of planted.filter((x) => x.v.via === 'withdraw')) {
        const res = await fetch(`${portal.url}/api/v1/disclosures/${p.id}`);
        expect(res.status, p.v.key).toBe(410);
        const body = await res.text();
        expect(body).toContain(p.decisionNo);
        expect(leaked(body, p.v.secrets), p.v.key).toEqual([]);
      }
    });
  });
}

/** Where a penalty corpus variant's text goes in a permit: the permit field of the same kind. */
const PERMIT_FIELD: Readonly<Record<string, string>> = {
  violationFacts: 'permitContent',
  penaltyContent: 'permitContent',
  penaltyBasis: 'permitContent',
  violationType: 'licenceName',
  remarks: 'remarks',
  publicText: 'remarks',
  licenceSuspended: 'remarks',
  region: 'region',
  partyName: 'partyName',
  partySocialOrgNo: 'partySocialOrgNo',
  partyInstitutionNo: 'partyInstitutionNo',
};
const permit0 = JSON.parse(example('permit.json'));

function permitFor(v: LeakVariant, serial: number): Record<string, unknown> {
  const r: Record<string, unknown> = { ...permit0, decisionNo: `滨江市监许〔2026〕${7000 + serial}号` };
  const person = {
    partyCreditCode: undefined,
    legalRepresentative: undefined,
    legalRepIdType: undefined,
    legalRepIdNumber: undefined,
  };
  if (v.party.kind === '自然人') {
    Object.assign(r, person, {
      partyType: '自然人',
      partyName: v.party.name,
      partyIdType: '身份证',
      partyIdNumber: '119901198002290036',
    });
  }
  if (v.party.kind === '个体工商户') {
    Object.assign(r, person, {
      partyType: '个体工商户',
      partyName: v.party.name,
      partyCreditCode: '92990116MA0D9Q1X7E',
    });
  }
  if (v.party.kind === '法定代表人') r.legalRepresentative = v.party.name;
  if (v.via === 'push') r[PERMIT_FIELD[v.field] ?? 'permitContent'] = v.text;
  return JSON.parse(JSON.stringify(r));
}

/**
 * The same corpus planted in permits (行政许可): pushed, corrected and withdrawn through the permit ingest,
 * then looked for on the permit page and API, its tombstone, the permit list, both permit exports, the
 * enterprise record, search, the change feed and the Atom feeds. A permit the redactor doubts is published
 * with the doubtful text masked (never held), so no variant's secret may appear anywhere.
 */
function permitCorpusSuite(kind: 'PGlite' | 'PostgreSQL') {
  describe(`leak corpus (${corpus.length} variants) in permits on ${kind}`, () => {
    let server: RunningServer | undefined;
    let database: TestDatabase | undefined;
    let url = '';
    const planted: { v: LeakVariant; id: string; decisionNo: string; outcome: string }[] = [];
    const surfaces = new Map<string, { name: string; body: string }[]>();
    const add = (id: string, name: string, body: string) => {
      if (!surfaces.has(id)) surfaces.set(id, []);
      surfaces.get(id)!.push({ name, body });
    };

    beforeAll(async () => {
      let env: NodeJS.ProcessEnv;
      if (kind === 'PGlite') {
        server = await startServer({}, { copyOf: inject('seededDataDir') });
        env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: '' };
      } else {
        database = await createTestDatabase('PostgreSQL');
        server = await startServer({ DATABASE_URL: database.url! });
        env = { SUNLIGHT_DATA_DIR: server.dataDir, DATABASE_URL: database.url! };
      }
      url = server.url;
      const created = await runSunlight(['token', 'create', '--agency', AGENCY], env);
      expect(created.code, created.stderr).toBe(0);
      const token = created.stdout.trim();
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const records = corpus.map((v, i) => permitFor(v, i));
      const body = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
      const res = await push(url, token, body, 'application/x-ndjson', '/api/v1/ingest/permits');
      expect(res.status).toBe(200);
      const out = (await res.json()) as { results: { ok: boolean; id: string; line: number; outcome: string }[] };
      for (const r of out.results) {
        const v = corpus[r.line - 1]!;
        expect(r.ok, `${v.key}: ${JSON.stringify(r)}`).toBe(true);
        planted.push({ v, id: r.id, decisionNo: records[r.line - 1]!.decisionNo as string, outcome: r.outcome });
      }
      for (const p of planted) {
        if (p.v.via === 'correct') {
          const r = await fetch(`${url}/api/v1/ingest/permits/${p.id}/correct`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({
              ...permitFor(p.v, corpus.indexOf(p.v)),
              licenceNo: 'JY29901162026999',
              correctionNote: p.v.text,
            }),
          });
          expect(r.status, `${p.v.key}: ${await r.clone().text()}`).toBe(200);
        }
        if (p.v.via === 'withdraw') {
          const r = await fetch(`${url}/api/v1/ingest/permits/${p.id}/withdraw`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ type: '撤销', reason: p.v.text }),
          });
          expect(r.status, `${p.v.key}: ${await r.clone().text()}`).toBe(200);
          add(p.id, 'withdraw answer', await r.text());
        }
      }
      // The search index has caught up with the pushes before anything is looked for.
      const last = planted.filter((p) => p.v.via !== 'withdraw').at(-1)!;
      const indexed = await eventually(
        async () =>
          (
            (await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent(last.decisionNo)}`)).json()) as {
              hits: { id: string }[];
            }
          ).hits.some((h) => h.id === last.id),
        (found) => found,
        15_000,
      );
      expect(indexed, 'the last planted permit reached the search index').toBe(true);
      const ids = new Set(planted.map((p) => p.id));
      const idIn = (text: string) => text.match(/p[0-9a-z]{15}/g)?.find((x) => ids.has(x));
      for (const p of planted) {
        add(p.id, 'permit page', (await text(`${url}/permits/${p.id}`)).body);
        add(p.id, 'permit API', (await text(`${url}/api/v1/permits/${p.id}`)).body);
      }
      for (const [name, path] of [
        ['CSV export', '/api/v1/exports/permits.csv'],
        ['NDJSON export', '/api/v1/exports/permits.ndjson'],
      ]) {
        for (const line of (await text(`${url}${path}`)).body.split('\n')) {
          const id = idIn(line);
          if (id) add(id, name!, line);
        }
      }
      for (const row of await xlsxRows(`${url}/api/v1/exports/permits.xlsx`)) {
        const id = idIn(row);
        if (id) add(id, 'Excel export', row);
      }
      for (let page = 1; ; page++) {
        const list = (await (
          await fetch(`${url}/api/v1/permits?agency=${AGENCY}&pageSize=100&page=${page}`)
        ).json()) as {
          permits: { id: string }[];
          pages: number;
        };
        for (const p of list.permits) if (ids.has(p.id)) add(p.id, 'permit list API', JSON.stringify(p));
        if (page >= list.pages) break;
      }
      const enterprise = (await text(`${url}/api/v1/enterprises/92990116MA0D9Q1X7E`)).body;
      for (const id of ids) if (enterprise.includes(id)) add(id, 'enterprise API', enterprise);
      for (let since = '0'; ;) {
        const page = (await (await fetch(`${url}/api/v1/changes?since=${since}`)).json()) as {
          events: { id: string }[];
          nextCursor: string;
          hasMore: boolean;
        };
        for (const e of page.events) if (ids.has(e.id)) add(e.id, 'change feed', JSON.stringify(e));
        if (!page.hasMore) break;
        since = page.nextCursor;
      }
      for (const feed of ['/feeds/disclosures.atom', `/feeds/agencies/${AGENCY}.atom`]) {
        for (const entry of (await text(`${url}${feed}`)).body.split('<entry>').slice(1)) {
          const id = idIn(entry);
          if (id) add(id, `Atom ${feed}`, entry);
        }
      }
    }, 300_000);

    afterAll(async () => {
      await server?.stop();
      await database?.dispose();
    });

    it('every surface was reached, and every variant was published (masked where in doubt, never held)', () => {
      expect(planted.length).toBe(corpus.length);
      for (const p of planted) expect(p.outcome, p.v.key).toBe('created');
      const names = new Set([...surfaces.values()].flat().map((s) => s.name));
      for (const n of [
        'permit page',
        'permit API',
        'CSV export',
        'NDJSON export',
        'Excel export',
        'permit list API',
        'change feed',
      ]) {
        expect(names, n).toContain(n);
      }
      expect([...names].some((n) => n.startsWith('Atom'))).toBe(true);
    });

    it('no planted value appears on any surface of its permit', () => {
      const leaks: string[] = [];
      for (const p of planted) {
        if (p.v.expect === 'keep') continue;
        for (const s of surfaces.get(p.id) ?? []) {
          for (const secret of leaked(s.body, p.v.secrets)) leaks.push(`${p.v.key}: ${s.name} shows “${secret}”`);
        }
      }
      expect(leaks).toEqual([]);
    });

    it('search by the planted value never finds the permit', async () => {
      const found: string[] = [];
      for (const p of planted) {
        if (p.v.expect === 'keep') continue;
        for (const secret of p.v.secrets) {
          const api = (await (
            await fetch(`${url}/api/v1/search?q=${encodeURIComponent(secret)}&pageSize=100`)
          ).json()) as {
            hits: { id: string }[];
          };
          if (api.hits.some((h) => h.id === p.id)) found.push(`${p.v.key}: search “${secret}”`);
          const list = (await text(`${url}/permits?q=${encodeURIComponent(secret)}`)).body;
          if (list.includes(`/permits/${p.id}`)) found.push(`${p.v.key}: permit list “${secret}”`);
        }
      }
      expect(found).toEqual([]);
    });

    it('withdrawn permits answer 410 with a redacted tombstone only', async () => {
      for (const p of planted.filter((x) => x.v.via === 'withdraw')) {
        const res = await fetch(`${url}/api/v1/permits/${p.id}`);
        expect(res.status, p.v.key).toBe(410);
        const body = await res.text();
        expect(body).toContain(p.decisionNo);
        expect(leaked(body, p.v.secrets), p.v.key).toEqual([]);
      }
    });
  });
}

for (const kind of databaseKinds()) corpusSuite(kind);
for (const kind of databaseKinds()) permitCorpusSuite(kind);
