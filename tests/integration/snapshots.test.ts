import { expect, it } from 'vitest';
import { runSunlight } from '../helpers/cli';
import { createToken, example, push } from '../helpers/ingest';
import { ownPortal } from '../helpers/own-portal';

const portal = ownPortal();
const base = portal.url;

it('a withdrawn record is gone from the served snapshot as soon as it is withdrawn, checksum included', async () => {
  const token = await createToken(portal.dataDir(), 'market');
  const rec = { ...JSON.parse(example('disclosure.json')), decisionNo: '滨江市监罚〔2026〕8901号' };
  const created = (await (await push(base(), token, JSON.stringify(rec))).json()) as { id: string };
  const snap = await runSunlight(['snapshots', 'write'], {
    SUNLIGHT_DATA_DIR: portal.dataDir(),
    DATABASE_URL: '',
  });
  expect(snap.code, snap.stderr).toBe(0);
  const latest = async () =>
    (
      (await (await fetch(`${base()}/api/v1/exports/snapshots`)).json()) as {
        snapshots: { url: string; sha256: string; records: number }[];
      }
    ).snapshots[0]!;
  const before = await latest();
  expect(await (await fetch(before.url)).text()).toContain(created.id);

  const res = await fetch(`${base()}/api/v1/ingest/disclosures/${created.id}/withdraw`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: '撤销', reason: '复议机关决定撤销原处罚决定' }),
  });
  expect(res.status).toBe(200);

  // No waiting for the background job: a download checks the snapshot against the change log first.
  const body = await (await fetch(before.url)).text();
  expect(body).not.toContain(created.id);
  const after = await latest();
  expect(after.url).toBe(before.url);
  expect(after.records).toBe(before.records - 1);
  expect(after.sha256).not.toBe(before.sha256);
  const checksum = await (await fetch(`${after.url}.sha256`)).text();
  expect(checksum.split(' ')[0]).toBe(after.sha256);
});
