import type { Db, SqlParam } from '../../portal/server/db/types';

/** A statement as the portal sent it. */
export interface Statement {
  sql: string;
  params: readonly SqlParam[];
}

/** The same database, noting every statement sent through it (transactions included). */
export function recording(db: Db, log: Statement[]): Db {
  return {
    kind: db.kind,
    query: (sql, params = []) => {
      log.push({ sql, params });
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn(recording(tx, log))),
    close: () => db.close(),
  };
}

export interface PlanNode {
  type: string;
  relation?: string;
  index?: string;
}

interface RawPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: RawPlanNode[];
}

/** Every node of a statement's plan (EXPLAIN FORMAT JSON, for the parameters it was sent with). */
export async function planNodes(db: Db, s: Statement): Promise<PlanNode[]> {
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params);
  const raw = row!['QUERY PLAN'];
  const [top] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: RawPlanNode }[];
  const nodes: PlanNode[] = [];
  // A bitmap heap scan reads the table through the bitmap index scans below it: name those indexes.
  const bitmapIndexes = (n: RawPlanNode): string[] => [
    ...(n['Node Type'] === 'Bitmap Index Scan' && n['Index Name'] ? [n['Index Name']] : []),
    ...(n.Plans ?? []).flatMap(bitmapIndexes),
  ];
  const walk = (n: RawPlanNode) => {
    const index = n['Node Type'] === 'Bitmap Heap Scan' ? bitmapIndexes(n).join(' + ') : n['Index Name'];
    nodes.push({
      type: n['Node Type'],
      ...(n['Relation Name'] ? { relation: n['Relation Name'] } : {}),
      ...(index ? { index } : {}),
    });
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(top!.Plan);
  return nodes;
}

/** The statements `run` sends and how PostgreSQL reads each table for them ("Seq Scan", or the index used). */
export async function tableAccess(
  db: Db,
  run: (db: Db) => Promise<unknown>,
): Promise<{ sql: string; access: { relation: string; type: string; index?: string }[] }[]> {
  const log: Statement[] = [];
  await run(recording(db, log));
  const out = [];
  for (const s of log) {
    const access = (await planNodes(db, s))
      .filter((n) => n.relation)
      .map((n) => ({ relation: n.relation!, type: n.type, ...(n.index ? { index: n.index } : {}) }));
    out.push({ sql: s.sql.replace(/\s+/g, ' ').trim(), access });
  }
  return out;
}
