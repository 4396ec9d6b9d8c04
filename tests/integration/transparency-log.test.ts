import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  base64Decode,
  decodeHashPath,
  parseLeaf,
  publicFormOfAnswer,
  verifyRecordInLog,
  type InclusionAnswer,
  type Jwks,
  type SignedTreeHead,
} from '@sunlight/verify';
import { loadConfig } from '../../portal/server/config';
import { openDatabase } from '../../portal/server/db/open';
import { runSunlight } from '../helpers/cli';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { eventually, example, push } from '../helpers/ingest';
import { startServer, type RunningServer } from '../helpers/server';
import { sigstoreAcceptsInclusion } from '../helpers/sigstore-merkle';
import { issueForFreshEnterprise } from '../helpers/inspections';

/**
 * The public log (RFC 9162) as outsiders meet it over HTTP: a browser checking a record, a partner's CLI
 * checking that the log only grew since a head it saved, and an operator who alters a record, or rebuilds
 * the log, directly in the database. Across restarts, on PGlite and PostgreSQL.
 */
describe.each(databaseKinds())('the public log on %s', (kind) => {
  let server: RunningServer;
  let database: TestDatabase | undefined;
  let dataDir = '';
  let market = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-log-'));
  const saved = path.join(tmp, 'saved-sth.json');
  const url = () => server.url;
  const json = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${url()}${p}`);
    expect(res.status, `${p}: ${res.status}`).toBe(200);
    return (await res.json()) as T;
  };
  const env = () => ({ SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '' });

  const start = async () => {
    server = await startServer(
      { ...(database ? { DATABASE_URL: database.url! } : {}), SUNLIGHT_DATA_DIR: dataDir },
      { keepDataDir: true, startTimeoutMs: 300_000 },
    );
  };
  /** Stops the portal, changes its database as an operator with direct access could, and starts it again. */
  const behindThePortal = async (sql: string[]) => {
    await server.stop();
    const db = await openDatabase(loadConfig({ SUNLIGHT_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '' }));
    try {
      for (const q of sql) await db.query(q);
    } finally {
      await db.close();
    }
    await start();
  };
  /** What the record page's button does, in the same library. */
  const checkRecord = async (id: string, api: string | undefined) => {
    const sth = await json<SignedTreeHead>('/api/v1/log/sth');
    const inclusion = await json<InclusionAnswer>(`/api/v1/log/inclusion?id=${id}&tree_size=${sth.tree_size}`);
    const jwks = await json<Jwks>('/.well-known/jwks.json');
    const form = api ? publicFormOfAnswer(await json<Record<string, unknown>>(api)) : undefined;
    return { sth, inclusion, check: await verifyRecordInLog({ id, form, sth, jwks, inclusion }) };
  };

  beforeAll(async () => {
    if (kind === 'PostgreSQL') database = await createTestDatabase('PostgreSQL');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-test-'));
    if (kind === 'PGlite') fs.cpSync(inject('seededDataDir'), dataDir, { recursive: true });
    await start();
    const created = await runSunlight(['token', 'create', '--agency', 'market'], env());
    expect(created.code, created.stderr).toBe(0);
    market = created.stdout.trim();
  }, 420_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    await database?.dispose();
  });

  it('every public record type checks out in the browser’s code, and Sigstore’s verifier accepts the proofs', async () => {
    const penalty = (await json<{ hits: { id: string }[] }>('/api/v1/disclosures?pageSize=1')).hits[0]!.id;
    const permit = (await json<{ permits: { id: string }[] }>('/api/v1/permits?pageSize=1')).permits[0]!.id;
    const result = (await json<{ items: { id: string }[] }>('/api/v1/inspection-results?pageSize=1')).items[0]!.id;
    for (const [id, api] of [
      [penalty, `/api/v1/disclosures/${penalty}`],
      [permit, `/api/v1/permits/${permit}`],
      [result, `/api/v1/inspection-results/${result}`],
    ] as const) {
      const { sth, inclusion, check } = await checkRecord(id, api);
      expect(check, id).toMatchObject({ ok: true, leaf: { id } });
      const leaf = base64Decode(inclusion.leaf)!;
      const path = decodeHashPath(inclusion.inclusion_path)!;
      const root = base64Decode(sth.sha256_root_hash)!;
      expect(sigstoreAcceptsInclusion(leaf, inclusion.leaf_index, sth.tree_size, path, root)).toBe(true);
    }
    fs.writeFileSync(saved, JSON.stringify(await json<SignedTreeHead>('/api/v1/log/sth')));
  });

  it('a published decision is in a signed head within seconds; its withdrawal adds a leaf with none of its content', async () => {
    const record = JSON.parse(example('disclosure.json'));
    const res = await push(url(), market, JSON.stringify({ ...record, decisionNo: '滨江市监罚〔2026〕0971号' }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const logged = await eventually(
      () => fetch(`${url()}/api/v1/log/inclusion?id=${id}`),
      (r) => r.status === 200,
    );
    expect(logged.status).toBe(200);
    expect((await checkRecord(id, `/api/v1/disclosures/${id}`)).check).toMatchObject({
      ok: true,
      leaf: { event: 'published' },
    });

    const withdrawn = await fetch(`${url()}/api/v1/ingest/disclosures/${id}/withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${market}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: '撤销', reason: '依法撤销原处罚决定' }),
    });
    expect(withdrawn.status).toBe(200);
    const last = await eventually(
      async () => (await checkRecord(id, undefined)).check,
      (c) => c.ok && c.leaf.event === 'withdrawn',
    );
    expect(last).toMatchObject({ ok: true, leaf: { event: 'withdrawn' } });
    // Monitors read every leaf: the leaves name the record and hash its forms, never carry them.
    const sth = await json<SignedTreeHead>('/api/v1/log/sth');
    const from = Math.max(0, sth.tree_size - 20);
    const entries = await json<{ entries: { leaf_index: number; leaf: string; entry: { id: string } }[] }>(
      `/api/v1/log/entries?start=${from}&end=${sth.tree_size - 1}`,
    );
    const ours = entries.entries.filter((e) => e.entry.id === id);
    expect(ours.map((e) => parseLeaf(base64Decode(e.leaf)!)?.event)).toEqual(['published', 'withdrawn']);
    const text = JSON.stringify(entries);
    for (const secret of [record.partyName, record.violationFacts, '依法撤销原处罚决定'].filter(Boolean)) {
      expect(text).not.toContain(secret);
    }
  });

  it('a certificate’s issue and revocation are entries: the token in its QR code hashes to the issue entry', async () => {
    const issued = await issueForFreshEnterprise(url(), market, '日志测试');
    const logged = await eventually(
      () => fetch(`${url()}/api/v1/log/inclusion?id=${issued.certificateNo}`),
      (r) => r.status === 200,
    );
    expect(logged.status).toBe(200);
    expect((await checkRecord(issued.certificateNo, undefined)).check).toMatchObject({
      ok: true,
      leaf: { type: 'certificate', event: 'published' },
    });
    const { sth, inclusion } = await checkRecord(issued.certificateNo, undefined);
    const jwks = await json<Jwks>('/.well-known/jwks.json');
    const form = { certificateNo: issued.certificateNo, token: issued.token };
    expect(await verifyRecordInLog({ id: issued.certificateNo, form, sth, jwks, inclusion })).toMatchObject({
      ok: true,
    });
    // A certificate made afterwards with the same number would not match the entry.
    const other = { ...form, token: `${issued.token}x` };
    expect(await verifyRecordInLog({ id: issued.certificateNo, form: other, sth, jwks, inclusion })).toMatchObject({
      ok: false,
      failure: 'content_mismatch',
    });
    const revoked = await fetch(`${url()}/api/v1/ingest/certificates/${issued.certificateNo}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${market}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '检查任务取消' }),
    });
    expect(revoked.status).toBe(200);
    const last = await eventually(
      async () => (await checkRecord(issued.certificateNo, undefined)).check,
      (c) => c.ok && c.leaf.event === 'withdrawn',
    );
    expect(last).toMatchObject({ ok: true, leaf: { event: 'withdrawn' } });
  });

  it('sunlight log verify --from a saved head: the log only grew, and the new head is saved for next time', async () => {
    const next = path.join(tmp, 'next-sth.json');
    const run = await runSunlight(['log', 'verify', '--from', saved, '--portal', url(), '--save', next], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ 一致');
    expect(JSON.parse(fs.readFileSync(next, 'utf8')).tree_size).toBeGreaterThan(
      JSON.parse(fs.readFileSync(saved, 'utf8')).tree_size,
    );
    const missing = await runSunlight(['log', 'verify', '--portal', url()], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from');
  });

  it('a record altered directly in the database is caught by the check; the log still extends the saved head after a restart', async () => {
    const { id } = (await json<{ hits: { id: string }[] }>('/api/v1/disclosures?pageSize=1')).hits[0]!;
    await behindThePortal([
      `UPDATE disclosures SET data = jsonb_set(data, '{penaltyContent}', '"罚款人民币1元。"') WHERE id = '${id}'`,
    ]);
    const api = await json<{ penaltyContent: string }>(`/api/v1/disclosures/${id}`);
    expect(api.penaltyContent).toBe('罚款人民币1元。');
    expect((await checkRecord(id, `/api/v1/disclosures/${id}`)).check).toMatchObject({
      ok: false,
      failure: 'content_mismatch',
    });
    const run = await runSunlight(['log', 'verify', '--from', saved, '--portal', url()], env());
    expect(run.code, run.stderr).toBe(0);
  });

  it('a log rebuilt with one leaf rewritten no longer extends the head a partner saved', async () => {
    await behindThePortal([
      'DELETE FROM log_heads',
      'DELETE FROM log_nodes',
      `UPDATE log_leaves SET leaf = regexp_replace(leaf, '"at":"[^"]*"', '"at":"2020-01-01T00:00:00.000Z"') WHERE idx = 3`,
      `UPDATE log_leaves SET hash = sha256('\\x00'::bytea || convert_to(leaf, 'UTF8')) WHERE idx = 3`,
    ]);
    const run = await runSunlight(['log', 'verify', '--from', saved, '--portal', url()], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('一致性核对未通过');
  });
});
