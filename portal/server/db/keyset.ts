/**
 * Rows in key order, a batch at a time (exports: memory stays flat however many there are). The next
 * batch is read while the caller works on this one, so the database and the formatting overlap.
 */
export async function* keysetBatches<T extends { id: string }>(
  page: (after: string) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let next = page('');
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    next = page(rows[rows.length - 1]!.id);
    // A caller that stops early (the client went away) never awaits it: not an unhandled rejection.
    next.catch(() => {});
    yield rows;
  }
}
