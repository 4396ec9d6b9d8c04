import type { Config } from '../config';
import type { Db } from '../db/types';

export interface SeedResult {
  loaded: string[];
}

export async function seedContent(_db: Db, _config: Config, _log: (line: string) => void): Promise<SeedResult> {
  return { loaded: [] };
}
