/**
 * Fills the corpus cache in its own process, so the generator's garbage never counts towards the
 * benchmark process's peak RSS. Usage: node --import tsx bench/lib/generate-cli.ts <count> <seed>
 */
import { loadCorpus } from './corpus.ts';

const [count, seed] = process.argv.slice(2);
const { meta } = await loadCorpus(Number(count), String(seed));
process.stderr.write(
  `corpus: ${meta.documents.toLocaleString('en-US')} documents, ${meta.skipped} skipped, generated in ${meta.generationSeconds} s${meta.fromCache ? ' (cache)' : ''}\n`,
);
