import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * PROTOCOL DOUBLE of a Meilisearch server — not a search engine and not a replacement for the contract
 * suite (which runs against a real server when MEILI_HOST is set). It answers the HTTP requests the engine
 * makes with the responses Meilisearch documents: writes are asynchronous tasks (202 + summarized task;
 * GET /tasks/:uid moves them enqueued → processing → succeeded | failed with `error`), indexes have a
 * primary key (guessed from fields ending in `id` when none is given, failing when several do), swap-indexes
 * swaps contents atomically, errors are `{ message, code, type, link }`. Tests make tasks fail, stay
 * processing or never answer, and read the documents it holds. Search answers every document of the index
 * in id order (or what `onSearch` returns): it checks requests, not ranking.
 */

type Doc = Record<string, unknown>;
interface IndexState {
  uid: string;
  primaryKey: string | null;
  docs: Map<string, Doc>;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
interface MeiliError {
  message: string;
  code: string;
  type: string;
  link: string;
}
interface TaskState {
  uid: number;
  indexUid: string | null;
  type: string;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed';
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: MeiliError | null;
  details: Record<string, unknown>;
  /** Polls left before the task finishes (a slow task); Infinity: it never does. */
  pollsLeft: number;
  run: () => MeiliError | null;
}

const error = (code: string, message: string, type = 'invalid_request'): MeiliError => ({
  message,
  code,
  type,
  link: `https://docs.meilisearch.com/errors#${code}`,
});
const VALID_ID = /^[A-Za-z0-9_-]{1,511}$/;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export class MeiliDouble {
  readonly indexes = new Map<string, IndexState>();
  readonly tasks: TaskState[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Faults for the next tasks of a type: each entry is used once. */
  private readonly faults: { type: string; fault: { fail: MeiliError } | { polls: number } }[] = [];
  /** While set, requests whose path matches get no answer (the client's request timeout must fire). */
  hang: RegExp | undefined;
  onSearch: ((uid: string, body: Record<string, unknown>) => unknown) | undefined;
  private server: Server | undefined;
  private readonly now = () => new Date(Date.UTC(2026, 11, 1) + this.tasks.length * 1000).toISOString();
  host = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.host = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** The next task of `type` (e.g. documentDeletion) fails with this Meilisearch error code. */
  failNext(type: string, code = 'internal', message = 'simulated failure'): void {
    this.faults.push({
      type,
      fault: { fail: error(code, message, code === 'internal' ? 'internal' : 'invalid_request') },
    });
  }

  /** The next task of `type` stays enqueued/processing for `polls` status requests (Infinity: forever). */
  slowNext(type: string, polls: number): void {
    this.faults.push({ type, fault: { polls } });
  }

  /** Lets every slow task finish at its next poll (tasks run in order, so a stuck one holds up the rest). */
  unstick(): void {
    for (const t of this.tasks) t.pollsLeft = 0;
  }

  docs(uid: string): Doc[] {
    return [...(this.indexes.get(uid)?.docs.values() ?? [])];
  }

  ids(uid: string): string[] {
    const pk = this.indexes.get(uid)?.primaryKey ?? 'id';
    return this.docs(uid)
      .map((d) => String(d[pk]))
      .sort();
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'));
  }

  private enqueue(indexUid: string | null, type: string, details: Record<string, unknown>, run: TaskState['run']) {
    const at = this.faults.findIndex((f) => f.type === type);
    const fault = at >= 0 ? this.faults.splice(at, 1)[0]!.fault : undefined;
    const task: TaskState = {
      uid: this.tasks.length,
      indexUid,
      type,
      status: 'enqueued',
      enqueuedAt: this.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      details,
      pollsLeft: fault && 'polls' in fault ? fault.polls : 0,
      run: fault && 'fail' in fault ? () => fault.fail : run,
    };
    this.tasks.push(task);
    return { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt };
  }

  /** Tasks run in order of arrival: asking for one finishes every earlier one first. */
  private advance(uid: number): void {
    for (const task of this.tasks) {
      if (task.uid > uid) break;
      if (task.status === 'succeeded' || task.status === 'failed') continue;
      if (task.pollsLeft > 0) {
        if (task.uid === uid) task.pollsLeft--;
        task.status = 'processing';
        task.startedAt ??= this.now();
        return;
      }
      task.startedAt ??= this.now();
      task.error = task.run();
      task.status = task.error ? 'failed' : 'succeeded';
      task.finishedAt = this.now();
    }
  }

  private taskView(t: TaskState) {
    return {
      uid: t.uid,
      batchUid: t.status === 'enqueued' ? null : t.uid,
      indexUid: t.indexUid,
      status: t.status,
      type: t.type,
      canceledBy: null,
      details: t.details,
      error: t.error,
      duration: t.finishedAt ? 'PT0.001S' : null,
      enqueuedAt: t.enqueuedAt,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
    };
  }

  private createIndex(uid: string, primaryKey: string | null): IndexState {
    const at = this.now();
    const index = { uid, primaryKey, docs: new Map(), settings: {}, createdAt: at, updatedAt: at };
    this.indexes.set(uid, index);
    return index;
  }

  private addDocuments(uid: string, docs: Doc[], primaryKey: string | null): MeiliError | null {
    const index = this.indexes.get(uid) ?? this.createIndex(uid, null);
    if (primaryKey && index.primaryKey && primaryKey !== index.primaryKey)
      return error(
        'index_primary_key_already_exists',
        `Index \`${uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`,
      );
    let pk = index.primaryKey ?? primaryKey;
    if (!pk) {
      const candidates = Object.keys(docs[0] ?? {}).filter((k) => k.toLowerCase().endsWith('id'));
      if (candidates.length !== 1)
        return error(
          candidates.length ? 'index_primary_key_multiple_candidates_found' : 'index_primary_key_no_candidate_found',
          `The primary key inference failed as the engine found ${candidates.length} fields ending with \`id\` in their names: ${candidates.map((c) => `'${c}'`).join(' and ')}. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
        );
      pk = candidates[0]!;
    }
    for (const d of docs) {
      const id = d[pk];
      if (id === undefined) return error('missing_document_id', `Document doesn't have a \`${pk}\` attribute.`);
      if (!VALID_ID.test(String(id)))
        return error(
          'invalid_document_id',
          `Document identifier \`"${String(id)}"\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`,
        );
    }
    index.primaryKey = pk;
    for (const d of docs) index.docs.set(String(d[pk]), { ...index.docs.get(String(d[pk])), ...d });
    return null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://double');
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const method = req.method ?? 'GET';
      this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
      if (this.hang?.test(url.pathname)) return; // never answered
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const accepted = (json: unknown) => send(202, json);
      const seg = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const notFound = (uid: string) => send(404, error('index_not_found', `Index \`${uid}\` not found.`));

      if (seg[0] === 'tasks' && seg[1] && method === 'GET') {
        const task = this.tasks[Number(seg[1])];
        if (!task) return send(404, error('task_not_found', `Task \`${seg[1]}\` not found.`));
        this.advance(task.uid);
        return send(200, this.taskView(task));
      }
      if (seg[0] === 'swap-indexes' && method === 'POST') {
        const swaps = body as { indexes: [string, string] }[];
        return accepted(
          this.enqueue(null, 'indexSwap', { swaps }, () => {
            for (const { indexes } of swaps)
              for (const uid of indexes)
                if (!this.indexes.has(uid)) return error('index_not_found', `Index \`${uid}\` not found.`);
            for (const {
              indexes: [a, b],
            } of swaps) {
              const ia = this.indexes.get(a)!;
              const ib = this.indexes.get(b)!;
              this.indexes.set(a, { ...ib, uid: a });
              this.indexes.set(b, { ...ia, uid: b });
            }
            return null;
          }),
        );
      }
      if (seg[0] !== 'indexes') return send(404, error('not_found', 'not found'));
      if (seg.length === 1 && method === 'GET') {
        const results = [...this.indexes.values()].map(({ uid, primaryKey, createdAt, updatedAt }) => ({
          uid,
          primaryKey,
          createdAt,
          updatedAt,
        }));
        return send(200, { results, offset: 0, limit: 20, total: results.length });
      }
      if (seg.length === 1 && method === 'POST') {
        const { uid, primaryKey = null } = body as { uid: string; primaryKey?: string };
        return accepted(
          this.enqueue(uid, 'indexCreation', { primaryKey }, () => {
            if (this.indexes.has(uid)) return error('index_already_exists', `Index \`${uid}\` already exists.`);
            this.createIndex(uid, primaryKey);
            return null;
          }),
        );
      }
      const uid = seg[1]!;
      const index = this.indexes.get(uid);
      const rest = seg.slice(2).join('/');
      if (rest === '' && method === 'GET') {
        if (!index) return notFound(uid);
        const { primaryKey, createdAt, updatedAt } = index;
        return send(200, { uid, primaryKey, createdAt, updatedAt });
      }
      if (rest === '' && method === 'PATCH') {
        const { primaryKey } = body as { primaryKey: string };
        return accepted(
          this.enqueue(uid, 'indexUpdate', { primaryKey }, () => {
            const i = this.indexes.get(uid);
            if (!i) return error('index_not_found', `Index \`${uid}\` not found.`);
            if (i.docs.size && i.primaryKey)
              return error('index_primary_key_already_exists', 'Index already has a primary key.');
            i.primaryKey = primaryKey;
            return null;
          }),
        );
      }
      if (rest === '' && method === 'DELETE')
        return accepted(
          this.enqueue(uid, 'indexDeletion', {}, () =>
            this.indexes.delete(uid) ? null : error('index_not_found', `Index \`${uid}\` not found.`),
          ),
        );
      if (rest === 'settings' && method === 'PATCH')
        return accepted(
          this.enqueue(uid, 'settingsUpdate', body as Record<string, unknown>, () => {
            const i = this.indexes.get(uid) ?? this.createIndex(uid, null);
            i.settings = { ...i.settings, ...(body as Record<string, unknown>) };
            return null;
          }),
        );
      if (rest === 'documents' && method === 'POST') {
        const docs = body as Doc[];
        const pk = url.searchParams.get('primaryKey');
        return accepted(
          this.enqueue(uid, 'documentAdditionOrUpdate', { receivedDocuments: docs.length }, () =>
            this.addDocuments(uid, docs, pk),
          ),
        );
      }
      if (rest === 'documents/delete-batch' && method === 'POST') {
        const ids = (body as unknown[]).map(String);
        return accepted(
          this.enqueue(uid, 'documentDeletion', { providedIds: ids.length }, () => {
            const i = this.indexes.get(uid);
            if (!i) return error('index_not_found', `Index \`${uid}\` not found.`);
            for (const id of ids) i.docs.delete(id);
            return null;
          }),
        );
      }
      if (rest === 'documents' && method === 'DELETE')
        return accepted(
          this.enqueue(uid, 'documentDeletion', {}, () => {
            const i = this.indexes.get(uid);
            if (!i) return error('index_not_found', `Index \`${uid}\` not found.`);
            i.docs.clear();
            return null;
          }),
        );
      if (!index) return notFound(uid);
      if (rest === 'stats' && method === 'GET')
        return send(200, {
          numberOfDocuments: index.docs.size,
          rawDocumentDbSize: index.docs.size * 1000,
          isIndexing: false,
          fieldDistribution: {},
        });
      if (rest === 'documents' && method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const fields = url.searchParams.get('fields')?.split(',');
        const all = [...index.docs.values()];
        const results = all
          .slice(offset, offset + limit)
          .map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d));
        return send(200, { results, offset, limit, total: all.length });
      }
      if (rest === 'search' && method === 'POST') {
        const b = body as Record<string, unknown>;
        if (this.onSearch) return send(200, this.onSearch(uid, b));
        const all = [...index.docs.entries()].sort(([a], [b2]) => (a < b2 ? -1 : 1)).map(([, d]) => d);
        const offset = Number(b.offset ?? 0);
        const limit = Number(b.limit ?? 20);
        return send(200, {
          hits: all.slice(offset, offset + limit),
          query: b.q ?? '',
          processingTimeMs: 0,
          limit,
          offset,
          estimatedTotalHits: all.length,
          facetDistribution: {},
        });
      }
      send(404, error('not_found', `the double does not answer ${method} ${url.pathname}`));
    });
  }
}
