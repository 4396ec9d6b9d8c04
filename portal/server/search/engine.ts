import { EmbeddedEngine } from '@sunlight/search-indexer/engines/embedded';
import { MeilisearchEngine } from '@sunlight/search-indexer/engines/meilisearch';
import type { SearchEngine } from '@sunlight/search-indexer/types';
import type { Config } from '../config';

/** The engine this configuration selects: Meilisearch when MEILI_HOST is set, else the embedded one. */
export async function createEngine(config: Config): Promise<SearchEngine> {
  if (!config.meiliHost) return new EmbeddedEngine();
  const engine = new MeilisearchEngine(config.meiliHost, config.meiliApiKey);
  await engine.configure();
  return engine;
}
