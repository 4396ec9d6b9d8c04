/** Key ranges to read several batches at once: see keysetBatches. */
export interface KeyRanges {
  /** The last key of each of the next few full batches after `after`; none when less than a batch is left. */
  splits(after: string): Promise<string[]>;
  /** How many batches are read at the same time. */
  ahead: number;
}

/**
 * Rows in key order, a batch at a time (exports: memory stays flat however many there are). The next
 * batch is read while the caller works on this one, so the database and the formatting overlap.
 *
 * With `ranges`, up to `ranges.ahead` batches are read at once, each as a key range (after, upTo] from
 * `ranges.splits`, and what is left after the last split by an open-ended `page(after)`. On PostgreSQL each
 * read has its own connection, so several server processes turn stored records into text at the same time
 * (that conversion, not the formatting, is what limits an export).
 */
export async function* keysetBatches<T extends { id: string }>(
  page: (after: string, upTo?: string) => Promise<T[]>,
  ranges?: KeyRanges,
): AsyncGenerator<T[]> {
  const queue: { rows: Promise<T[]>; open: boolean }[] = [];
  const read = (after: string, upTo?: string) => {
    const rows = page(after, upTo);
    // A caller that stops early (the client went away) never awaits it: not an unhandled rejection.
    rows.catch(() => {});
    queue.push({ rows, open: upTo === undefined });
  };
  const ahead = Math.max(1, ranges?.ahead ?? 1);
  let after = '';
  let splits: string[] = [];
  let open = false; // an open-ended read is queued: read nothing more until it is back
  for (;;) {
    while (!open && queue.length < ahead) {
      if (ranges && !splits.length) splits = await ranges.splits(after);
      const upTo = splits.shift();
      read(after, upTo);
      if (upTo === undefined) open = true;
      else after = upTo;
    }
    const next = queue.shift();
    if (!next) return;
    const rows = await next.rows;
    if (next.open) {
      if (!rows.length) return;
      after = rows[rows.length - 1]!.id;
      open = false;
      if (!ranges) {
        // The next batch is read now, while the caller works on this one.
        read(after);
        open = true;
      }
    }
    if (rows.length) yield rows;
  }
}
