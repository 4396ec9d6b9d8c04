import type { Config } from './config';

/** Which search engine this configuration selects (the engines themselves live in search-indexer/). */
export function describeSearchEngine(config: Config): string {
  return config.meiliHost
    ? `Meilisearch at ${config.meiliHost}${config.meiliApiKey ? ' (API key set)' : ''}`
    : 'embedded (in-process, default)';
}
