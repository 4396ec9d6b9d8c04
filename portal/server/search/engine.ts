import { EmbeddedEngine } from '@sunlight/search-indexer/engines/embedded';
import { MeilisearchEngine } from '@sunlight/search-indexer/engines/meilisearch';
import type { SearchEngine } from '@sunlight/search-indexer/types';
import type { Config } from '../config';

/**
 * The engine this configuration selects: Meilisearch when MEILI_HOST is set, else the embedded one. An
 * external engine is configured by the process that writes to it (SearchService.start).
 */
export function createEngine(config: Config): SearchEngine {
  if (!config.meiliHost) return new EmbeddedEngine();
  return new MeilisearchEngine(config.meiliHost, config.meiliApiKey ? { apiKey: config.meiliApiKey } : {});
}
