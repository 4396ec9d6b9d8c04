/**
 * How many public records the embedded engine is measured to hold well on one box: at 250,000 documents
 * it met every target (bench/results/search-250k.json: p95 15 ms, peak RSS 964 MiB, build 28 s); its
 * memory grew about linearly, passing 1.5 GB near 350,000–400,000, and at 500,000 p95 was 84–131 ms
 * (bench/results/search-1m*.json, checkpoints). 300,000 keeps a margin below both.
 */
export const EMBEDDED_CAPACITY = 300_000;

/** The start-up line for an embedded engine asked to hold more than it is measured to, or undefined. */
export function embeddedCapacityWarning(records: number, capacity = EMBEDDED_CAPACITY): string | undefined {
  if (records <= capacity) return undefined;
  const n = records.toLocaleString('en-US');
  const limit = capacity.toLocaleString('en-US');
  return (
    `[search] 注意：公开记录 ${n} 条，超过内置搜索引擎经测量能良好承载的 ${limit} 条，搜索会变慢、内存占用会很大。` +
    `请设置 MEILI_HOST（以及 MEILI_API_KEY）改用 Meilisearch，见 README「Search」一节的「When the embedded engine is not enough」。` +
    ` / warning: ${n} public records, more than the ${limit} the embedded search engine is measured to hold well;` +
    ` set MEILI_HOST (and MEILI_API_KEY) to use Meilisearch (README, section "Search", "When the embedded engine is not enough").`
  );
}
