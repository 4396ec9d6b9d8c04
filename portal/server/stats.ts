import type { Db } from './db/types';
import { PUBLIC_STATUS_SQL } from './disclosures/status-sql';

export type HomeCounts = {
  agencies: number;
  powers: number;
  enforcementItems: number;
  inspectionItems: number;
  inspectors: number;
  discretionItems: number;
  laws: number;
  enterprises: number;
  disclosures: number;
  inspections: number;
  generatedAt: string;
};

/** Live counts for the home page, read from the database in one round trip. */
export async function getHomeCounts(db: Db): Promise<HomeCounts> {
  const [row] = await db.query<Omit<HomeCounts, 'generatedAt'>>(`
    SELECT
      (SELECT count(*) FROM agencies)::int AS "agencies",
      (SELECT count(*) FROM powers)::int AS "powers",
      (SELECT count(*) FROM enforcement_items WHERE level = '子项')::int AS "enforcementItems",
      (SELECT count(*) FROM inspection_items)::int AS "inspectionItems",
      (SELECT count(*) FROM inspectors)::int AS "inspectors",
      (SELECT count(*) FROM discretion_items)::int AS "discretionItems",
      (SELECT count(*) FROM laws)::int AS "laws",
      (SELECT count(*) FROM enterprises)::int AS "enterprises",
      (SELECT count(*) FROM disclosures WHERE status IN ${PUBLIC_STATUS_SQL})::int AS "disclosures",
      (SELECT count(*) FROM inspections)::int AS "inspections"`);
  return { ...(row as Omit<HomeCounts, 'generatedAt'>), generatedAt: new Date().toISOString() };
}
