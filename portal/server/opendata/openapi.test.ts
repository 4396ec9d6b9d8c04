import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';

/**
 * The published document as a linter (Redocly's recommended rules) and a code generator read it: a
 * regression here is what `npx @redocly/cli lint` would report. The integration test checks the same
 * document against the running portal.
 */
type Json = Record<string, any>;
const SITE = 'https://sunlight.example.gov.cn';
const doc = buildOpenApi(SITE) as Json;
const operations = Object.entries<Json>(doc.paths).flatMap(([p, item]) =>
  Object.entries<Json>(item).map(([method, op]) => ({ path: p, method, op })),
);

function walk(node: unknown, visit: (o: Json, at: string) => void, at = '#'): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${at}/${i}`));
  else if (node && typeof node === 'object') {
    visit(node as Json, at);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${at}/${k}`);
  }
}

describe('the published OpenAPI document', () => {
  it('names the configured site as its only server, with contact and licence', () => {
    expect(doc.servers).toEqual([{ url: SITE }]);
    expect(JSON.stringify(doc)).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(doc.info.contact.url).toBe(`${SITE}/open-data`);
    expect(doc.info.license.url).toMatch(/^https:\/\//);
  });

  it('declares security on every operation and uses every security scheme it defines', () => {
    const used = new Set<string>();
    for (const { op } of operations) {
      expect(Array.isArray(op.security), `${op.operationId} security`).toBe(true);
      for (const req of op.security) Object.keys(req).forEach((k) => used.add(k));
    }
    expect([...used].sort()).toEqual(Object.keys(doc.components.securitySchemes).sort());
  });

  it('describes every operation, with a summary, an id and a 4XX answer where a client can err', () => {
    for (const { op } of operations) {
      expect(op.operationId).toMatch(/^[a-zA-Z]+$/);
      expect(op.summary, op.operationId).toMatch(/\S/);
      expect(op.description, op.operationId).toMatch(/\S{8}/);
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refers to every component schema it defines and defines every one it refers to', () => {
    const refs = new Set<string>();
    walk(doc.paths, (o) => typeof o.$ref === 'string' && refs.add(o.$ref));
    walk(doc.components, (o) => typeof o.$ref === 'string' && refs.add(o.$ref));
    const defined = Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`);
    expect(defined.filter((d) => !refs.has(d))).toEqual([]);
    expect([...refs].filter((r) => r.startsWith('#/components/schemas/') && !defined.includes(r))).toEqual([]);
  });

  it('defines every property a schema requires', () => {
    const missing: string[] = [];
    walk(doc, (o, at) => {
      if (o.type === 'object' && Array.isArray(o.required))
        for (const r of o.required) if (!o.properties?.[r]) missing.push(`${at}: ${r}`);
    });
    expect(missing).toEqual([]);
  });

  it('documents the line schema of every NDJSON export', () => {
    const ndjson = operations.filter(({ op }) => op.responses['200']?.content?.['application/x-ndjson']);
    expect(ndjson.map((o) => o.path).sort()).toEqual([
      '/api/v1/exports/disclosures.ndjson',
      '/api/v1/exports/inspection-results.ndjson',
      '/api/v1/exports/permits.ndjson',
    ]);
    for (const { op } of ndjson)
      expect(op.responses['200'].content['application/x-ndjson']['x-itemSchema'].$ref).toMatch(
        /^#\/components\/schemas\/(Disclosure|Permit|InspectionResult)$/,
      );
  });
});
