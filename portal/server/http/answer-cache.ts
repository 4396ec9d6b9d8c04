import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { CHINA_OFFSET_MS, DAY_MS } from '@sunlight/domain/china-time';
import { Cache, CONTENT_TTL_MS } from '../cache';
import type { Runtime } from '../runtime';
import { notModified } from './conditional';
import { headerReader, sendResponse } from './node-response';
import { problem } from './problem';
import { admitClient } from './public-api';

/**
 * Answers to anonymous GETs of public records, kept as they were sent (compressed as the client asked)
 * and served before the Astro handler: record pages, enterprise pages, and the record, enterprise,
 * listing and search APIs. What they show changes through the change log (new records, corrections,
 * withdrawals, expiries: every process follows it within about a second), through the China date
 * (publication periods end at midnight) and through content and inspection counts (kept at most
 * CONTENT_TTL_MS, as the other content caches are). The cache forgets everything when the change log
 * advances, when this process accepts an agency's write (ingest) and at China midnight.
 *
 * Never kept: requests with a cookie, a partner key or Authorization; answers other than 200, with
 * Set-Cookie, `Cache-Control: private/no-store` or a Vary other than Accept-Encoding. Under /api/ a
 * cached answer still admits the client (rate limit) and carries its own RateLimit headers.
 */

const RECORD_PATH = /^(?:\/api\/v1)?\/(?:disclosures|permits|inspection-results|enterprises)\/[^/?]+(?:\?|$)/;
const LISTING_PATH = /^\/api\/v1\/(?:disclosures|permits|inspection-results|search)(?:\?|$)/;
/**
 * Agencies' writes: the cache is forgotten as this process accepts one, so the writer's next read
 * shows it (other writers, e.g. supervision reviews, reach it through the change log within a second).
 */
const WRITE_PATH = /^\/api\/v1\/ingest\//;
const MAX_URL = 2048;
/** Bodies larger than this are sent but not kept. */
const MAX_BODY_BYTES = 1024 * 1024;
/** What one entry costs besides its body (key, headers), for the byte budget. */
const ENTRY_OVERHEAD_BYTES = 1024;
export const ANSWER_CACHE_BYTES = 256 * 1024 * 1024;
/** Headers of the answer as sent that a cached copy does not repeat (framing) or sets per request. */
const NOT_KEPT = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);
/** Headers a 304 leaves out: those describing the body it does not have. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

export interface CachedAnswer {
  /** As sent, with the body's Content-Length. */
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface AnswerCacheOptions {
  /** The clock in milliseconds (tests). */
  now?: () => number;
  maxBytes?: number;
}

/** The instant the China day after `now`'s begins. */
export function nextChinaMidnight(now: number): number {
  return (Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - CHINA_OFFSET_MS;
}

export class AnswerCache {
  private readonly entries: Cache<string, CachedAnswer>;
  private readonly now: () => number;
  private generation = 0;
  private midnight: number;

  constructor({ now = Date.now, maxBytes = ANSWER_CACHE_BYTES }: AnswerCacheOptions = {}) {
    this.now = now;
    this.midnight = nextChinaMidnight(now());
    this.entries = new Cache({
      ttlMs: CONTENT_TTL_MS,
      max: 100_000,
      now,
      maxBytes,
      sizeOf: (a) => a.body.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  /** Forgets every answer, and every answer being made now (it is not kept when it is done). */
  invalidate(): void {
    this.generation++;
    this.midnight = nextChinaMidnight(this.now());
    this.entries.clear();
  }

  /** The current generation: an answer is kept only if no invalidation came between its start and its end. */
  current(): number {
    if (this.now() >= this.midnight) this.invalidate();
    return this.generation;
  }

  get(key: string): CachedAnswer | undefined {
    this.current();
    return this.entries.get(key);
  }

  set(key: string, generation: number, answer: CachedAnswer): void {
    if (generation === this.current()) this.entries.set(key, answer);
  }
}

/** The cache key of a request whose answer may be shared, else undefined. */
export function cacheKey(req: IncomingMessage): string | undefined {
  const url = req.url ?? '';
  if (req.method !== 'GET' || url.length > MAX_URL) return undefined;
  if (!RECORD_PATH.test(url) && !LISTING_PATH.test(url)) return undefined;
  const h = req.headers;
  if (h.cookie !== undefined || h.authorization !== undefined || h['x-api-key'] !== undefined) return undefined;
  return `${url}\n${h['accept-encoding'] ?? ''}`;
}

/**
 * The server's cache step, first of all (before compression, so what is kept is what was sent): answers
 * from the cache and returns true, or returns false after arranging for the answer to be kept.
 */
export function cachedAnswers(runtime: Runtime, cache: AnswerCache) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const key = cacheKey(req);
    if (!key) {
      if (req.method !== 'GET' && req.method !== 'HEAD' && WRITE_PATH.test(req.url ?? ''))
        invalidateOnAnswer(res, cache);
      return false;
    }
    const generation = cache.current();
    const hit = cache.get(key);
    if (hit) {
      void serve(runtime, req, res, hit);
      return true;
    }
    keepWhenSent(res, (answer) => cache.set(key, generation, answer));
    return false;
  };
}

/** The write has committed by the time its answer starts; a refused one (4xx) changed nothing. */
function invalidateOnAnswer(res: ServerResponse, cache: AnswerCache): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status < 400) cache.invalidate();
    return writeHead.apply(this, [status, ...rest] as never);
  } as typeof res.writeHead;
}

/** A cached answer: pages at once; under /api/ after admitting the client, with its RateLimit headers. */
function serve(runtime: Runtime, req: IncomingMessage, res: ServerResponse, hit: CachedAnswer): void {
  if (!req.url!.startsWith('/api/')) return send(req, res, hit, hit.headers);
  admitClient(runtime, headerReader(req.headers), () => req.socket.remoteAddress ?? 'unknown')
    .then((admitted) =>
      admitted.ok ? send(req, res, hit, { ...hit.headers, ...admitted.headers }) : sendResponse(res, admitted.response),
    )
    .catch((err: unknown) => {
      console.error(`[cache] ${req.url}`, err);
      if (res.headersSent) res.destroy();
      else void sendResponse(res, problem('internal', runtime.config.siteUrl, '暂时无法回答，请稍后再试。'));
    });
}

function send(req: IncomingMessage, res: ServerResponse, hit: CachedAnswer, headers: OutgoingHttpHeaders): void {
  const etag = headers.etag;
  if (typeof etag === 'string' && (req.headers['if-none-match'] || req.headers['if-modified-since'])) {
    const lastModified = typeof headers['last-modified'] === 'string' ? new Date(headers['last-modified']) : undefined;
    if (notModified({ headers: headerReader(req.headers) }, etag, lastModified)) {
      res.writeHead(304, Object.fromEntries(Object.entries(headers).filter(([k]) => !BODY_HEADERS.has(k))));
      res.end();
      return;
    }
  }
  res.writeHead(200, headers);
  res.end(hit.body);
}

/**
 * Collects what is written to `res` and hands it to `keep` when the answer ends, if it may be shared.
 * Compression, installed after this, has made every header a stored one (`getHeaders`).
 */
function keepWhenSent(res: ServerResponse, keep: (answer: CachedAnswer) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  const add = (chunk: unknown, encoding: unknown) => {
    if (chunk == null || typeof chunk === 'function' || bytes > MAX_BODY_BYTES) return;
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);
    bytes += buf.length;
    chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    add(args[0], args[1]);
    return write.apply(this, args as never);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (ended) return end.apply(this, args as never);
    ended = true;
    add(args[0], args[1]);
    const out = end.apply(this, args as never);
    const headers = shareable(res);
    if (headers && bytes <= MAX_BODY_BYTES)
      keep({ headers: { ...headers, 'content-length': bytes }, body: Buffer.concat(chunks) });
    return out;
  } as typeof res.end;
}

/** The headers to keep of an answer anyone may be given, else undefined. */
function shareable(res: ServerResponse): OutgoingHttpHeaders | undefined {
  if (res.statusCode !== 200 || res.destroyed) return undefined;
  const all = res.getHeaders();
  if (all['set-cookie'] !== undefined) return undefined;
  if (/\b(?:private|no-store)\b/i.test(String(all['cache-control'] ?? ''))) return undefined;
  const vary = String(all.vary ?? '');
  if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return undefined;
  return Object.fromEntries(Object.entries(all).filter(([k]) => !NOT_KEPT.has(k)));
}
