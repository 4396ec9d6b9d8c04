import type { SearchQuery } from '@sunlight/search-indexer/query';
import type { SearchEngine, SearchResult } from '@sunlight/search-indexer/types';
import type { Config } from '../config';
import type { Db } from '../db/types';
import { createEngine } from './engine';
import { latestSeq } from '../records/change-log';
import { EMBEDDED_CAPACITY, embeddedCapacityWarning } from './capacity';
import { publicCount, rebuildIndex, syncChanges, verifyIndex, type Drift, type RebuildProgress } from './sync';

/**
 * Keeps one search engine in step with the database for this process. The embedded index is built
 * at start-up and follows the change log; Meilisearch keeps its change-log position in the database
 * (table search_cursors, keyed by index and settings version) so any process can resume where another
 * stopped, and only the holder of the jobs lease writes to it.
 */
export class SearchService {
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly advanceListeners = new Set<(seq: number) => void>();
  lastSyncAt: Date | undefined;

  private constructor(
    private readonly db: Db,
    readonly engine: SearchEngine,
    private readonly log: (line: string) => void,
    private readonly mayWrite: () => boolean,
  ) {}

  /**
   * `mayWrite`: whether this process writes to an external engine (Meilisearch) — the holder of the jobs
   * lease, so a change is written once however many processes there are. The others read its position.
   * An embedded engine is this process's own and always follows the change log; above `embeddedCapacity`
   * public records it is started all the same, after a warning naming the setting that replaces it.
   */
  static async start(
    db: Db,
    config: Config,
    log: (line: string) => void,
    mayWrite: () => boolean = () => true,
    { embeddedCapacity = EMBEDDED_CAPACITY }: { embeddedCapacity?: number } = {},
  ): Promise<SearchService> {
    const service = new SearchService(db, createEngine(config), log, mayWrite);
    if (!service.engine.identity) {
      const warning = embeddedCapacityWarning(await publicCount(db), embeddedCapacity);
      if (warning) log(warning);
      await service.rebuild(progressLogger(log));
    } else {
      const cursor = await service.storedCursor();
      if (cursor !== undefined) service.seq = cursor;
      if (mayWrite()) {
        await service.engine.configure?.();
        const reason = cursor === undefined ? 'no change-log position stored for it' : await service.indexMismatch();
        if (reason) {
          log(`[search] rebuilding ${service.engine.identity}: ${reason}`);
          await service.rebuild(progressLogger(log));
        }
      }
    }
    await service.sync();
    return service;
  }

  /**
   * Why the external index cannot be trusted to be at the stored position, or undefined if it can: after
   * catching up, it must hold as many documents as the database has public records (an index created
   * anew, emptied or pointed elsewhere since the position was stored does not).
   */
  private async indexMismatch(): Promise<string | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.sync();
      const database = await publicCount(this.db);
      const { documents } = await this.engine.stats();
      // Only a count taken while the log stood still compares like with like.
      if ((await latestSeq(this.db)) !== this.seq) continue;
      return documents === database
        ? undefined
        : `it holds ${documents} documents, the database ${database} public records`;
    }
    return undefined;
  }

  get position(): number {
    return this.seq;
  }

  /**
   * Calls `listener` whenever this process has followed the change log to a new position (the public
   * record set changed at or before `seq`). Returns the function that stops it.
   */
  onAdvance(listener: (seq: number) => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.engine.search(query);
  }

  async rebuild(progress?: RebuildProgress): Promise<{ documents: number; seq: number; seconds: number }> {
    if (this.engine.identity && !this.mayWrite())
      throw new Error(
        '另一进程持有 jobs 租约并负责写入 Meilisearch 索引，请在该进程中重建 / another process holds the jobs lease and writes the Meilisearch index: rebuild there',
      );
    const started = performance.now();
    const result = await this.exclusive(async () => {
      const built = await rebuildIndex(this.db, this.engine, progress);
      this.advanceTo(built.seq);
      // The new index holds the database as of `built.seq`, whatever position the old one had reached.
      await this.storeCursor(true);
      return built;
    });
    return { ...result, seconds: (performance.now() - started) / 1000 };
  }

  /** Applies every change logged since the last position. */
  async sync(): Promise<number> {
    return this.exclusive(async () => {
      if (this.engine.identity && !this.mayWrite()) {
        // The lease holder writes; this process moves (and tells its listeners) when the holder has.
        const written = await this.storedCursor();
        if (written !== undefined && written !== this.seq) this.advanceTo(written);
        this.lastSyncAt = new Date();
        return 0;
      }
      // The stored position is the truth for an external index: a rebuild elsewhere may have set it back.
      const stored = this.engine.identity ? await this.storedCursor() : undefined;
      if (stored !== undefined && stored < this.seq) this.seq = stored;
      let applied = 0;
      for (;;) {
        // A failed write throws here, before the position moves: the next sync applies the same changes.
        const res = await syncChanges(this.db, this.engine, this.seq);
        if (res.seq === this.seq) break;
        this.advanceTo(res.seq);
        applied += res.applied;
        await this.storeCursor();
      }
      this.lastSyncAt = new Date();
      return applied;
    });
  }

  verify(): Promise<Drift> {
    return this.exclusive(() => verifyIndex(this.db, this.engine));
  }

  /** Polls the change log; a withdrawal leaves the index within about a second. */
  startLoop(intervalMs = 1000): void {
    this.timer ??= setInterval(() => {
      const from = this.seq;
      this.sync().catch((err: Error) =>
        this.log(`[search] sync failed, will retry from change-log position ${from}: ${err.message}`),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => {});
    await this.engine.close?.();
  }

  private advanceTo(seq: number): void {
    this.seq = seq;
    for (const listener of this.advanceListeners) listener(seq);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.running.then(fn, fn);
    this.running = next.catch(() => {});
    return next;
  }

  /** The position stored for this engine's identity (index and settings version): none for a new one. */
  private async storedCursor(): Promise<number | undefined> {
    if (!this.engine.identity) return undefined;
    const [row] = await this.db.query<{ seq: number }>(
      'SELECT seq::int8 AS seq FROM search_cursors WHERE engine = $1',
      [this.engine.identity],
    );
    return row?.seq;
  }

  private async storeCursor(replace = false): Promise<void> {
    if (!this.engine.identity) return;
    await this.db.query(
      `INSERT INTO search_cursors (engine, seq) VALUES ($1, $2)
       ON CONFLICT (engine) DO UPDATE SET seq = ${replace ? 'EXCLUDED.seq' : 'GREATEST(search_cursors.seq, EXCLUDED.seq)'}, updated_at = now()`,
      [this.engine.identity, this.seq],
    );
  }
}

function progressLogger(log: (line: string) => void): RebuildProgress {
  let lastTenth = -1;
  return (done, total) => {
    const tenth = total ? Math.floor((done / total) * 10) : 10;
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      log(`[search] indexing ${done}/${total} (${tenth * 10}%)`);
    }
  };
}
