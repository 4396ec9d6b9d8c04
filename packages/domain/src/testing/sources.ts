import fs from 'node:fs';
import path from 'node:path';

/** The repository's root (for tests that read its files). */
export const REPO_ROOT = path.join(import.meta.dirname, '../../../..');

const SOURCE_DIRS = [
  'portal',
  'packages',
  'search-indexer/src',
  'miniprogram/src',
  'content',
  'tests/helpers',
  'bench',
];

function walk(dir: string): string[] {
  if (!fs.existsSync(path.join(REPO_ROOT, dir))) return [];
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'results'].includes(e.name) ? [] : walk(rel);
    return /\.(ts|tsx|astro|mjs)$/.test(e.name) && !/\.(test|spec)\.ts$/.test(e.name) ? [rel] : [];
  });
}

/**
 * Source files (tests left out) whose text matches `pattern`, except `home`, the one module that may: a
 * test that one concept keeps living in one place.
 */
export function sourcesMatching(pattern: RegExp, home: string): string[] {
  return SOURCE_DIRS.flatMap(walk).filter(
    (f) => f !== path.normalize(home) && pattern.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')),
  );
}
