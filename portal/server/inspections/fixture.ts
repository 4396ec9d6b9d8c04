import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chinaIso } from '@sunlight/domain/china-time';
import { loadConfig, type Config } from '../config';
import type { Db } from '../db/types';

/**
 * A small, fictional catalogue for database-level inspection tests: two agencies, their officers,
 * items with a cited law, three enterprises and a cap of 2 inspections a year in 市场监管.
 */
export const FIXTURE = {
  /** Codes from the sample's 执法对象库; each test group inspects its own, so caps do not interfere. */
  enterprises: [
    '91990116E1HKN4XBFH',
    '91990116E1RX35C1D0',
    '92990116E237F5RNB4',
    '91990116E2BGU68C93',
    '91990116E2KT86N27A',
    '91990116E2W4L74P5N',
    '91990116E35E17JD30',
    '91990116E3DPD8131U',
    '91990116E3N1R8EPY0',
    '91990116E3YB68WDW7',
  ] as const,
  year: 2026,
};

export async function loadFixture(db: Db): Promise<void> {
  const agencies = [
    { id: 'market', name: '示例市滨江新区市场监督管理局', category: 'C' },
    { id: 'environment', name: '示例市滨江新区生态环境局', category: 'C' },
  ];
  for (const a of agencies) {
    await db.query(
      `INSERT INTO agencies (id, name, category, data) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [a.id, a.name, a.category, JSON.stringify(a)],
    );
  }
  await db.query(
    `INSERT INTO laws (code, title, level, data) VALUES ('FL-0001', '中华人民共和国食品安全法', '法律', '{"articles": []}')`,
  );
  const items = [
    { code: 'JCSX-000001', agencyId: 'market', field: '市场监管', name: '食品经营许可情况检查', random: true },
    { code: 'JCSX-000002', agencyId: 'market', field: '市场监管', name: '食品贮存管理检查', random: true },
    { code: 'JCSX-000003', agencyId: 'market', field: '市场监管', name: '广告发布行为检查', random: false },
    { code: 'JCSX-000900', agencyId: 'environment', field: '生态环境', name: '排污许可执行情况检查', random: true },
  ];
  for (const it of items) {
    await db.query(`INSERT INTO inspection_items (code, agency_id, field, data) VALUES ($1, $2, $3, $4)`, [
      it.code,
      it.agencyId,
      it.field,
      JSON.stringify({ ...it, basis: [{ lawCode: 'FL-0001', article: 35 }] }),
    ]);
  }
  const inspectors = [
    {
      id: 'insp-m-1',
      name: '王示例',
      agencyId: 'market',
      status: 'valid',
      validUntil: '2030-12-31',
      no: 'ZF99011612000001',
    },
    {
      id: 'insp-m-2',
      name: '李示例',
      agencyId: 'market',
      status: 'valid',
      validUntil: '2030-12-31',
      no: 'ZF99011612000002',
    },
    {
      id: 'insp-m-3',
      name: '赵示例',
      agencyId: 'market',
      status: 'valid',
      validUntil: '2030-12-31',
      no: 'ZF99011612000003',
    },
    {
      id: 'insp-m-s',
      name: '孙示例',
      agencyId: 'market',
      status: 'suspended',
      validUntil: '2030-12-31',
      no: 'ZF99011612000004',
    },
    {
      id: 'insp-m-x',
      name: '周示例',
      agencyId: 'market',
      status: 'valid',
      validUntil: '2026-03-03',
      no: 'ZF99011612000005',
    },
    {
      id: 'insp-e-1',
      name: '吴示例',
      agencyId: 'environment',
      status: 'valid',
      validUntil: '2030-12-31',
      no: 'ZF99011613000001',
    },
    {
      id: 'insp-e-2',
      name: '郑示例',
      agencyId: 'environment',
      status: 'valid',
      validUntil: '2030-12-31',
      no: 'ZF99011613000002',
    },
  ];
  for (const p of inspectors) {
    const fields = p.agencyId === 'market' ? ['市场监管'] : ['生态环境'];
    await db.query(
      `INSERT INTO inspectors (id, certificate_no, agency_id, name, status, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.id, p.no, p.agencyId, p.name, p.status, JSON.stringify({ ...p, certificateNo: p.no, fields })],
    );
  }
  for (const [i, code] of FIXTURE.enterprises.entries()) {
    await db.query(
      `INSERT INTO enterprises (credit_code, name, type, region, data) VALUES ($1, $2, '企业', '青石街道', $3)`,
      [code, `示例企业${i + 1}有限公司`, JSON.stringify({ creditCode: code, name: `示例企业${i + 1}有限公司` })],
    );
  }
  await db.query(`INSERT INTO settings (key, data) VALUES ('inspection-caps', $1)`, [
    JSON.stringify([
      {
        id: 'cap-market-2026',
        agencyId: 'market',
        field: '市场监管',
        year: FIXTURE.year,
        maxPerEnterprise: 2,
        basis: '《示例市涉企行政检查规定》第五条',
      },
    ]),
  ]);
}

export function tempConfig(extra: NodeJS.ProcessEnv = {}): { config: Config; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunlight-keys-'));
  return {
    config: loadConfig({ SUNLIGHT_DATA_DIR: dir, SUNLIGHT_SITE_URL: 'https://sunlight.example.org', ...extra }),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A task body for the fixture, with its window `startHours` from `now` (China time). */
export function taskBody(now: Date, overrides: Record<string, unknown> = {}, startHours = 1, hours = 48) {
  const start = Math.floor(now.getTime() / 3_600_000) * 3_600_000 + startHours * 3_600_000;
  return {
    source: '专项',
    agencyId: 'market',
    inspectorIds: ['insp-m-1', 'insp-m-2'],
    enterpriseCreditCode: FIXTURE.enterprises[0],
    itemCodes: ['JCSX-000001'],
    windowStart: chinaIso(start),
    windowEnd: chinaIso(start + hours * 3_600_000),
    approver: '钱示例',
    reason: '节前食品安全专项检查',
    ...overrides,
  };
}
